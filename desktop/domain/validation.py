"""Field rules of the survey forms, over plain values.

Each check raises :class:`~desktop.domain.errors.ValidationError` naming the
field, so the form can show the Chinese message beside the input at fault.
Forms have many fields and a grid member fixes them in one go, so a service
collects every fault with :class:`ErrorCollector` and raises
:class:`ValidationErrors` carrying all of them (the first is also its own code
and field, for callers that show one message only, such as the CLI).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from desktop.domain.errors import ValidationError

T = TypeVar("T")

# 11-digit mobile numbers start 13x–19x; landlines are a 3- or 4-digit area code
# starting with 0 and a 7- or 8-digit local number.
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_DASHED_RE = re.compile(r"^0\d{2,3}-\d{7,8}$")
LANDLINE_PLAIN_RE = re.compile(r"^0\d{9,11}$")


class ValidationErrors(ValidationError):
    """Several faults of one form at once; ``errors`` in the order of the form."""

    def __init__(self, errors: Sequence[ValidationError]):
        if not errors:
            raise ValueError("ValidationErrors needs at least one error")
        self.errors: tuple[ValidationError, ...] = tuple(errors)
        first = self.errors[0]
        super().__init__(first.code, field=first.field, **first.params)

    def by_field(self) -> dict[str, ValidationError]:
        """The first error of each field (what the form shows beside it)."""
        out: dict[str, ValidationError] = {}
        for err in self.errors:
            out.setdefault(err.field or "", err)
        return out


class ErrorCollector:
    """Gathers the faults of a whole form before anything is written."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, error_code: str, field: str, /, **params: object) -> None:
        self.errors.append(ValidationError(error_code, field=field, **params))

    @contextmanager
    def check(self) -> Iterator[None]:
        """Run a check; a :class:`ValidationError` it raises is kept, not propagated."""
        try:
            yield
        except ValidationErrors as many:
            self.errors.extend(many.errors)
        except ValidationError as err:
            self.errors.append(err)

    def value(self, func: Callable[[], T], default: T) -> T:
        """``func()``, or ``default`` after keeping the error it raised."""
        try:
            return func()
        except ValidationError as err:
            self.errors.append(err)
            return default

    def has(self, field: str) -> bool:
        return any(e.field == field for e in self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


def half_width(text: str) -> str:
    """Full-width digits and dashes (typed with a Chinese input method) as ASCII."""
    return unicodedata.normalize("NFKC", text or "")


def normalise_phone(text: str) -> str:
    """What people type, with spaces dropped and full-width characters folded."""
    return "".join(half_width(text).split()).replace("－", "-").replace("—", "-")


def check_phone(text: str, field: str, *, required: bool = False) -> str:
    """An 11-digit mobile (1[3-9]…) or a landline with area code (0743-8521234).

    Returns the number as it is stored; empty stays empty unless ``required``.
    """
    phone = normalise_phone(text)
    if not phone:
        if required:
            raise ValidationError("required", field=field)
        return ""
    if phone.startswith("+86"):
        phone = phone[3:].lstrip("-")
    if MOBILE_RE.match(phone) or LANDLINE_DASHED_RE.match(phone):
        return phone
    if LANDLINE_PLAIN_RE.match(phone):
        return phone
    raise ValidationError("phone_format", field=field)


def check_not_future(day: date | None, today: date, field: str) -> None:
    if day is not None and day > today:
        raise ValidationError("date_in_future", field=field, date=day.isoformat())


def check_not_before_birth(day: date | None, birth: date | None, field: str) -> None:
    """Move-in or employment dates cannot come before the person was born."""
    if day is not None and birth is not None and day < birth:
        raise ValidationError("date_before_birth", field=field, birth=birth.isoformat())


def check_income(value: int | None, field: str) -> int:
    if value is None:
        return 0
    if value < 0:
        raise ValidationError("income_negative", field=field)
    return value


def check_required(text: str, field: str) -> str:
    value = (text or "").strip()
    if not value:
        raise ValidationError("required", field=field)
    return value


def check_choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise ValidationError("bad_choice", field=field)
    return value


def single_head(relations: Sequence[str], head: str = "head") -> int:
    """Index of the one member whose relation is ``head``.

    No head is a fault of the member list as a whole; a second head is a fault
    of that member's relation field, which is where the user fixes it.
    """
    heads = [i for i, rel in enumerate(relations) if rel == head]
    if not heads:
        raise ValidationError("no_head", field="members")
    if len(heads) > 1:
        raise ValidationError("two_heads", field=f"members[{heads[1]}].relation", count=len(heads))
    return heads[0]


def parse_iso_date(text: str, field: str) -> date | None:
    """A date typed as 2024-03-01 (or 2024/3/1, 2024.3.1, 20240301); empty is None."""
    raw = half_width(text).strip()
    if not raw:
        return None
    cleaned = raw.replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-")
    cleaned = cleaned.rstrip("日").strip("-")
    try:
        if re.fullmatch(r"\d{8}", cleaned):
            return date(int(cleaned[:4]), int(cleaned[4:6]), int(cleaned[6:]))
        parts = cleaned.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        pass
    raise ValidationError("date_format", field=field)


def parse_amount(text: str, field: str) -> int:
    """Whole yuan typed as 3000, 3,000 or -200 (the sign is kept for the income rule)."""
    raw = half_width(text).strip().replace(",", "").replace("元", "")
    if not raw:
        return 0
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if re.fullmatch(r"-?\d+\.\d*", raw):
        return round(float(raw))
    raise ValidationError("amount_format", field=field)
