"""Pinyin keys for searching and sorting Chinese names (pypinyin).

Grid members type ``zsf`` to find 张三丰 or ``zhangsan`` for 张三.  Each name is
stored with its full toneless pinyin and its initials, both lower-case, so that
search is a plain indexed ``LIKE`` in SQL.  Polyphonic characters follow
pypinyin's phrase dictionary; a polyphonic surname read out of context (单 as
dan rather than shan) is a known limit.

pypinyin is imported on first use: its phrase dictionary takes about a second
to load, and start-up and search never need it (only saving a name does).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def _pypinyin() -> Any:
    import pypinyin

    return pypinyin


def _syllables(text: str, first_letter: bool = False) -> list[str]:
    p = _pypinyin()
    style = p.Style.FIRST_LETTER if first_letter else p.Style.NORMAL
    return [s for s in p.lazy_pinyin(text, style=style, errors="default") if s]


@lru_cache(maxsize=16384)
def pinyin_full(text: str) -> str:
    return "".join(_syllables(text)).lower()


@lru_cache(maxsize=16384)
def pinyin_initials(text: str) -> str:
    return "".join(s[0] for s in _syllables(text, first_letter=True)).lower()


@lru_cache(maxsize=8192)
def pinyin_spaced(text: str) -> str:
    """Toneless syllables separated by spaces, lower-case (``zhang san feng``): the
    sort key of names, so that one surname's households sort together."""
    return " ".join(_syllables(text)).lower()


def sort_key(text: str) -> str:
    """Key that sorts Chinese names by pinyin (then by the characters themselves)."""
    return pinyin_full(text) + "\x00" + text
