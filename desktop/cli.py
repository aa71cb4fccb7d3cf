"""The ``anju`` command: the GUI by default, subcommands for headless work.

Output is Chinese, with ✓ and ✗ in ``anju check``.  Where a standard stream
cannot carry them, it is switched to UTF-8 before anything is printed: on
Windows a pipe or a file gets the ANSI code page (cp1252 on an English system,
GBK on a Chinese one, and GBK has no ✓), so ``anju-cli check > report.txt`` or
a script reading the output would otherwise stop with an encoding error.  The
console (Python writes to it in UTF-16) and UTF-8 streams are left as they are.
The windowed ``anju.exe`` has no streams at all (``None``) and is left alone.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.commands import argparse_zh
from desktop.commands.common import run_guarded
from desktop.paths import resolve_db_path
from desktop.private_files import use_private_temp

# Modules under desktop.commands, each with register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "desktop.commands.demo",
    "desktop.commands.inspect",
    "desktop.commands.grids",
    "desktop.commands.sync",
    "desktop.commands.conflicts",
    "desktop.commands.reports",
    "desktop.commands.audit",
)


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()  # "options:", "usage:" and argparse's errors in Chinese
    parser = argparse.ArgumentParser(
        prog="anju",
        description="安居：易地扶贫搬迁后续扶持 乡镇工作站。不带子命令时打开图形界面。",
    )
    parser.add_argument(
        "--version", action="version", version=f"anju {__version__}", help="显示程序版本号并退出"
    )
    parser.add_argument(
        "--db", help="数据库文件路径（默认：用户数据目录下的 anju.db，或环境变量 ANJU_DB）"
    )
    parser.add_argument(
        "--user",
        help="子命令以哪个账号执行（也可用环境变量 ANJU_USER；密码在提示时输入，"
        "或放在环境变量 ANJU_PASSWORD 中）",
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言（默认简体中文）")
    parser.add_argument(
        "--no-demo",
        action="store_true",
        help="首次运行时不创建演示乡镇，而是进入设置向导",
    )
    sub = parser.add_subparsers(dest="command", metavar="子命令")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command group not built yet
            raise
        module.register(sub)
    return parser


# Every kind of character the commands print beyond ASCII.
PRINTED_SAMPLE = "安居：✓✗"


def ensure_chinese_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if stream is None or encoding is None:
            continue
        try:
            PRINTED_SAMPLE.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ensure_chinese_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(args)
    if not hasattr(args, "func"):
        parser.parse_args([args.command, "--help"])
    use_private_temp(resolve_db_path(getattr(args, "db", None)))
    return run_guarded(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
