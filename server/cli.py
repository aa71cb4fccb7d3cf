"""``anju-county``: the county server's command (init, enroll, import, export, transfer,
relocate, publish-policy, publish-holidays, serve).

``--db`` takes an SQLAlchemy URL (``postgresql+psycopg://user@host/db`` in
production) or a file path for SQLite; default ``ANJU_COUNTY_DB`` or
``county.db`` in the user data directory.
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


def cmd_serve(args: argparse.Namespace) -> int:
    import waitress

    from server.app import make_app

    county = open_county(args.db)
    print(f"县级服务器运行于 http://{args.host}:{args.port}/", flush=True)
    waitress.serve(make_app(county), host=args.host, port=args.port, threads=args.threads)
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
    p = add("serve", "运行 HTTP 同步服务", cmd_serve)
    p.add_argument("--host", default="127.0.0.1")
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
