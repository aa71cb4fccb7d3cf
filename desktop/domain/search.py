"""The text a household is found by, as one lower-case string.

The household list searches as the user types: by head or member name, full
pinyin or pinyin initials (``zsf`` finds 张三丰), any part of a resident ID, a
phone number, the flat (``3栋2单元501``, ``501``) or the household code.  Rather
than join persons on every keystroke, each household keeps this text in
``households.search_text``, rebuilt by the service that saves the household or
its members; a search is then one ``LIKE '%q%'`` over 12 000 short rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.pinyin import pinyin_full, pinyin_initials

SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class MemberKeys:
    name: str
    resident_id: str
    phone: str = ""


def household_search_text(
    *,
    code: str,
    building_name: str,
    unit: str,
    room: str,
    phone: str,
    members: Iterable[MemberKeys],
) -> str:
    parts = [
        code,
        phone,
        room,
        f"{building_name}{unit}单元{room}",
        f"{building_name}-{unit}-{room}",
    ]
    for m in members:
        parts += [m.name, pinyin_full(m.name), pinyin_initials(m.name), m.resident_id, m.phone]
    return SEPARATOR.join(p for p in parts if p).lower()


def normalise_query(text: str) -> str:
    """What the user typed, as it is matched: full-width digits and letters (typed with a
    Chinese input method) folded to ASCII, trimmed, lower-case, no inner spaces.

    ``%`` and ``_`` are escaped by the caller's LIKE (``escape='\\\\'``).
    """
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


@dataclass(frozen=True, slots=True)
class MemberMatch:
    """Why a household matched a search, when its head's name does not say it."""

    kind: str  # "name" (name or pinyin), "resident_id" or "phone"
    name: str  # the member whose keys matched


def member_match(
    query: str, head: MemberKeys | None, others: Iterable[MemberKeys]
) -> MemberMatch | None:
    """The member a search found, for the list to show beside the head's name.

    None when the head's own name (or pinyin) matches, or when only the
    household's code, flat or phone does: what the row shows explains those.
    The head's ID or phone is said like any member's.
    """
    q = normalise_query(query)
    if not q:
        return None
    if head is not None and q in _name_keys(head.name):
        return None
    for member in ([head] if head is not None else []) + list(others):
        if member is not head and q in _name_keys(member.name):
            return MemberMatch("name", member.name)
        if member.resident_id and q in member.resident_id.lower():
            return MemberMatch("resident_id", member.name)
        if member.phone and q in normalise_query(member.phone):
            return MemberMatch("phone", member.name)
    return None


def _name_keys(name: str) -> str:
    return SEPARATOR.join((name, pinyin_full(name), pinyin_initials(name))).lower()
