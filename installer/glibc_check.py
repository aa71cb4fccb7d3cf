"""The oldest glibc a Linux bundle runs on, read from what its files require.

    python installer/glibc_check.py dist/anju [--max 2.28]

Every ELF file of the bundle (programs, Python extensions, Qt and the other
libraries) names, for each glibc function it calls, the symbol version it was
linked against; the dynamic loader refuses to start the program where glibc
lacks one of them ("version `GLIBC_2.34' not found").  ``objdump -T`` lists
those: the undefined (``*UND*``) symbols with their ``GLIBC_x.y`` versions.  The
newest of them over the whole bundle is the glibc it needs, which the Debian
package puts in ``Depends`` and which ``--max`` holds to a target (2.28 for
UOS 20, 2.31 for Kylin V10 SP1): above it the check names the files to blame
and fails.

Symbols a file defines (libc itself, were it ever bundled) do not count, nor
``GLIBC_PRIVATE`` (no version number; a bundled file that needs it would fail
everywhere but on the build machine, which ``unbundled`` checks in
package_deb.py catch by other means).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
# binutils 2.35 and newer print a required version in parentheses, older ones without.
UNDEFINED_GLIBC = re.compile(r"\*UND\*\s+[0-9a-fA-F]+\s+\(?GLIBC_(\d+(?:\.\d+)+)\)?\s")
# Below any glibc a township laptop can have; x86-64's first versioned symbols.
FLOOR: tuple[int, ...] = (2, 2, 5)

Version = tuple[int, ...]


def parse_version(text: str) -> Version:
    return tuple(int(part) for part in text.split("."))


def show(version: Version) -> str:
    return ".".join(map(str, version))


def elf_files(root: Path) -> list[Path]:
    """Regular files under ``root`` (or ``root`` itself) that start like an ELF file."""
    candidates = [root] if root.is_file() else sorted(root.rglob("*"))
    out = []
    for path in candidates:
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == ELF_MAGIC:
                    out.append(path)
    return out


def objdump() -> str:
    tool = shutil.which("objdump")
    if tool is None:
        raise SystemExit("objdump not found: install binutils")
    return tool


def glibc_required_by(path: Path, tool: str | None = None) -> Version | None:
    """The newest glibc symbol version ``path`` requires, or None if it asks for none."""
    result = subprocess.run(
        [tool or objdump(), "-T", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"objdump -T {path}: {result.stderr.strip()}")
    versions = [parse_version(m) for m in UNDEFINED_GLIBC.findall(result.stdout)]
    return max(versions) if versions else None


def glibc_requirements(files: list[Path]) -> dict[Path, Version]:
    tool = objdump()
    found = {}
    for path in files:
        version = glibc_required_by(path, tool)
        if version is not None:
            found[path] = version
    return found


def glibc_needed(files: list[Path]) -> Version:
    """The glibc every one of ``files`` can start with: the newest version any requires."""
    return max(glibc_requirements(files).values(), default=FLOOR)


def over(requirements: dict[Path, Version], ceiling: Version) -> dict[Path, Version]:
    return {path: v for path, v in requirements.items() if v > ceiling}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder (or one file)")
    parser.add_argument("--max", help="the oldest glibc it must run on, e.g. 2.28")
    args = parser.parse_args(argv)
    requirements = glibc_requirements(elf_files(args.bundle))
    if not requirements:
        print(f"no ELF file requiring glibc under {args.bundle}", file=sys.stderr)
        return 1
    needed = max(requirements.values())
    worst = sorted(p for p, v in requirements.items() if v == needed)
    print(f"needs glibc {show(needed)} ({len(requirements)} files; newest asked by {worst[0]})")
    if args.max:
        ceiling = parse_version(args.max)
        too_new = over(requirements, ceiling)
        if too_new:
            lines = "\n".join(
                f"  {show(v)}  {p}" for p, v in sorted(too_new.items(), key=lambda i: i[1])
            )
            print(
                f"{len(too_new)} files need a glibc newer than {args.max}, "
                f"so the bundle would not start there:\n{lines}",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
