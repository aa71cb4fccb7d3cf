"""Every reason the cards, ledgers and import can give has its Chinese and English sentence."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.messages import MESSAGES, message

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "desktop" / "reports").glob("*.py")),
    ROOT / "desktop" / "services" / "printing.py",
    ROOT / "desktop" / "services" / "ledgers.py",
]
RAISED = re.compile(
    r"(?:ValidationError|NotFound|PermissionDenied|_CellError)\(\s*\"([a-z_]+)\"|_reject\(\s*rejected,\s*row,\s*(?:\([^)]*\)|None),\s*\"([a-z_]+)\""
)


def test_every_code_raised_has_a_message() -> None:
    codes = set()
    for path in SOURCES:
        for a, b in RAISED.findall(path.read_text(encoding="utf-8")):
            codes.add(a or b)
    assert {
        "output_unwritable",
        "ledger_encrypted",
        "ledger_bad_date",
        "unknown_grid_name",
    } <= codes
    missing = sorted(c for c in codes if c not in MESSAGES)
    assert missing == []
    for code in codes:
        zh, en = MESSAGES[code]
        assert zh and en


def test_messages_fill_their_placeholders() -> None:
    text = message("ledger_bad_date", value="去年五月")
    assert "去年五月" in text and "{" not in text
    assert "{" not in message("output_unwritable", path="/x/y.pdf", detail="只读")
