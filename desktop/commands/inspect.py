"""``anju check`` and ``anju info``: look at a database without changing it."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from desktop.commands.common import add_db_argument, print_json
from desktop.paths import resolve_db_path
from desktop.services.checks import (
    MAX_OFFENDERS,
    CheckReport,
    CheckResult,
    DatabaseInfo,
    Offender,
    check_database,
    database_info,
)

CHECK_LABELS = {
    "integrity": "SQLite 文件完整（integrity_check）",
    "foreign_keys": "外键引用完整（foreign_key_check）",
    "schema": "数据库结构为最新版本",
    "resident_ids": "身份证号码有效",
    "resident_ids_unique": "身份证号码不重复",
    "orphans": "没有孤立记录",
    "one_head": "每户恰有一名户主",
}

ID_PROBLEMS = {
    "id_empty": "未填写身份证号码",
    "id_length": "身份证号码位数不对",
    "id_format": "身份证号码格式不对",
    "id_checksum": "身份证号码校验位不对",
    "id_birth_date": "身份证号码中的出生日期不存在",
    "id_future_birth": "身份证号码中的出生日期晚于今天",
    "id_area": "身份证号码地区码不存在",
    "id_duplicate": "身份证号码重复",
}

TABLE_LABELS = {
    "areas": "行政区划",
    "sites": "安置点",
    "grids": "网格",
    "buildings": "楼栋",
    "households": "住户",
    "persons": "家庭成员",
    "visits": "走访记录",
    "work_orders": "诉求工单",
    "work_order_events": "工单处理记录",
    "users": "账号",
    "user_grids": "账号与网格的绑定",
    "monitoring_periods": "监测记录",
    "employment_services": "就业服务记录",
}


def register(subparsers: Any) -> None:
    check = subparsers.add_parser(
        "check",
        help="检查数据库（只读）",
        description="只读检查数据库：SQLite 完整性、外键、结构版本、身份证号码、孤立记录、户主。"
        "全部通过时退出码为 0。",
    )
    add_db_argument(check)
    check.add_argument("--json", action="store_true", help="输出 JSON")
    check.set_defaults(func=run_check)

    info = subparsers.add_parser(
        "info",
        help="显示数据库概况（只读）",
        description="只读显示：县、乡镇、政策规则、结构版本，以及住户、人口、走访、工单数量。",
    )
    add_db_argument(info)
    info.add_argument("--json", action="store_true", help="输出 JSON")
    info.set_defaults(func=run_info)


# ---------------------------------------------------------------- check


def _table(name: str) -> str:
    return TABLE_LABELS.get(name, name)


def offender_text(offender: Offender) -> str:
    """One offending row, named by household code and person name where there are some."""
    who = " ".join(p for p in (offender.household_code, offender.person_name) if p)
    problem = offender.problem
    if problem in ID_PROBLEMS:
        what = f"{ID_PROBLEMS[problem]}（{offender.value}）"
    elif problem == "no_head":
        what = "没有户主"
    elif problem == "several_heads":
        what = f"有 {offender.value} 名户主"
    elif problem == "schema_older":
        what = f"结构版本 {offender.value or '无'} 较旧：用安居打开一次即会备份并升级"
    elif problem == "schema_newer":
        what = f"结构版本 {offender.value} 由更新版本的安居创建，请先升级安居"
    elif problem == "integrity":
        what = offender.value
    elif "->" in problem:
        child, parent = problem.split("->", 1)
        what = f"{_table(child)}指向不存在或已删除的{_table(parent)}"
        if offender.value and not who:
            what += f"（{offender.value}）"
    else:
        what = f"{problem} {offender.value}".strip()
    return f"户 {who}：{what}" if offender.household_code else (f"{who}：{what}" if who else what)


def check_text(report: CheckReport) -> str:
    lines = [f"数据库检查：{report.path}"]
    for result in report.checks:
        lines += _result_lines(result)
    failed = sum(1 for c in report.checks if not c.ok)
    lines.append("结论：全部通过。" if not failed else f"结论：{failed} 项未通过。")
    return "\n".join(lines)


def _result_lines(result: CheckResult) -> list[str]:
    label = CHECK_LABELS.get(result.id, result.id)
    if result.ok:
        extra = f"（{result.detail}）" if result.id == "schema" and result.detail else ""
        return [f"✓ {label}{extra}"]
    lines = [f"✗ {label}：{result.count} 处问题"]
    lines += [f"    {offender_text(o)}" for o in result.offenders]
    if result.count > MAX_OFFENDERS:
        lines.append(f"    ……另有 {result.count - MAX_OFFENDERS} 处")
    return lines


def report_json(report: CheckReport) -> dict[str, Any]:
    return {
        "path": report.path,
        "ok": report.ok,
        "checks": [asdict(c) for c in report.checks],
    }


def run_check(args: argparse.Namespace) -> int:
    report = check_database(resolve_db_path(args.db))
    if args.json:
        print_json(report_json(report))
    else:
        print(check_text(report))
    return 0 if report.ok else 1


# ---------------------------------------------------------------- info


def info_json(info: DatabaseInfo) -> dict[str, Any]:
    return {
        "path": info.path,
        "size_bytes": info.size_bytes,
        "set_up": info.set_up,
        "demo": info.demo,
        "county": {"code": info.county_code, "name": info.county_name},
        "township": {"code": info.township_code, "name": info.township_name},
        "policy_profile": {"id": info.profile_id, "name": info.profile_name},
        "schema": {
            "revision": info.schema_revision,
            "head": info.schema_head,
            "current": info.schema_current,
        },
        "last_sync_at": info.last_sync_at,
        "counts": {
            "sites": info.sites,
            "grids": info.grids,
            "buildings": info.buildings,
            "households": info.households,
            "persons": info.persons,
            "visits": info.visits,
            "work_orders": info.work_orders,
            "users": info.users,
        },
    }


def info_text(info: DatabaseInfo) -> str:
    size = f"{info.size_bytes / 1024 / 1024:.1f} MB"
    if info.set_up:
        county = f"{info.county_name}（{info.county_code}）"
        town = f"{info.township_name}（{info.township_code}）" + (
            "  [演示数据]" if info.demo else ""
        )
        profile = f"{info.profile_name or '未知'}（{info.profile_id}）"
    else:
        county = town = profile = "尚未设置"
    schema = info.schema_revision or "无"
    schema += (
        "（最新）" if info.schema_current else f"（最新为 {info.schema_head}，打开安居即升级）"
    )
    return "\n".join(
        [
            f"数据库文件：{info.path}（{size}）",
            f"县（市、区）：{county}",
            f"乡镇（街道）：{town}",
            f"政策规则：{profile}",
            f"数据库结构版本：{schema}",
            f"上次同步：{info.last_sync_at or '从未同步'}",
            f"安置点：{info.sites} 个，网格：{info.grids} 个，楼栋：{info.buildings} 栋",
            f"住户：{info.households} 户",
            f"人口：{info.persons} 人",
            f"走访记录：{info.visits} 条",
            f"诉求工单：{info.work_orders} 件",
            f"账号：{info.users} 个",
        ]
    )


def run_info(args: argparse.Namespace) -> int:
    info = database_info(resolve_db_path(args.db))
    if args.json:
        print_json(info_json(info))
    else:
        print(info_text(info))
    return 0
