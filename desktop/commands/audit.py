"""``anju audit``: the audit log, for the township administrator."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from desktop.commands.common import add_db_argument, opened_db, print_json
from desktop.domain import sla
from desktop.services import audit
from desktop.store.base import utcnow

ACTION_TEXT = {
    audit.LOGIN: "登录",
    audit.LOGIN_FAILED: "登录失败",
    audit.LOCKOUT: "账号锁定",
    audit.UNLOCK: "解除锁屏",
    audit.UNLOCK_FAILED: "解除锁屏失败",
    audit.EXPORT: "导出台账",
    audit.PRINT: "打印明白卡",
    audit.IMPORT: "导入台账",
    audit.ENROL: "登记设备",
    audit.SYNC_EXPORT: "发出同步包",
    audit.SYNC_IMPORT: "导入同步包",
    audit.SYNC_NOW: "联网同步",
    audit.SETTING: "修改设置",
    audit.ERASE: "删除个人信息",
    audit.PASSWORD: "修改密码",
}
VIA_TEXT = {"gui": "界面", "cli": "命令行", "": "本机"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="查看审计日志（乡镇管理员）",
        description="显示登录、登录失败、锁定、导出、打印、导入、登记和同步的记录，最新的在前。"
        "日志随同步上报县里，保存不少于六个月。",
    )
    add_db_argument(parser)
    parser.add_argument("--days", type=int, default=30, help="显示最近多少天（默认 30）")
    parser.add_argument("--action", choices=audit.ACTIONS, help="只显示一种操作")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    since = utcnow() - timedelta(days=max(args.days, 0))
    with opened_db(args) as db, db.session_factory.begin() as s:
        entries = audit.list_events(s, db.require_actor(), since=since, action=args.action)
    if args.json:
        print_json(
            [
                {"at": e.at.isoformat(), "action": e.action, "user": e.username, "via": e.via,
                 "detail": e.detail}
                for e in entries
            ]
        )  # fmt: skip
        return 0
    for e in entries:
        when = sla.to_china(e.at).strftime("%Y-%m-%d %H:%M:%S")
        detail = "，".join(f"{k}={v}" for k, v in e.detail.items())
        print(
            f"{when}  {ACTION_TEXT.get(e.action, e.action)}  {e.username or '-'}"
            f"（{VIA_TEXT.get(e.via, e.via)}）  {detail}"
        )
    if not entries:
        print("这段时间没有审计记录。")
    return 0
