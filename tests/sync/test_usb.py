"""Writing to a stick: verified before "safe to remove"; a full or vanished stick
leaves the earlier package intact and says so."""

from __future__ import annotations

import builtins
import errno
from pathlib import Path
from typing import Any

import pytest

from desktop.sync.errors import TransferCancelled, TransferError
from desktop.sync.usb import packages_in, write_package

DATA = bytes(range(256)) * 5000  # 1.28 MB, several chunks


def test_written_file_reads_back_identical_under_a_random_name(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = write_package(tmp_path, DATA, progress=lambda d, t: seen.append((d, t)))
    assert path.read_bytes() == DATA
    assert path.suffix == ".anjupkg" and path.parent == tmp_path
    assert seen[-1] == (len(DATA), len(DATA))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left


def test_a_full_stick_keeps_the_old_package_and_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = write_package(tmp_path, b"old package")
    real_open = builtins.open

    class FullFile:
        def __init__(self, fh: Any):
            self.fh = fh
            self.written = 0

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, chunk: bytes) -> int:
            self.written += len(chunk)
            if self.written > 300_000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return int(self.fh.write(chunk))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.fh, name)

    def fake_open(path: Any, mode: str = "r", *a: Any, **k: Any) -> Any:
        fh = real_open(path, mode, *a, **k)
        return FullFile(fh) if "w" in mode and str(path).endswith(".part") else fh

    monkeypatch.setattr(builtins, "open", fake_open)
    with pytest.raises(TransferError) as err:
        write_package(tmp_path, DATA)
    assert err.value.code == "usb_write_failed"
    assert "No space" in err.value.params["detail"]
    monkeypatch.undo()
    assert old.read_bytes() == b"old package"
    assert packages_in(tmp_path) == [old]
    assert not list(tmp_path.glob(".*.part"))


def test_a_vanished_stick_is_named(tmp_path: Path) -> None:
    with pytest.raises(TransferError) as err:
        write_package(tmp_path / "gone", DATA)
    assert err.value.code == "usb_target_missing"


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(TransferCancelled):
        write_package(tmp_path, DATA, cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []
