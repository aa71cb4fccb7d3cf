"""``anju --help`` and argparse's own errors in Chinese.

argparse marks its words for translation with gettext (``_('options')``,
``_('usage: ')``...) and looks them up through the module-level names it
imported, ``argparse._`` and ``argparse.ngettext``.  :func:`install` points
those two names at a gettext catalogue of ours, so "options:", "positional
arguments:", "usage:", "show this help message and exit" and argparse's error
sentences read in Chinese, while argparse itself stays as it is.

Decisions, and why: a catalogue in code rather than a compiled ``.mo`` file for
the ``argparse`` domain: gettext would only find a ``.mo`` under a locale
directory chosen by the environment (``LANGUAGE``/``LANG``), and many township
laptops run with an English or C locale; the command line is Chinese like the
interface, whatever the locale.  A string argparse adds in a later Python is
simply shown in English until it is added here.
"""

from __future__ import annotations

import argparse
import gettext

CATALOGUE: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项不明确：%(option)s 可能是 %(matches)s"
    ),
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出参数 %s 之一",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有子命令 %(parser_name)r（可选：%(choices)s）"
    ),
}
PLURALS: dict[str, str] = {
    "expected %s argument": "需要 %s 个值",
}


class _Catalogue(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return CATALOGUE.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if msgid1 in PLURALS:
            return PLURALS[msgid1]
        return msgid1 if n == 1 else msgid2


_installed = False


def install() -> None:
    """Make argparse speak Chinese (idempotent)."""
    global _installed
    if _installed:
        return
    catalogue = _Catalogue()
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalogue.ngettext  # type: ignore[attr-defined]
    _installed = True
