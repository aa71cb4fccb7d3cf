"""Resident identity numbers (居民身份证号码, GB 11643-1999).

An 18-character number: a 6-digit area code (GB/T 2260), the birth date as
YYYYMMDD, a 3-digit sequence whose parity gives the sex (odd: male), and an
ISO 7064 MOD 11-2 check character.  The format and check digit come from
python-stdnum's ``cn.ric``; this module adds what Anju needs on top: typed
errors naming the fault, the future-date rule, age on a given day and masking
for printed cards.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from desktop.domain.errors import ValidationError


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class ResidentIdError(ValidationError):
    """``code`` is one of: id_empty, id_length, id_format, id_checksum, id_birth_date,
    id_future_birth, id_area."""

    code = "id_invalid"


@dataclass(frozen=True, slots=True)
class ResidentId:
    number: str
    birth_date: date
    sex: Sex
    area_code: str

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)

    @property
    def masked(self) -> str:
        return mask(self.number)


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return max(years, 0)


# How Excel shows an 18-digit number it has turned into a float: 4.33127197011187E+17.
EXCEL_NUMBER_RE = re.compile(r"^\d(\.\d+)?E\+?\d+$")


def normalise(text: str) -> str:
    """What people type, as the ID it means: full-width digits and Ｘ (a Chinese input
    method's) folded to ASCII, spaces and dashes dropped, a trailing x upper-cased."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).replace("-", "").upper()


def parse(text: str, *, today: date | None = None, field: str = "resident_id") -> ResidentId:
    """Validate and decode a resident ID, raising :class:`ResidentIdError` with the reason.

    The area code is checked against GB/T 2260 (python-stdnum's table), since a
    number invented with a random prefix is the commonest typing error after the
    check digit.
    """
    number = normalise(text)
    if not number:
        raise ResidentIdError("id_empty", field=field)
    if EXCEL_NUMBER_RE.match(number):
        # Excel keeps 15 digits of a number: the last three are gone, not mistyped
        raise ResidentIdError("id_excel_number", field=field, value=text.strip())
    if len(number) != 18:
        raise ResidentIdError("id_length", field=field, length=len(number))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ResidentIdError("id_format", field=field)
    if ric.calc_check_digit(number) != number[17]:
        raise ResidentIdError("id_checksum", field=field, expected=ric.calc_check_digit(number))
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ResidentIdError("id_birth_date", field=field) from None
    if birth > (today or date.today()):
        raise ResidentIdError("id_future_birth", field=field)
    if not _area_in_use(number[:6], birth.year):
        raise ResidentIdError("id_area", field=field, area=number[:6])
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return ResidentId(number=number, birth_date=birth, sex=sex, area_code=number[:6])


@lru_cache(maxsize=65536)
def _area_in_use(area_code: str, year: int) -> bool:
    """Whether GB/T 2260 had ``area_code`` in use in ``year`` (stdnum's table lookup is
    slow and a township has few area codes, so the answer is remembered)."""
    body = f"{area_code}{year:04d}0101001"
    try:
        ric.get_birth_place(body + ric.calc_check_digit(body + "0"))
    except stdnum_errors.ValidationError:
        return False
    return True


def is_valid(text: str, *, today: date | None = None) -> bool:
    try:
        parse(text, today=today)
    except ResidentIdError:
        return False
    return True


def build(area_code: str, birth: date, sequence: int) -> str:
    """Make a valid number from its parts (demo data and tests).  ``sequence`` 0..999;
    its parity decides the sex."""
    if len(area_code) != 6 or not area_code.isdigit():
        raise ValueError(f"area code must be 6 digits, got {area_code!r}")
    if not 0 <= sequence <= 999:
        raise ValueError("sequence must be 0..999")
    body = f"{area_code}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def mask(number: str) -> str:
    """Printed cards show the first 6 and last 4 characters: 433101********123X."""
    number = normalise(number)
    if len(number) <= 10:
        return number
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
