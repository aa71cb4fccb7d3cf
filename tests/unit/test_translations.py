"""Every interface string has its Chinese, and the compiled .qm matches the .ts.

When one of these fails after adding ``tr()`` strings: run
``scripts/update-translations``, translate what it lists, run it again, commit
the .ts and the .qm.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from enum import StrEnum
from pathlib import Path

import pytest

from desktop.domain import enums
from desktop.ui import labels

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "anju_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "anju_zh_CN.qm"
BIN = Path(sys.executable).parent
LUPDATE = BIN / "pyside6-lupdate"
LRELEASE = BIN / "pyside6-lrelease"

Message = tuple[str, str]  # (context, source)


def translation_sources() -> list[str]:
    """The files scripts/update-translations scans (keep the two in step)."""
    files = [ROOT / "desktop" / "app.py", *(ROOT / "desktop" / "ui").rglob("*.py")]
    return sorted(str(f.relative_to(ROOT)) for f in files if f.name != "__init__.py")


def read_ts(path: Path) -> dict[Message, ET.Element]:
    messages: dict[Message, ET.Element] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message
    return messages


def untranslated(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None:
        return True
    text = "".join(translation.itertext()).strip()
    return not text or translation.get("type") in ("unfinished", "vanished", "obsolete")


def test_every_message_has_its_chinese() -> None:
    missing = [f"[{c}] {s}" for (c, s), m in read_ts(TS).items() if untranslated(m)]
    assert not missing, "untranslated (run scripts/update-translations):\n" + "\n".join(missing)


def test_every_message_has_a_context() -> None:
    """A string lupdate finds without a context is never looked up by Qt at run time."""
    contextless = sorted(source for (context, source) in read_ts(TS) if not context)
    assert not contextless, (
        "tr() strings without a context (use QCoreApplication.translate('Context', 'literal') "
        f"or QT_TRANSLATE_NOOP at the call site, not a module-level tr helper): {contextless}"
    )


def test_translations_keep_placeholders() -> None:
    broken = []
    for (context, source), message in read_ts(TS).items():
        if untranslated(message):
            continue  # reported by test_every_message_has_its_chinese
        text = "".join(message.find("translation").itertext())  # type: ignore[union-attr]
        for marker in ("%1", "%2", "%3", "%n"):
            if (marker in source) != (marker in text):
                broken.append(f"[{context}] {source} -> {text}")
    assert not broken


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate not installed")
def test_the_ts_holds_every_string_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run(
        [str(LUPDATE), *translation_sources(), "-locations", "none", "-silent", "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    in_code = set(read_ts(fresh))
    committed = set(read_ts(TS))
    lacking = sorted(in_code - committed)
    assert in_code, "lupdate found no strings at all"
    assert not lacking, "strings missing from the .ts (run scripts/update-translations):\n" + (
        "\n".join(f"[{c}] {s}" for c, s in lacking)
    )


@pytest.mark.skipif(not LRELEASE.exists(), reason="pyside6-lrelease not installed")
def test_the_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.qm"
    subprocess.run(
        [str(LRELEASE), "-silent", str(TS), "-qm", str(rebuilt)], check=True, capture_output=True
    )
    assert QM.read_bytes() == rebuilt.read_bytes(), (
        "anju_zh_CN.qm is stale: run scripts/update-translations and commit it"
    )


def all_enum_members() -> list[StrEnum]:
    return [
        member
        for value in vars(enums).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
        for member in value
    ]


def test_every_enum_value_has_a_chinese_label() -> None:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    missing = []
    for member in all_enum_members():
        source = labels.SOURCES.get((type(member), member.value))
        if source is None or not translator.translate(labels.CONTEXT, source):
            missing.append(f"{type(member).__name__}.{member.name}")
    assert not missing, f"enum values without a Chinese label: {missing}"
