"""``anju enroll FILE`` and ``anju sync export|import|now``: sync without the GUI.

Decisions, and why:

- **Enrolling acts as an administrator** (``--user``) once the database has
  accounts; a new database has none to ask for.
- **Moving packages is the workstation's own act.**  ``sync export`` writes
  what the county has not yet received, encrypted to the county's key, and
  ``sync import`` applies what the county signed for this workstation: neither
  shows anyone a resident's record, and both run unattended (a scheduled task,
  the county's technician with a stick).  So they need no account, and write
  no login.  They are in the audit log all the same: every package in and out
  is recorded, with its time and counts, in the sync's own log
  (``sync_packages``), in the same transaction as the package, and the audit
  view shows those entries beside the others (:func:`desktop.services.audit.list_events`).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.commands.common import Opened, add_db_argument, opened_db, print_json
from desktop.messages import message
from desktop.services import audit
from desktop.services import sync as sync_service
from desktop.services.actor import SYSTEM, Actor
from desktop.services.work_orders import photo_dir_for
from desktop.sync.keys import keys_path

STATUS_TEXT = {
    "applied": "已导入",
    "held": "已暂存（等待缺失的同步包）",
    "replayed": "已导入过，无新内容",
}


def register(subparsers: Any) -> None:
    enroll = subparsers.add_parser(
        "enroll",
        help="用县里发来的登记文件登记本设备",
        description="登记本设备；新数据库将成为该乡镇的数据库。",
    )
    enroll.add_argument("file", type=Path, help="登记文件")
    enroll.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_db_argument(enroll)
    enroll.set_defaults(func=run_enroll)

    sync = subparsers.add_parser("sync", help="与县里同步：U盘导出、导入，或联网同步")
    sub = sync.add_subparsers(dest="sync_command", metavar="操作", required=True)
    export = sub.add_parser("export", help="把待上报的修改写成同步包（如写到U盘）")
    export.add_argument("--to", type=Path, required=True, help="目标文件夹（U盘）")
    export.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_db_argument(export)
    export.set_defaults(func=run_export)
    imp = sub.add_parser("import", help="导入县里发回的同步包")
    imp.add_argument(
        "files",
        type=Path,
        nargs="+",
        help="同步包文件，或整个U盘文件夹：发给本机的都导入，其余说明原因后跳过",
    )
    imp.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_db_argument(imp)
    imp.set_defaults(func=run_import)
    now = sub.add_parser("now", help="联网与县级服务器同步")
    now.add_argument("--server", help="服务器地址（默认用登记文件中的地址）")
    now.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_db_argument(now)
    now.set_defaults(func=run_now)


def _jsonable(data: Any) -> Any:
    out = asdict(data)
    return {k: str(v) if isinstance(v, Path) else v for k, v in out.items()}


def run_enroll(args: argparse.Namespace) -> int:
    with (
        opened_db(args, create=True, without_accounts=True) as db,
        db.session_factory.begin() as s,
    ):
        result = sync_service.enroll(
            s, db.actor, enrolment_file=args.file, keys_file=keys_path(db.path)
        )
        audit.record(s, db.actor, audit.ENROL, via="cli", device=result.device_id[:8])
    if args.json:
        print_json({**_jsonable(result), "db": str(db.path)})
    else:
        print(f"已登记：设备 {result.device_id}，乡镇 {result.township_code}")
        if result.created_township:
            print("这是新的乡镇数据库：首次同步后将收到本乡镇的数据和账号。")
    return 0


def _acting(db: Opened) -> Actor:
    """The workstation itself (see the module's docstring)."""
    return db.actor if db.actor is not None else SYSTEM


def run_export(args: argparse.Namespace) -> int:
    with opened_db(args, account=False) as db, db.session_factory.begin() as s:
        info = sync_service.export_to(
            s,
            _acting(db),
            keys_file=keys_path(db.path),
            folder=args.to,
            photo_dir=photo_dir_for(db.path),
        )
    if args.json:
        print_json(_jsonable(info))
    else:
        print(f"同步包已写入并校验：{info.path}")
        print(f"  设备 {info.device_id}，修改 {info.first}–{info.last}，共 {info.count} 条")
        print("  现在可以安全拔出U盘。")
    return 0


def _print_import(info: sync_service.ImportInfo) -> None:
    c = info.counts
    print(
        f"{info.file}：{STATUS_TEXT.get(info.status, info.status)}，范围 {info.first}–{info.last}"
    )
    print(
        f"  应用 {c.get('applied', 0)}，跳过 {c.get('skipped', 0)}，"
        f"冲突 {c.get('conflict', 0)}，拒绝 {c.get('rejected', 0)}"
    )
    if c.get("evicted") or c.get("removed"):
        print(
            f"  迁往其他乡镇的住户记录：本次收到 {c.get('evicted', 0)} 条，"
            f"已从本机移除 {c.get('removed', 0)} 条；"
            "本机有未上传修改的，上传后再移除。"
        )
    if info.missing:
        print(f"  缺少第 {info.missing[0]}–{info.missing[1]} 号的同步包，请先导入它。")
    if info.released:
        print(f"  另有 {info.released} 个暂存的同步包随之导入。")
    if info.rules_applied:
        print(f"  收到县里发布的规则 {info.rules_applied} 项（政策规则或节假日表），已生效。")
    if info.clock_off_minutes is not None:
        print("  " + message("clock_off", minutes=abs(info.clock_off_minutes)))


def run_import(args: argparse.Namespace) -> int:
    with opened_db(args, account=False) as db:
        outcomes = sync_service.import_files(
            db.session_factory,
            _acting(db),
            keys_file=keys_path(db.path),
            paths=args.files,
            photo_dir=photo_dir_for(db.path),
        )
    imported = [o.info for o in outcomes if o.info is not None]
    if args.json:
        print_json(
            [
                {
                    "file": str(o.path),
                    "skipped": o.skipped,
                    "reason": message(o.skipped, **o.params),
                }
                if o.info is None
                else _jsonable(o.info)
                for o in outcomes
            ]
        )
    else:
        for o in outcomes:
            if o.info is not None:
                _print_import(o.info)
            else:
                informational = o.skipped in ("package_own_outgoing", "package_for_another_device")
                print(
                    f"{o.path.name}：跳过——{message(o.skipped, **o.params)}",
                    file=sys.stdout if informational else sys.stderr,
                )
        if not outcomes:
            print("没有找到同步包（*.anjupkg）。")
    return 0 if imported or not outcomes else 1


def run_now(args: argparse.Namespace) -> int:
    with opened_db(args, account=False) as db:
        info = sync_service.sync_now(
            db.session_factory,
            _acting(db),
            keys_file=keys_path(db.path),
            server_url=args.server,
            photo_dir=photo_dir_for(db.path),
        )
    if args.json:
        print_json(_jsonable(info))
    else:
        _print_import(info)
    return 0
