"""``anju demo``: fill a database with the demo township (for trying Anju, tests, benchmarks)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from typing import Any

from desktop.commands.common import add_db_argument, opened_db
from desktop.demo.builder import DEMO_SEED, FIRST_RUN_HOUSEHOLDS, DemoSummary, build_demo
from desktop.domain.enums import Role

ROLE_LABELS = {Role.ADMIN: "乡镇管理员", Role.GRID_MEMBER: "网格员", Role.VIEWER: "只读"}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def _households(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"户数应为整数：{text}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("户数不能为负数")
    return value


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="生成演示乡镇（同一种子每次相同）",
        description="在数据库中生成一个演示乡镇：安置点、网格、楼栋、住户、走访与工单。"
        "数据库已有住户时不做任何改动。",
    )
    parser.add_argument(
        "--households",
        type=_households,
        default=FIRST_RUN_HOUSEHOLDS,
        help=f"住户数（默认 {FIRST_RUN_HOUSEHOLDS}；0 只生成安置点、网格和楼栋）",
    )
    parser.add_argument("--seed", type=int, default=DEMO_SEED, help=f"随机种子（默认 {DEMO_SEED}）")
    parser.add_argument(
        "--today",
        type=_day,
        default=None,
        help="以哪一天为“今天”生成日期（YYYY-MM-DD，默认今天），便于复现",
    )
    add_db_argument(parser)
    parser.set_defaults(func=run)


def _progress_printer() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r正在生成住户 {done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return show


def summary_text(summary: DemoSummary, seconds: float, db_path: str) -> str:
    lines = [
        f"演示乡镇已生成：{summary.county_name}（{summary.county_code}）"
        f"{summary.township_name}（{summary.township_code}）",
        f"  安置点 {summary.sites} 个，网格 {summary.grids} 个，楼栋 {summary.buildings} 栋",
        f"  住户 {summary.households} 户，人口 {summary.persons} 人",
        f"  走访记录 {summary.visits} 条，诉求工单 {summary.work_orders} 件"
        f"（处理记录 {summary.work_order_events} 条）",
        f"  用时 {seconds:.1f} 秒，数据库：{db_path}",
    ]
    if summary.accounts:
        lines.append("演示账号：")
        for account in summary.accounts:
            lines.append(
                f"  {account.username:<10} {account.display_name}（{ROLE_LABELS[account.role]}）"
                f"  密码 {account.password}"
            )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    with opened_db(args, create=True, account=False) as db:
        started = time.perf_counter()
        with db.session_factory.begin() as session:
            summary = build_demo(
                session,
                households=args.households,
                seed=args.seed,
                today=today,
                progress=_progress_printer(),
            )
        seconds = time.perf_counter() - started
        print(summary_text(summary, seconds, str(db.path)))
    return 0
