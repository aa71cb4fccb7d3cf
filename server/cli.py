"""``anju-county``: the county server's command (init, enroll, import, export, transfer,
relocate, publish-policy, publish-holidays, devices, revoke, account, serve).

``--db`` takes an SQLAlchemy URL (``postgresql+psycopg://user@host/db`` in
production) or a file path for SQLite; default ``ANJU_COUNTY_DB`` or
``county.db`` in the user data directory.  Every command first upgrades the
database to the schema head (:mod:`server.migrate`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from desktop.domain.errors import DomainError
from desktop.messages import error_message
from desktop.store.db import make_engine
from desktop.sync.usb import write_package
from server.county import County, create_enrolment, create_schema, init_county
from server.publish import check_holiday_file, check_policy_override
from server.relocate import relocate_household


def _url(value: str | None) -> str:
    value = value or os.environ.get("ANJU_COUNTY_DB")
    if not value:
        value = str(Path(user_data_dir("anju", appauthor=False)) / "county.db")
    if "://" in value:
        return value
    Path(value).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite+pysqlite:///{Path(value).expanduser()}"


def open_county(db: str | None) -> County:
    engine = make_engine(_url(db))
    create_schema(engine)
    return County(engine)


def _out(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def cmd_init(args: argparse.Namespace) -> int:
    county = open_county(args.db)
    with county.sessions.begin() as s:
        info = init_county(s, args.county_code, args.server_url or "")
    _out(args, asdict(info), f"县级数据库已就绪：县 {info.county_code}，编号 {info.county_id}")
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    county = open_county(args.db)
    with county.sessions.begin() as s:
        enrolment = create_enrolment(
            s, township_code=args.township, name=args.name, profile=args.profile
        )
    out = Path(args.out)
    out.write_bytes(enrolment.to_bytes())
    _out(
        args,
        {"file": str(out), "township": args.township},
        f"登记文件已写入 {out}（只能使用一次，仅限乡镇 {args.township}）",
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    county = open_county(args.db)
    results = []
    for path in args.files:
        result = county.import_package(Path(path).read_bytes())
        results.append({"file": str(path), **asdict(result)})
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    else:
        for r in results:
            c = r["counts"]
            print(
                f"{r['file']}：{r['status']}，设备 {r['device_id']}，范围 {r['first']}–{r['last']}，"
                f"应用 {c.get('applied', 0)}，冲突 {c.get('conflict', 0)}，"
                f"拒绝 {c.get('rejected', 0)}，跳过 {c.get('skipped', 0)}"
            )
            if r["missing"]:
                print(f"  缺少 {r['missing'][0]}–{r['missing'][1]}，已暂存")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    county = open_county(args.db)
    data, package = county.export_for(args.device)
    path = write_package(Path(args.to), data)
    _out(
        args,
        {
            "file": str(path),
            "device": args.device,
            "first": package.first,
            "last": package.last,
            "changes": len(package.entries),
            "receipts": len(package.receipts),
        },
        f"同步包已写入 {path}：范围 {package.first}–{package.last}，"
        f"修改 {len(package.entries)} 条，回执 {len(package.receipts)} 条",
    )
    return 0


def cmd_transfer(args: argparse.Namespace) -> int:
    county = open_county(args.db)
    order = county.transfer_work_order(
        township_code=args.township,
        description=args.description,
        category=args.category,
        household_id=args.household,
        grid_id=args.grid,
        caller_name=args.caller_name,
        caller_phone=args.caller_phone,
        location=args.location,
    )
    where = "" if order.grid_id else "（未指定网格，由乡镇管理员分派）"
    _out(
        args,
        {"work_order": order.id, "code": order.code, "township": args.township},
        f"已转办乡镇 {args.township}：工单 {order.code}{where}，"
        "受理时间即现在，三个三时限从此起算，随下一个同步包送达",
    )
    return 0


def cmd_relocate(args: argparse.Namespace) -> int:
    county = open_county(args.db)
    moved = relocate_household(county, args.household, args.to_site)
    _out(
        args,
        asdict(moved),
        f"住户 {moved.household_code} 已从乡镇 {moved.from_township} 迁至 {moved.to_township}："
        f"{moved.records} 条记录随户迁移，清除跨乡镇引用 {moved.cleared} 处；"
        "原乡镇工作站上传完对其的修改后即移除这些记录。",
    )
    return 0


def cmd_publish_policy(args: argparse.Namespace) -> int:
    content = check_policy_override(Path(args.file))
    county = open_county(args.db)
    township = None if args.all else args.township
    rule_id = county.publish_rule(kind="policy_override", content=content, township_code=township)
    scope = "全县各乡镇" if township is None else f"乡镇 {township}"
    _out(
        args,
        {"rule": rule_id, "township": township},
        f"政策规则已发布给{scope}（{rule_id}），随下一个同步包送达",
    )
    return 0


def cmd_publish_holidays(args: argparse.Namespace) -> int:
    content, years = check_holiday_file(Path(args.file))
    county = open_county(args.db)
    rule_id = county.publish_rule(kind="holiday_table", content=content, township_code=None)
    _out(
        args,
        {"rule": rule_id, "years": list(years)},
        f"节假日表（{'、'.join(str(y) for y in years)} 年）已发布给全县各乡镇（{rule_id}），"
        "随下一个同步包送达",
    )
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from server import workspace

    county = open_county(args.db)
    with county.sessions.begin() as s:
        rows = workspace.devices(s)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2, default=str))
        return 0
    if not rows:
        print("还没有登记的设备。用 anju-county enroll 为乡镇生成登记文件。")
    for r in rows:
        seen = r.last_seen_at.isoformat(timespec="minutes") if r.last_seen_at else "从未"
        state = f"已停用（{r.revoked_reason}，{r.revoked_by}）" if r.revoked else "在用"
        print(
            f"{r.id}  {r.name}  乡镇 {r.township_code}  {r.laptop_no} 号  最后联系 {seen}  "
            f"已收到其修改至第 {r.received_upto} 条  待下发 {r.pending}  {state}"
        )
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from desktop.domain.errors import ValidationError

    if not args.reason.strip():
        raise ValidationError("revoke_reason_empty", field="reason")
    county = open_county(args.db)
    device = county.revoke(args.device, reason=args.reason, by=args.by)
    _out(
        args,
        {"device": device.id, "revoked_at": device.revoked_at},
        f"设备“{device.name}”（乡镇 {device.township_code}）已停用：它的同步包从此被拒收，"
        "乡镇的其他设备在下次同步时收到停用通知。",
    )
    return 0


def _password(args: argparse.Namespace) -> str:
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输一次：") != first:
        raise OSError("两次输入的密码不一致")
    return first


def cmd_account(args: argparse.Namespace) -> int:
    from server import accounts

    county = open_county(args.db)
    if args.action == "list":
        with county.sessions.begin() as s:
            found = accounts.list_accounts(s)
        for info, locked, last in found:
            when = last.isoformat(timespec="minutes") if last else "从未登录"
            print(
                f"{info.username}  {info.display_name}  {info.role_name}  {when}{'  已锁定' if locked else ''}"
            )
        return 0
    if not args.username:
        raise OSError("请用 --username 指定账号")
    with county.sessions.begin() as s:
        if args.action == "add":
            info = accounts.create_account(
                s,
                username=args.username,
                display_name=args.name or args.username,
                role=args.role,
                password=_password(args),
            )
            text = f"县级账号 {info.username}（{info.role_name}）已建立"
        elif args.action == "unlock":
            accounts.unlock(s, args.username)
            text = f"账号 {args.username} 已解锁"
        else:
            accounts.set_password(s, args.username, _password(args))
            text = f"账号 {args.username} 的密码已更改"
    _out(args, {"username": args.username, "action": args.action}, text)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import waitress

    from server.app import make_app

    county = open_county(args.db)
    hosts = [*args.allowed_host]
    if args.host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::"):
        hosts.append(args.host)
    app = make_app(county, allowed_hosts=hosts)
    print(
        f"县级服务器运行于 http://{args.host}:{args.port}/（同步接口与县级工作台同一端口）",
        flush=True,
    )
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anju-county", description="安居 县级数据库与同步服务器")
    sub = parser.add_subparsers(dest="command", required=True, metavar="子命令")

    def add(name: str, helptext: str, func: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--db", help="数据库 URL 或 SQLite 文件路径")
        p.add_argument("--json", action="store_true", help="以 JSON 输出")
        p.set_defaults(func=func)
        return p

    p = add("init", "创建县级数据库和密钥", cmd_init)
    p.add_argument("--county-code", required=True)
    p.add_argument("--server-url", default="", help="写入登记文件的服务器地址")
    p = add("enroll", "为乡镇生成一次性登记文件", cmd_enroll)
    p.add_argument("--township", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--profile", default="default", help="政策规则（新乡镇数据库使用）")
    p = add("import", "导入乡镇的同步包", cmd_import)
    p.add_argument("files", nargs="+")
    p = add("export", "为某设备写出回传的同步包", cmd_export)
    p.add_argument("--device", required=True)
    p.add_argument("--to", required=True)
    p = add("transfer", "把热线诉求转办给乡镇（成为工单）", cmd_transfer)
    p.add_argument("--township", required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--category", default="other")
    p.add_argument("--household", default=None, help="住户编码（或编号）：工单落到该户所在网格")
    p.add_argument("--grid", default=None, help="网格编码（或编号），没有住户时指定")
    p.add_argument("--caller-name", default="")
    p.add_argument("--caller-phone", default="")
    p.add_argument("--location", default="", help="地点")
    p = add("relocate", "把住户迁到另一乡镇的安置点（成员与档案随迁）", cmd_relocate)
    p.add_argument("--household", required=True, help="住户编码或编号")
    p.add_argument("--to-site", required=True, help="目标安置点编码或编号")
    p = add("publish-policy", "发布政策规则调整（TOML），随同步包送达乡镇", cmd_publish_policy)
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--township", help="只发给这个乡镇")
    scope.add_argument("--all", action="store_true", help="发给全县各乡镇")
    p.add_argument("file")
    p = add(
        "publish-holidays", "发布节假日表（JSON 或 TOML），随同步包送达各乡镇", cmd_publish_holidays
    )
    p.add_argument("file")
    p = add("devices", "列出登记的设备（乡镇、最后联系、待下发、是否停用）", cmd_devices)
    p = add("revoke", "停用丢失或被盗的设备：此后拒收其同步包", cmd_revoke)
    p.add_argument("--device", required=True, help="设备编号（anju-county devices 列出）")
    p.add_argument("--reason", required=True, help="停用原因，例如：笔记本丢失")
    p.add_argument("--by", default="命令行", help="经办人")
    p = add("account", "县级工作台账号：add / list / unlock / password", cmd_account)
    p.add_argument("action", choices=["add", "list", "unlock", "password"])
    p.add_argument("--username")
    p.add_argument("--name", help="显示名称")
    p.add_argument(
        "--role",
        default="viewer",
        help="admin（县级管理员）/ viewer（县级查看）/ desk（12345 热线）",
    )
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作为密码")
    p = add("serve", "运行 HTTP 同步服务和县级工作台（同一端口）", cmd_serve)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认只在本机）")
    p.add_argument(
        "--allowed-host", action="append", default=[], help="浏览器访问时使用的主机名（可多次）"
    )
    p.add_argument("--port", type=int, default=8730)
    p.add_argument("--threads", type=int, default=8)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DomainError as exc:
        print(f"错误：{error_message(exc)}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
