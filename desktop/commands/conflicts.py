"""``anju conflicts``: the conflicts the county found, grouped by record, and deciding them.

Acts as an account (``--user``): the list names residents, a decision is an edit, and
deciding is for a township administrator.

    anju conflicts                      the open ones, grouped by household or record
    anju conflicts --all                the settled ones too, with their decisions
    anju conflicts resolve ID --keep    keep what stands now
    anju conflicts resolve ID --other   take the value that did not stand
    anju conflicts resolve ID --value V type a value (checked as the form checks it)
    anju conflicts resolve ID --remove  remove the second entry of a person entered twice

An id may be shortened to its first characters when they name one conflict.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from desktop.commands.common import add_db_argument, opened_db, print_json
from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.sla import to_china
from desktop.services import conflicts as service

CHOICE_WORDS = {
    "current": "--keep 保留现值",
    "other": "--other 改用另一值",
    "custom": "--value 填写新值",
    "remove": "--remove 删除重复登记的一条",
}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("conflicts", help="同步冲突：按记录列出，逐条处理")
    p.add_argument("--all", action="store_true", help="连同已处理的一起列出")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_db_argument(p)
    p.set_defaults(func=run_list)
    sub = p.add_subparsers(dest="action", metavar="操作")
    r = sub.add_parser("resolve", help="处理一条冲突")
    r.add_argument("id", help="冲突编号（可只写前几位）")
    how = r.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", dest="choice", action="store_const", const="current")
    how.add_argument("--other", dest="choice", action="store_const", const="other")
    how.add_argument("--remove", dest="choice", action="store_const", const="remove")
    how.add_argument("--value", help="填写的新值")
    r.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_db_argument(r)
    r.set_defaults(func=run_resolve)


def _when(moment: datetime | None) -> str:
    return to_china(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def _lines(v: service.ConflictView) -> list[str]:
    out = [f"  [{v.id[:8]}] {v.field_label}（{v.kind_label}）"]
    if v.kind == "duplicate":
        out.append(f"      与 {v.other_record_label or v.other_row_id} 相同：{v.shown(v.kept)}")
    else:
        out.append(f"      原来：{v.shown(v.base)}")
        out.append(f"      现在：{v.shown(v.current)}")
        out.append(f"      一方：{v.shown(v.kept)}（{v.kept_by}，{_when(v.kept_at)}）")
        out.append(f"      另一方：{v.shown(v.other)}（{v.other_by}，{_when(v.other_at)}）")
    if v.status == "resolved":
        out.append(
            f"      已处理：{v.decided_by}，{_when(v.decided_at)}，定为 {v.shown(v.decision)}"
        )
    else:
        out.append("      处理办法：" + "；".join(CHOICE_WORDS[c] for c in v.choices))
    return out


def _jsonable(v: service.ConflictView) -> dict[str, Any]:
    return {
        "id": v.id,
        "kind": v.kind,
        "record": v.record_label,
        "household_id": v.household_id,
        "table": v.table,
        "row_id": v.row_id,
        "field": v.field,
        "field_label": v.field_label,
        "base": v.base,
        "current": v.current,
        "kept": v.kept,
        "kept_by": v.kept_by,
        "kept_at": v.kept_at.isoformat() if v.kept_at else None,
        "other": v.other,
        "other_by": v.other_by,
        "other_at": v.other_at.isoformat() if v.other_at else None,
        "other_record": v.other_record_label,
        "status": v.status,
        "decision": v.decision,
        "decided_by": v.decided_by,
        "choices": list(v.choices),
    }


def run_list(args: argparse.Namespace) -> int:
    with opened_db(args, write=False) as db, db.session_factory.begin() as s:
        views = service.list_conflicts(s, db.require_actor(), open_only=not args.all)
    if args.json:
        print_json([_jsonable(v) for v in views])
        return 0
    if not views:
        print("没有待处理的同步冲突。" if not args.all else "没有同步冲突。")
        return 0
    record = None
    for v in views:
        if v.record_label != record:
            record = v.record_label
            print(record)
        for line in _lines(v):
            print(line)
    open_count = sum(v.status == "open" for v in views)
    print(f"共 {len(views)} 条，待处理 {open_count} 条。")
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    choice = "custom" if args.value is not None else args.choice
    with opened_db(args) as db, db.session_factory.begin() as s:
        actor = db.require_actor()
        matches = [v for v in service.list_conflicts(s, actor) if v.id.startswith(args.id)]
        if not matches:
            raise NotFound("conflict_not_found")
        if len(matches) > 1:
            raise ValidationError("conflict_id_ambiguous", field="id", count=len(matches))
        done = service.resolve_conflict(s, actor, matches[0].id, choice=choice, value=args.value)
    if args.json:
        print_json(_jsonable(done))
    else:
        print(f"已处理：{done.record_label} {done.field_label}，随下次同步送达县里和其他电脑。")
    return 0
