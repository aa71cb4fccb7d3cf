"""Pinyin keys for searching and sorting Chinese names (pypinyin).

Grid members type ``zsf`` to find 张三丰 or ``zhangsan`` for 张三.  Each name is
stored with its full toneless pinyin and its initials, both lower-case, so that
search is a plain indexed ``LIKE`` in SQL.  Polyphonic characters follow
pypinyin's phrase dictionary; a polyphonic surname read out of context (单 as
dan rather than shan) is a known limit.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def pinyin_full(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).lower()


def pinyin_initials(text: str) -> str:
    return "".join(
        s[0] for s in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default") if s
    ).lower()


def sort_key(text: str) -> str:
    """Key that sorts Chinese names by pinyin (then by the characters themselves)."""
    return pinyin_full(text) + "\x00" + text
