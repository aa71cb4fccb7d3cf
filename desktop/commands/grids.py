"""``anju board`` and ``anju close-month``: the coverage board and the monthly close, headless.

Both act as the account given with ``--user`` (see :mod:`desktop.commands.common`):
the board shows the grids that account may see; the close stores the township's
figures and needs an account that may write.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.common import add_db_argument, opened_db, print_json
from desktop.services import board, monthly
from desktop.services.board import Figures

COLUMNS = (
    ("households", "户数"),
    ("persons", "人数"),
    ("labourers", "劳动力"),
    ("employed", "已就业"),
    ("zero_employment", "零就业户"),
    ("monitored", "监测户"),
    ("visited", "本月已走访"),
    ("open_orders", "未办结工单"),
    ("overdue_orders", "超期工单"),
    ("old_house_overdue", "旧房超期"),
)


def register(subparsers: Any) -> None:
    show = subparsers.add_parser(
        "board",
        help="显示网格覆盖看板（只读）",
        description="按网格显示本月覆盖情况：户数、人数、劳动力、就业、零就业户、监测户、"
        "本月走访、工单和旧房超期。",
    )
    add_db_argument(show)
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.set_defaults(func=run_board)

    close = subparsers.add_parser(
        "close-month",
        help="月度结转：保存本月（或上月）覆盖看板数据",
        description="把乡镇、各安置点、各网格的看板数据保存为月度快照（一月一更新）。",
    )
    add_db_argument(close)
    close.add_argument("--month", help="要结转的月份，如 2026-11（默认本月，可为上月）")
    close.add_argument("--replace", action="store_true", help="已结转过时用当前数据覆盖")
    close.set_defaults(func=run_close)


def _figures(f: Figures) -> dict[str, Any]:
    return {**f.as_dict(), "visited_share": round(f.visited_share, 4)}


def run_board(args: argparse.Namespace) -> int:
    with opened_db(args) as db, db.session_factory.begin() as s:
        result = board.grid_board(s, db.require_actor())
    if args.json:
        print_json(
            {
                "month": result.month,
                "grids": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "site": r.site_name,
                        "members": list(r.members),
                        "progress": r.progress.value,
                        **_figures(r.figures),
                    }
                    for r in result.rows
                ],
                "total": _figures(result.total),
            }
        )
        return 0
    print(f"{result.month} 网格覆盖看板")
    print("\t".join(["网格", *(title for _, title in COLUMNS)]))
    for r in result.rows:
        name = r.name or "未划入网格"
        print("\t".join([name, *(str(getattr(r.figures, key)) for key, _ in COLUMNS)]))
    print("\t".join(["合计", *(str(getattr(result.total, key)) for key, _ in COLUMNS)]))
    return 0


def run_close(args: argparse.Namespace) -> int:
    with opened_db(args) as db, db.session_factory.begin() as s:
        result = monthly.close_month(s, db.require_actor(), month=args.month, replace=args.replace)
    verb = "重新结转" if result.replaced else "结转"
    t = result.township
    print(
        f"{result.month} 已{verb}：共保存 {result.rows} 条（乡镇、安置点、网格）；"
        f"全乡镇 {t.households} 户，本月已走访 {t.visited} 户。"
    )
    return 0
