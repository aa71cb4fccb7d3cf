"""The ``anju`` command: the GUI by default, subcommands for headless work."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.commands import argparse_zh
from desktop.commands.common import run_guarded

# Modules under desktop.commands, each with register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "desktop.commands.demo",
    "desktop.commands.inspect",
    "desktop.commands.grids",
    "desktop.commands.sync",
    "desktop.commands.reports",
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui(args)
    if not hasattr(args, "func"):
        parser.parse_args([args.command, "--help"])
    return run_guarded(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
