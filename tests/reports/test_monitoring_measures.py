"""Monitoring that records the help given: risk types, measures with dates, income
per head, how and when the risk was cleared; the ledger and the card show them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import ValidationError
from desktop.domain.validation import ValidationErrors
from desktop.services import ledgers, printing, survey
from desktop.services.actor import Actor
from desktop.services.clock import FixedClock
from desktop.services.ledgers import LedgerKind
from desktop.store.models import Household
from desktop.store.models_survey import MonitoringMeasure
from tests.reports.support import TODAY, run_tool

CLOCK = FixedClock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))


def _household(factory: sessionmaker[Session], code: str) -> str:
    with factory.begin() as s:
        hid = s.scalar(select(Household.id).where(Household.code == code))
        assert hid is not None
        return hid


def test_entry_risk_types_measures_and_clearing_are_kept_and_exported(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    hid = _household(township_db, codes[1])  # S01-0002, not monitored
    with township_db.begin() as s:
        with pytest.raises(ValidationErrors) as refused:
            survey.record_measure(s, admin, hid, "employment", date(2026, 3, 1), "推荐岗位")
        assert refused.value.errors[0].code == "not_monitored"
    with township_db.begin() as s:
        survey.enter_monitoring(
            s,
            admin,
            hid,
            "sudden_hardship",
            date(2026, 3, 1),
            "户主住院，医疗支出大",
            risk_types=["illness", "no_labour"],
            income_per_head=4200,
            today=TODAY,
        )
    with township_db.begin() as s, pytest.raises(ValidationErrors) as bad:
        survey.enter_monitoring(
            s, admin, hid, "marginal", date(2026, 3, 1), "x", risk_types=["bad_luck"], today=TODAY
        )
    assert {e.code for e in bad.value.errors} >= {"already_monitored"}
    for kind, day, note, code in (
        ("health", date(2026, 2, 1), "医疗救助", "measure_before_entry"),
        ("health", date(2026, 12, 1), "医疗救助", "date_in_future"),
        ("health", date(2026, 4, 1), "  ", "measure_note_required"),
    ):
        with township_db.begin() as s, pytest.raises(ValidationErrors) as err:
            survey.record_measure(s, admin, hid, kind, day, note, today=TODAY)
        assert code in {e.code for e in err.value.errors}
    with township_db.begin() as s:
        survey.record_measure(
            s, admin, hid, "health", date(2026, 3, 5), "大病医疗救助3,000元", today=TODAY
        )
        survey.record_measure(
            s, admin, hid, "safety_net", date(2026, 4, 10), "纳入农村低保", today=TODAY
        )
    with township_db.begin() as s:
        assert s.query(MonitoringMeasure).count() == 2
        history = survey.monitoring_history(s, admin, hid)
    assert history[0].risk_types == ("illness", "no_labour")
    assert history[0].income_per_head == 4200
    assert [m.kind for m in history[0].measures] == ["health", "safety_net"]

    # the card lists the help given, with its date
    out = tmp_path / "card.pdf"
    with township_db.begin() as s:
        printing.print_cards(s, admin, printing.Selection(household_ids=(hid,)), out, today=TODAY)
    text = "".join(run_tool("pdftotext", "-layout", out, "-").split())
    assert "帮扶措施：2026年3月5日健康帮扶：大病医疗救助3,000元" in text
    assert "监测原因：户主住院，医疗支出大" in text

    # the monitoring ledger: risk types, income, measures, and once cleared how and when
    with township_db.begin() as s:
        survey.exit_monitoring(s, admin, hid, date(2026, 11, 2), "纳入低保后收入稳定", today=TODAY)
    xlsx = tmp_path / "mon.xlsx"
    with township_db.begin() as s:
        ledgers.export_ledger(s, admin, LedgerKind.MONITORING, xlsx, month="2026-11", clock=CLOCK)
    ws = openpyxl.load_workbook(xlsx).active
    headers = [c.value for c in ws[4]]
    groups = [c.value for c in ws[3]]
    names = [headers[i] or groups[i] for i in range(len(headers))]
    row = dict(zip(names, next(ws.iter_rows(min_row=5, values_only=True)), strict=True))
    assert row["风险类型"] == "因病、缺劳动力"
    assert row["纳入时人均纯收入（元）"] == 4200
    assert (
        row["帮扶措施"]
        == "2026-03-05 健康帮扶：大病医疗救助3,000元\n2026-04-10 综合保障：纳入农村低保"
    )
    assert row["退出日期"].date() == date(2026, 11, 2)
    assert row["风险消除方式"] == "纳入低保后收入稳定"
    assert row["本月状态"] == "本月退出"


def test_measure_kind_must_be_known(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str]
) -> None:
    hid = _household(township_db, codes[0])  # monitored (marginal) without a period row
    with township_db.begin() as s, pytest.raises((ValidationErrors, ValidationError)):
        survey.record_measure(s, admin, hid, "magic", date(2026, 3, 1), "x", today=TODAY)
