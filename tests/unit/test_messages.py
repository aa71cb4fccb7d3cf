"""Every refusal a service can raise reads as a Chinese sentence (and an English one)."""

from __future__ import annotations

import re
import string
from pathlib import Path

from desktop.domain.errors import ValidationError
from desktop.messages import MESSAGES, error_message

ROOT = Path(__file__).resolve().parents[2]
# a DomainError subclass constructed with a literal code: ValidationError("id_checksum", ...)
RAISED = re.compile(
    r'\b(\w*(?:Error|Errors|Denied|NotFound|Failed|Rejected|Cancelled|Empty|Invalid))\(\s*"([a-z0-9_]+)"'
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _raised_codes() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((ROOT / "desktop").rglob("*.py")) + sorted((ROOT / "server").rglob("*.py")):
        for match in RAISED.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(2), str(path.relative_to(ROOT)))
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_raised_code_has_a_message() -> None:
    codes = _raised_codes()
    assert len(codes) > 50  # the scan itself still finds the services' codes
    missing = {code: where for code, where in codes.items() if code not in MESSAGES}
    assert not missing, f"codes without a message in desktop/messages.py: {missing}"


def test_each_message_is_chinese_and_has_the_same_placeholders_in_english() -> None:
    for code, (zh, en) in MESSAGES.items():
        assert CJK.search(zh), f"{code}: the Chinese text has no Chinese"
        assert en.strip(), f"{code}: the English text is missing"
        assert _fields(zh) == _fields(en), f"{code}: placeholders differ"


def test_a_message_fills_in_the_error_details() -> None:
    error = ValidationError("id_checksum", field="resident_id", expected="7")
    assert "7" in error_message(error)
    assert "校验位" in error_message(error)


def test_a_message_can_name_the_field_at_fault() -> None:
    error = ValidationError("policy_missing_key", field="service.resolve_days")
    assert "service.resolve_days" in error_message(error)
    assert "{field}" not in error_message(error)
