"""The text a household is found by, as one lower-case string.

The household list searches as the user types: by head or member name, full
pinyin or pinyin initials (``zsf`` finds 张三丰), any part of a resident ID, a
phone number, the flat (``3栋2单元501``, ``501``) or the household code.  Rather
than join persons on every keystroke, each household keeps this text in
``households.search_text``, rebuilt by the service that saves the household or
its members; a search is then one ``LIKE '%q%'`` over 12 000 short rows.
"""

from __future__ import annotations

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
    """What the user typed, as it is matched: trimmed, lower-case, no inner spaces.

    ``%`` and ``_`` are escaped by the caller's LIKE (``escape='\\\\'``).
    """
    return "".join(text.split()).lower()
