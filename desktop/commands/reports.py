"""``anju print-cards``, ``anju export``, ``anju import-ledger`` and ``anju hotline``.

They act as the account given with ``--user`` (see :mod:`desktop.commands.common`),
with its rights; showing the hotline needs no account, changing it an administrator.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.commands.common import add_db_argument, opened_db, print_json
from desktop.messages import message
from desktop.reports.cards import CardLabels, Layout
from desktop.reports.ledger_import import (
    HouseholdLine,
    ReportLine,
    read_ledger,
    write_import_report,
)
from desktop.services import ledgers, printing
from desktop.services.ledgers import (
    HouseholdOutcome,
    ImportMode,
    ImportResult,
    LedgerKind,
    RejectedRow,
)


def _selection_arguments(parser: Any, *, buildings: bool = True) -> None:
    parser.add_argument("--site", action="append", default=[], help="安置点（编号或名称，可重复）")
    parser.add_argument("--grid", action="append", default=[], help="网格（编号或名称，可重复）")
    if buildings:
        parser.add_argument("--building", action="append", default=[], help="楼栋（编号，可重复）")
        parser.add_argument(
            "--household", action="append", default=[], help="住户（户编号，可重复）"
        )


def register(subparsers: Any) -> None:
    cards = subparsers.add_parser(
        "print-cards",
        help="打印明白卡（生成 PDF）",
        description="为所选住户生成明白卡 PDF：每户一张 A5，或每张 A4 纸两户。"
        "不指定范围时为全部住户。",
    )
    add_db_argument(cards)
    cards.add_argument("--out", required=True, help="输出的 PDF 文件")
    _selection_arguments(cards)
    cards.add_argument(
        "--two-per-a4", action="store_true", help="每张 A4 纸印两户（默认每户一张 A5）"
    )
    cards.add_argument("--date", help="卡上的填卡日期，如 2026-11-22（默认今天）")
    cards.set_defaults(func=run_print_cards)

    export = subparsers.add_parser(
        "export",
        help="导出台账（Excel）",
        description="导出台账为 .xlsx：households 搬迁户信息台账，persons 搬迁人口信息台账，"
        "employment 就业台账（每个安置点一个工作表），work_orders 诉求工单台账，"
        "monitoring 防返贫监测月报，board 网格覆盖看板。",
    )
    add_db_argument(export)
    export.add_argument(
        "--kind", required=True, choices=[k.value for k in LedgerKind], help="台账种类"
    )
    export.add_argument("--out", required=True, help="输出的 .xlsx 文件")
    export.add_argument("--month", help="月份，如 2026-11（工单台账和监测月报）")
    _selection_arguments(export)
    export.set_defaults(func=run_export)

    imp = subparsers.add_parser(
        "import-ledger",
        help="导入台账（Excel）",
        description="按中文表头识别列，导入搬迁户和人口台账。按户编号匹配住户、"
        "按身份证号匹配成员，重复导入不会重复新增。不合格的行逐行列出原因。",
    )
    add_db_argument(imp)
    imp.add_argument("file", help="要导入的 .xlsx 文件")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    imp.add_argument("--all-or-nothing", action="store_true", help="有任何一行不合格就全部不导入")
    imp.add_argument("--report", help="把不合格的行写入此 .xlsx 报告文件")
    imp.add_argument("--json", action="store_true", help="输出 JSON")
    imp.set_defaults(func=run_import)

    hotline = subparsers.add_parser(
        "hotline",
        help="查看或设置明白卡上的便民服务热线",
        description="不带号码时显示当前热线；带号码时设置（如 0743-1234567 或 12345）。",
    )
    add_db_argument(hotline)
    hotline.add_argument("number", nargs="?", help="新的热线号码")
    hotline.set_defaults(func=run_hotline)


def _selection(session: Any, args: argparse.Namespace) -> printing.Selection:
    return printing.resolve_selection(
        session,
        sites=args.site,
        grids=args.grid,
        buildings=getattr(args, "building", []),
        households=getattr(args, "household", []),
    )


def run_print_cards(args: argparse.Namespace) -> int:
    day = date.fromisoformat(args.date) if args.date else date.today()
    layout = Layout.A4_TWO if args.two_per_a4 else Layout.A5
    with opened_db(args) as db, db.session_factory.begin() as s:
        result = printing.print_cards(
            s, db.require_actor(), _selection(s, args), Path(args.out), today=day, layout=layout
        )
    print(f"已生成明白卡 {result.cards} 户，共 {result.pages} 页：{result.path}")
    if result.missing_phones:
        roles = dict(CardLabels().contact_roles)
        print(f"注意：{len(result.missing_phones)} 处联系人没有登记电话，卡上印为“电话未登记”：")
        for m in result.missing_phones:
            print(f"  {m.household_code}  {roles.get(m.role, m.role)} {m.name}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    with opened_db(args) as db, db.session_factory.begin() as s:
        result = ledgers.export_ledger(
            s,
            db.require_actor(),
            args.kind,
            Path(args.out),
            selection=_selection(s, args),
            month=args.month,
        )
    print(f"已导出 {result.rows} 行（{result.sheets} 个工作表）：{result.path}")
    return 0


def reason(r: RejectedRow) -> str:
    return message(r.code, **r.params)


def report_lines(result: ImportResult) -> list[ReportLine]:
    """The rows not taken: those at fault, and the good rows of a household held back."""
    rows = sorted((*result.rejected, *result.held_rows), key=lambda r: (r.sheet, r.row))
    return [ReportLine(r.sheet, r.row, r.column, reason(r)) for r in rows]


def household_lines(result: ImportResult) -> list[HouseholdLine]:
    return [
        HouseholdLine(
            h.code,
            message(f"ledger_state_{h.state.value}"),
            "、".join(str(n) for n in h.rows),
            held_reason(h),
        )
        for h in result.households
    ]


def held_reason(h: HouseholdOutcome) -> str:
    """Why a household was held back ("" for one that was not)."""
    code, params = h.reason()
    return message(code, **params) if code else ""


def summary(result: ImportResult, *, dry_run: bool = False) -> str:
    verb = "检查完毕（未写入）" if dry_run else ("已导入" if result.applied else "未导入")
    return (
        f"{verb}：共 {result.rows} 行；新增 {result.created} 户（{result.persons_created} 人），"
        f"更新 {result.updated} 户，无变化 {result.unchanged} 户，暂缓导入 {result.held} 户；"
        f"不合格 {len(result.rejected)} 行。"
    )


def run_import_register(args: argparse.Namespace, kind: str) -> int:
    """A register workbook (job menu, assets, projects, facilities, visits): its own import."""
    from desktop.services import registers

    with opened_db(args) as db, db.session_factory() as s:
        result = registers.import_register(s, db.require_actor(), Path(args.file), kind=kind)
        if args.dry_run:
            s.rollback()
        else:
            s.commit()
    verb = "检查完毕（未写入）" if args.dry_run else "已导入"
    text = (
        f"{verb}：新增 {result.created} 条，更新 {result.updated} 条，"
        f"无变化 {result.unchanged} 条；不合格 {len(result.rejected)} 行。"
    )
    if args.json:
        print_json(
            {
                "file": args.file,
                "kind": kind,
                "dry_run": bool(args.dry_run),
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "rejected": [
                    {"sheet": r.sheet, "row": r.row, "column": r.column, "code": r.code,
                     "reason": message(r.code, **r.params)}
                    for r in result.rejected
                ],
            }
        )  # fmt: skip
    else:
        print(text)
        for r in result.rejected:
            where = f"{r.sheet} 第{r.row}行" + (f"「{r.column}」" if r.column else "")
            print(f"  {where}：{message(r.code, **r.params)}")
    return 0 if not result.rejected else 2


def run_import(args: argparse.Namespace) -> int:
    from desktop.services.registers import register_kind_of

    kind = register_kind_of(Path(args.file)) if Path(args.file).is_file() else None
    if kind is not None:
        return run_import_register(args, kind)
    parsed = read_ledger(Path(args.file))
    mode = ImportMode.ALL_OR_NOTHING if args.all_or_nothing else ImportMode.VALID_ROWS
    with opened_db(args) as db, db.session_factory() as s:
        result = ledgers.import_ledger(s, db.require_actor(), parsed, mode=mode)
        if args.dry_run:
            s.rollback()
        else:
            s.commit()
    if args.report:
        write_import_report(
            Path(args.report),
            f"台账导入报告：{Path(args.file).name}",
            summary(result),
            report_lines(result),
            household_lines(result),
        )
    if args.json:
        print_json(
            {
                "file": args.file,
                "dry_run": bool(args.dry_run),
                "applied": result.applied and not args.dry_run,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "persons_created": result.persons_created,
                "held": result.held,
                "households": [
                    {
                        "code": h.code,
                        "result": h.state.value,
                        "rows": list(h.rows),
                        "held_by_rows": list(h.bad_rows),
                    }
                    for h in result.households
                ],
                "rejected": [
                    {
                        "sheet": r.sheet,
                        "row": r.row,
                        "column": r.column,
                        "code": r.code,
                        "reason": reason(r),
                    }
                    for r in result.rejected
                ],
            }
        )
    else:
        print(summary(result, dry_run=args.dry_run))
        for line in report_lines(result):
            where = f"{line.sheet} 第{line.row}行" + (f"「{line.column}」" if line.column else "")
            print(f"  {where}：{line.reason}", file=sys.stdout)
        print("各户结果：")
        for h in household_lines(result):
            print(f"  {h.code}：{h.result}（第{h.rows}行）" + (f"，{h.reason}" if h.reason else ""))
    return 0 if not result.rejected else 2


def run_hotline(args: argparse.Namespace) -> int:
    with opened_db(args, account=bool(args.number)) as db, db.session_factory.begin() as s:
        if args.number:
            number = printing.set_service_hotline(s, db.require_actor(), args.number)
            print(f"便民服务热线已设为 {number}，此后打印的明白卡将使用该号码。")
        else:
            print(printing.service_hotline(s))
    return 0
