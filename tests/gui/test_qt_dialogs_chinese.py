"""Qt's own windows speak Chinese too: the file chooser (not the desktop's native one, as on
a laptop without a desktop theme), the wizard's buttons, the text fields' menu; and so
does ``anju --help``."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def english_left(window: QWidget) -> list[str]:
    found = []
    for w in [window, *window.findChildren(QWidget)]:
        texts = [w.toolTip()]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        for text in texts:
            if text and LATIN_WORD.search(text):
                found.append(text)
    return found


@pytest.mark.parametrize("mode", ["open", "folder"])
def test_the_file_chooser_speaks_chinese(qtbot: QtBot, mode: str) -> None:
    dialog = QFileDialog(None, "选择文件")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.show()
    assert english_left(dialog) == []
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "查找范围(&L)：" in labels


def test_anju_help_is_chinese() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONIOENCODING": "utf-8", "LANG": "C", "PATH": ""},
    ).stdout
    assert out.startswith("用法：anju")
    assert "位置参数" in out and "选项" in out
    assert "显示本帮助并退出" in out and "显示程序版本号并退出" in out
    assert "options:" not in out and "positional arguments" not in out
    for word in ("usage", "show this help"):
        assert word not in out


def test_argparse_errors_are_chinese() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "print-cards"],
        capture_output=True,
        text=True,
        env={"PYTHONIOENCODING": "utf-8", "LANG": "C", "PATH": ""},
    )
    assert run.returncode == 2
    assert "错误：缺少以下参数：--out" in run.stderr
