"""The household form driven by the keyboard, as a grid member uses it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.resident_id import build
from desktop.services import survey
from desktop.services.households import HouseholdFilter, household_detail, list_households
from desktop.store.models import Household, Person
from desktop.ui.context import UiContext
from desktop.ui.household_form import HouseholdForm
from desktop.ui.visit_form import VisitForm
from tests.factories import make_building, make_grid, make_household, make_site, member

AREA = "433127"
KEY = Qt.Key


@pytest.fixture
def site_ids(township_db: sessionmaker[Session]) -> tuple[str, str]:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="XF")
        grid = make_grid(s, site, name="第一网格")
        make_building(s, site, grid, name="1栋")
        building = make_building(s, site, grid, name="3栋")
        return site.id, building.id


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_in(qtbot: QtBot, text: str, then: KEY = KEY.Key_Tab) -> None:
    """Type into whatever has the focus, then leave it with Tab (or Enter).

    Latin text is typed key by key; Chinese arrives as a pinyin input method
    delivers it, as a committed input-method event.
    """
    if text.isascii():
        qtbot.keyClicks(focused(), text)
    else:
        commit(focused(), text)
    qtbot.keyClick(focused(), then)


def commit(widget: QWidget, text: str) -> None:
    """What a pinyin input method sends when the user picks the characters."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot: QtBot, key: KEY, times: int = 1, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def open_form(qtbot: QtBot, ctx: UiContext, household_id: str | None = None) -> HouseholdForm:
    form = HouseholdForm(ctx, household_id, autosave_ms=60_000)
    qtbot.addWidget(form)
    form.resize(1280, 700)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return form


def enter_member(
    qtbot: QtBot, name: str, rid: str, relation_downs: int, *, labourer: bool = False
) -> None:
    """From the member's name field: every field in Tab order, by keys alone."""
    type_in(qtbot, name)
    type_in(qtbot, rid)
    assert isinstance(focused(), QComboBox)  # relation
    press(qtbot, KEY.Key_Down, relation_downs)
    press(qtbot, KEY.Key_Tab)  # relation -> ethnicity (汉族 kept)
    press(qtbot, KEY.Key_Tab)  # ethnicity -> education
    press(qtbot, KEY.Key_Down, 3)  # 初中
    press(qtbot, KEY.Key_Tab)
    type_in(qtbot, "13812345678" if labourer else "")  # phone
    press(qtbot, KEY.Key_Tab)  # health (healthy); the grade is off and skipped
    if labourer:
        press(qtbot, KEY.Key_Home)  # labour: full
    press(qtbot, KEY.Key_Tab)
    press(qtbot, KEY.Key_Tab)  # schooling
    if labourer:
        press(qtbot, KEY.Key_Home)  # employment: employed
        press(qtbot, KEY.Key_Tab)
        press(qtbot, KEY.Key_Down)  # place: in county
        press(qtbot, KEY.Key_Tab)
        type_in(qtbot, "县工业园")
        type_in(qtbot, "3200", then=KEY.Key_Return)  # Enter moves on too
        type_in(qtbot, "2021-03-01")
        type_in(qtbot, "电焊")
        type_in(qtbot, "")
    else:
        press(qtbot, KEY.Key_Tab, 7)
    assert isinstance(focused(), QCheckBox)  # medical insurance, ticked by default
    press(qtbot, KEY.Key_Tab, 4)


def test_four_members_entered_by_keyboard_alone_then_found_by_initials(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    form = open_form(qtbot, ui_context)
    assert focused() is form.field_widget("site_id")
    press(qtbot, KEY.Key_Tab)
    press(qtbot, KEY.Key_Down, 2)  # building: 3栋
    press(qtbot, KEY.Key_Tab)
    type_in(qtbot, "2")  # unit
    type_in(qtbot, "501", then=KEY.Key_Return)  # room, Enter moves on
    type_in(qtbot, "高望界村")
    type_in(qtbot, "2020-05-20")  # keys handed over
    type_in(qtbot, "2020-06-01")
    press(qtbot, KEY.Key_Tab)  # category: 建档立卡
    type_in(qtbot, "0743-8521234")
    type_in(qtbot, "王干部")
    type_in(qtbot, "13907431234")
    type_in(qtbot, "猕猴桃")
    press(qtbot, KEY.Key_Tab)  # code: generated
    press(qtbot, KEY.Key_Home)  # old house: from "no old house" to the first, "standing"
    press(qtbot, KEY.Key_Down)  # then "demolished"
    press(qtbot, KEY.Key_Tab)
    type_in(qtbot, "2020-09-01")
    press(qtbot, KEY.Key_Tab, 2)  # reclaimed on, note
    press(qtbot, KEY.Key_Tab)  # hazard
    press(qtbot, KEY.Key_Tab)  # property certificate
    press(qtbot, KEY.Key_Space)  # vegetable plot
    press(qtbot, KEY.Key_Tab)
    assert focused() is form.cards[0].widget("name")

    enter_member(qtbot, "张三丰", build(AREA, date(1968, 5, 1), 11), 0, labourer=True)
    assert form.cards[0].derived_text().startswith("— 出生 1968-05-01")
    # Tab after the last member reaches "add member"; Enter presses it.
    assert focused() is form.add_button
    press(qtbot, KEY.Key_Return)
    enter_member(qtbot, "李翠花", build(AREA, date(1970, 8, 9), 22), 2)  # 配偶
    press(qtbot, KEY.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    enter_member(qtbot, "张小明", build(AREA, date(2012, 2, 2), 33), 3)  # 子
    press(qtbot, KEY.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    enter_member(qtbot, "张奶奶", build(AREA, date(1942, 1, 1), 44), 10)  # 母亲
    assert len(form.cards) == 4

    with qtbot.waitSignal(form.saved) as saved:
        press(qtbot, KEY.Key_S, modifier=Qt.KeyboardModifier.ControlModifier)
    household_id = saved.args[0]
    with township_db.begin() as s:
        rows = list_households(s, ui_context.actor, HouseholdFilter(text="zsf"))
        assert [r.id for r in rows] == [household_id]
        assert rows[0].member_count == 4 and rows[0].building_name == "3栋"
        detail = household_detail(s, ui_context.actor, household_id, date(2026, 11, 22))
    assert [(m.name, m.relation) for m in detail.members] == [
        ("张三丰", "head"),
        ("李翠花", "spouse"),
        ("张小明", "son"),
        ("张奶奶", "mother"),
    ]
    head = detail.members[0]
    assert (head.labour, head.employment, head.employer, head.monthly_income) == (
        "full",
        "employed",
        "县工业园",
        3200,
    )
    assert head.employed_since == date(2021, 3, 1) and head.education == "junior"
    assert (detail.unit, detail.room, detail.origin_village) == ("2", "501", "高望界村")
    assert detail.old_house_status == "demolished" and detail.vegetable_plot
    with township_db.begin() as s:
        saved = s.get(Household, household_id)
        assert saved is not None and saved.keys_handed_on == date(2020, 5, 20)


def _fill_minimal(form: HouseholdForm, rid: str) -> None:
    card = form.cards[0]
    name = card.widget("name")
    assert isinstance(name, QLineEdit)
    name.setText("张三丰")
    id_edit = card.widget("resident_id")
    assert isinstance(id_edit, QLineEdit)
    id_edit.setText(rid)


def _count(factory: sessionmaker[Session]) -> tuple[int, int]:
    with factory.begin() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Household)) or 0),
            int(s.scalar(select(func.count()).select_from(Person)) or 0),
        )


def test_bad_input_is_shown_in_chinese_at_the_field_and_nothing_is_saved(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    with township_db.begin() as s:
        other = make_household(
            s,
            site=make_site(s, code="OT"),
            code="OT-0009",
            members=[member("王五", resident_id=build(AREA, date(1980, 3, 3), 77))],
        )
        other_id = other.id
    form = open_form(qtbot, ui_context)
    before = _count(township_db)
    _fill_minimal(form, build(AREA, date(1968, 5, 1), 11))
    income = form.cards[0].widget("monthly_income")
    assert isinstance(income, QLineEdit)
    income.setText("-200")
    phone = form.field_widget("phone")
    assert isinstance(phone, QLineEdit)
    phone.setText("8521234")
    form.add_member()
    second = form.cards[1]
    second.widget("name").setText("王五")  # type: ignore[attr-defined]
    second.widget("resident_id").setText(build(AREA, date(1980, 3, 3), 77))  # type: ignore[attr-defined]
    set_relation = second.widget("relation")
    assert isinstance(set_relation, QComboBox)
    set_relation.setCurrentIndex(set_relation.findData("head"))  # a second head

    assert not form.save()
    assert form.fields["phone"].error_text().startswith("电话号码应为11位手机号")
    assert form.cards[0].fields["monthly_income"].error_text() == "收入不能为负数。"
    assert "一户只能有一名户主" in second.fields["relation"].error_text()
    assert second.fields["resident_id"].error_text() == "该身份证号码已登记在另一户（OT-0009）。"
    assert _count(township_db) == before
    # The duplicate's message links to the other household.
    with qtbot.waitSignal(form.open_household_requested) as opened:
        second.fields["resident_id"].error.linkActivated.emit(f"household:{other_id}")
    assert opened.args == [other_id]

    # A wrong check digit shows as soon as the 18th character is typed.
    id_edit = form.cards[0].widget("resident_id")
    assert isinstance(id_edit, QLineEdit)
    id_edit.setText(build(AREA, date(1968, 5, 1), 11)[:-1] + "0")
    assert "校验位不对" in form.cards[0].fields["resident_id"].error_text()
    assert form.cards[0].derived_text() == ""


def test_future_move_in_and_member_reorder_and_remove(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    form = open_form(qtbot, ui_context)
    _fill_minimal(form, build(AREA, date(1968, 5, 1), 11))
    move_in = form.field_widget("move_in_date")
    assert isinstance(move_in, QLineEdit)
    move_in.setText("2099-01-01")
    assert not form.save()
    assert form.fields["move_in_date"].error_text().startswith("日期2099-01-01晚于今天")
    assert _count(township_db) == (0, 0)
    move_in.setText("1960-01-01")
    assert not form.save()
    assert "早于出生日期" in form.fields["move_in_date"].error_text()
    move_in.setText("2020-06-01")
    for name, rid, rel in (
        ("李翠花", build(AREA, date(1970, 8, 9), 22), "spouse"),
        ("多余", build(AREA, date(1990, 1, 1), 55), "other"),
    ):
        card = form.add_member()
        card.widget("name").setText(name)  # type: ignore[attr-defined]
        card.widget("resident_id").setText(rid)  # type: ignore[attr-defined]
        combo = card.widget("relation")
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(rel))
    # Alt+Up on the spouse moves her first; Ctrl+Del removes the extra member.
    form.cards[1].widget("name").setFocus()
    qtbot.waitUntil(lambda: form.cards[1].widget("name").hasFocus())
    press(qtbot, KEY.Key_Up, modifier=Qt.KeyboardModifier.AltModifier)
    assert [c.values()["name"] for c in form.cards] == ["李翠花", "张三丰", "多余"]
    form.cards[2].widget("name").setFocus()
    qtbot.waitUntil(lambda: form.cards[2].widget("name").hasFocus())
    press(qtbot, KEY.Key_Delete, modifier=Qt.KeyboardModifier.ControlModifier)
    assert len(form.cards) == 2
    assert form.save()
    assert _count(township_db) == (1, 2)


def test_esc_asks_before_discarding(qtbot: QtBot, ui_context: UiContext, site_ids) -> None:
    form = open_form(qtbot, ui_context)
    asked: list[bool] = []
    answer = [False]

    def confirm() -> bool:
        asked.append(True)
        return answer[0]

    form.confirm_discard = confirm
    commit(form.cards[0].widget("name"), "张")
    with qtbot.assertNotEmitted(form.closed):
        press(qtbot, KEY.Key_Escape)
    assert asked == [True]
    answer[0] = True
    with qtbot.waitSignal(form.closed):
        press(qtbot, KEY.Key_Escape)


def test_editing_shows_the_saved_household_and_a_visit_prefills_from_it(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    site_id, building_id = site_ids
    data = survey.HouseholdInput(
        site_id=site_id,
        building_id=building_id,
        room="302",
        members=(
            survey.MemberInput(
                name="向大山",
                resident_id=build(AREA, date(1975, 4, 4), 13),
                relation="head",
                labour="full",
                employment="employed",
                employer="湘西建筑公司",
                monthly_income=4000,
            ),
        ),
    )
    with township_db.begin() as s:
        saved = survey.save_household(s, ui_context.actor, data)
    form = open_form(qtbot, ui_context, saved.id)
    assert form.values()["household"]["room"] == "302"
    assert form.cards[0].values()["employer"] == "湘西建筑公司"
    assert "出生 1975-04-04" in form.cards[0].derived_text()

    visit = VisitForm(ui_context, saved.id, autosave_ms=60_000)
    qtbot.addWidget(visit)
    visit.show()
    row = visit.rows[0]
    assert row.employer.text() == "湘西建筑公司" and row.income.text() == "4000"
    assert visit.income_edits["wages"].text() == "48000"  # 4000 × 12, no visit yet
    row.employment.setCurrentIndex(row.employment.findData("unemployed"))
    assert row.marker.text() == "⚠ 失业"
    assert "失业：向大山" in visit.swing_label.text()
    visit.income_edits["wages"].setText("-1")
    visit.income_edits["wages"].textEdited.emit("-1")
    assert not visit.save()
    assert visit.fields["income.wages"].error_text() == "收入不能为负数。"
    visit.income_edits["wages"].setText("0")
    with qtbot.waitSignal(visit.saved):
        assert visit.save()
    assert visit.result is not None
    assert {a["code"] for a in visit.result.alerts} == {"job_lost"}


def test_the_household_page_shows_the_survey_and_opens_the_forms(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    from desktop.ui.household_form import HouseholdFormDialog
    from desktop.ui.household_page import HouseholdPage
    from desktop.ui.visit_form import VisitFormDialog

    site_id, building_id = site_ids
    with township_db.begin() as s:
        saved = survey.save_household(
            s,
            ui_context.actor,
            survey.HouseholdInput(
                site_id=site_id,
                building_id=building_id,
                members=(
                    survey.MemberInput(
                        name="向大山",
                        resident_id=build(AREA, date(1975, 4, 4), 13),
                        relation="head",
                        labour="full",
                        employment="unemployed",
                    ),
                ),
            ),
        )
    page = HouseholdPage(ui_context)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    assert page.show_household(saved.id)
    panel = page.survey_panel
    # never visited, nobody works: zero employment (amber in Xiangxi), due today
    assert panel.monitoring.risk.text() == "● 黄色：需关注"
    assert "零就业家庭" in panel.monitoring.flags.text()
    assert "本月未走访" in panel.monitoring.cadence.text()
    assert panel.five_ones.summary.text().startswith("尚缺：1人以上稳定就业")
    assert panel.monitor_button.text() == "纳入监测"

    qtbot.mouseClick(page.survey_buttons.visit_button, Qt.MouseButton.LeftButton)
    dialog = page.survey_buttons.dialog
    assert isinstance(dialog, VisitFormDialog)
    qtbot.waitExposed(dialog)
    dialog.form.income_edits["wages"].setText("6000")
    with qtbot.waitSignal(dialog.accepted):
        dialog.form.save()
    qtbot.waitUntil(lambda: "本月已走访" in panel.monitoring.cadence.text())
    assert panel.monitoring.risk.text() == "● 红色：高风险"  # 6 000 a year is under the line
    assert "低于监测线" in panel.monitoring.flags.text()

    qtbot.mouseClick(page.survey_buttons.edit_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.survey_buttons.dialog, HouseholdFormDialog)
    page.survey_buttons.dialog.form.request_close()


def test_new_household_from_the_list_opens_the_saved_household(
    qtbot: QtBot, ui_context: UiContext, site_ids
) -> None:
    from desktop.ui.households_page import HouseholdsPage

    page = HouseholdsPage(ui_context)
    qtbot.addWidget(page)
    page.show()
    assert page.new_button.text() == "新增住户"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.new_button.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    _fill_minimal(dialog.form, build(AREA, date(1968, 5, 1), 11))
    with qtbot.waitSignal(page.household_opened) as opened:
        assert dialog.form.save()
    assert page.detail.household_id == opened.args[0]
    assert page.detail.title.text().startswith("张三丰")


def _one_labourer(factory: sessionmaker[Session], ctx: UiContext, site_ids) -> str:
    site_id, building_id = site_ids
    with factory.begin() as s:
        return survey.save_household(
            s,
            ctx.actor,
            survey.HouseholdInput(
                site_id=site_id,
                building_id=building_id,
                members=(
                    survey.MemberInput(
                        name="向大山",
                        resident_id=build(AREA, date(1975, 4, 4), 13),
                        relation="head",
                        labour="full",
                        employment="unemployed",
                    ),
                ),
            ),
        ).id


def test_a_half_typed_visit_is_offered_again(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    household_id = _one_labourer(township_db, ui_context, site_ids)
    visit = VisitForm(ui_context, household_id, autosave_ms=60_000)
    qtbot.addWidget(visit)
    visit.show()
    assert not visit.banner.isVisible()
    commit(visit.notes, "户主说下月去县工业园上班")
    visit.income_edits["transfers"].setText("2400")
    visit.income_edits["transfers"].textEdited.emit("2400")
    with qtbot.waitSignal(visit.draft_saved):
        visit.autosave_now()
    visit.close()

    again = VisitForm(ui_context, household_id, autosave_ms=60_000)
    qtbot.addWidget(again)
    again.show()
    assert again.banner.isVisible()
    qtbot.mouseClick(again.continue_button, Qt.MouseButton.LeftButton)
    assert again.notes.toPlainText() == "户主说下月去县工业园上班"
    assert again.income_edits["transfers"].text() == "2400"


def test_monitoring_and_311_dialogs_write_through_the_services(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    from desktop.ui.survey_widgets import MonitoringDialog, ServiceDialog, SurveyPanel

    household_id = _one_labourer(township_db, ui_context, site_ids)
    panel = SurveyPanel(ui_context, household_id)
    qtbot.addWidget(panel)
    panel.show()
    today = panel.today()
    enter = MonitoringDialog(ui_context, household_id, today, leaving=False)
    qtbot.addWidget(enter)
    enter.submit()  # no reason given
    assert enter.boxes["reason"].error_text() == "请填写原因。"
    enter.reason.setText("户主失业，家庭无收入")
    with qtbot.waitSignal(enter.accepted):
        enter.submit()
    panel.refresh()
    assert panel.monitor_button.text() == "退出监测"
    assert "户主失业，家庭无收入" in panel.monitoring.category.text()

    person_id = panel.status.services[0].person_id if panel.status else ""
    service = ServiceDialog(ui_context, person_id, today)
    qtbot.addWidget(service)
    service.day.setText("2099-01-01")
    service.submit()
    assert service.boxes["service_date"].error_text().startswith("日期2099-01-01晚于今天")
    service.day.setText(today.isoformat())
    with qtbot.waitSignal(service.accepted):
        service.submit()
    panel.refresh()
    assert panel.status is not None
    counts = {c.kind.value: c.done for c in panel.status.services[0].status.counts}
    assert counts["job_offer"] == 1


def test_a_problem_found_on_a_visit_opens_a_work_order_filled_in(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    from desktop.services import work_orders
    from desktop.ui.survey_widgets import SurveyPanel

    household_id = _one_labourer(township_db, ui_context, site_ids)
    with township_db.begin() as s:
        template = survey.visit_template(s, ui_context.actor, household_id)
        visit = survey.record_visit(
            s,
            ui_context.actor,
            survey.VisitInput(
                household_id=household_id,
                visited_on=date(2026, 11, 2),
                members=tuple(
                    survey.VisitMemberInput(m.person_id, m.employment) for m in template.members
                ),
                problems=(survey.ProblemInput("repairs", "卫生间漏水到楼下"),),
            ),
            today=date(2026, 11, 22),
        )
    panel = SurveyPanel(ui_context, household_id)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.problems.isVisible()
    button = panel.problems.findChildren(QPushButton)[0]
    assert button.text() == "转为工单"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = panel.order_form
    assert form is not None
    qtbot.waitExposed(form)
    assert form.description.toPlainText() == "卫生间漏水到楼下"  # type: ignore[attr-defined]
    form.reject()
    # once an order of this visit carries the problem, the panel says so
    with township_db.begin() as s:
        order = work_orders.intake(
            s,
            ui_context.actor,
            description="卫生间漏水到楼下",
            category="repairs",
            source="visit",
            household_id=household_id,
            visit_id=visit.id,
        )
    panel.refresh()
    assert f"已转工单 {order.row.code}" in panel.problems.findChildren(QLabel)[1].text()


def test_a_grid_member_sees_only_their_buildings_and_cannot_save_outside_them(
    qtbot: QtBot,
    grid_member_context: UiContext,
    township_db: sessionmaker[Session],
    site_ids,
) -> None:
    form = open_form(qtbot, grid_member_context)
    site = form.field_widget("site_id")
    assert isinstance(site, QComboBox)
    # the fixture's grid member has 一网格 of 幸福安置区 only, with no building yet
    assert [site.itemText(i) for i in range(site.count())] == ["幸福安置区"]
    _fill_minimal(form, build(AREA, date(1968, 5, 1), 11))
    assert not form.save()
    assert form.form_error.text() == "⚠ 该住户不在您负责的网格内，不能修改。"
    assert _count(township_db) == (0, 0)


def test_saving_an_open_form_keeps_what_changed_elsewhere_meanwhile(
    qtbot: QtBot, ui_context: UiContext, township_db: sessionmaker[Session], site_ids
) -> None:
    """A sync lands while the form is open: the fields the user did not touch keep the
    new values; the field the user typed over is theirs."""
    site_id, building_id = site_ids
    data = survey.HouseholdInput(
        site_id=site_id,
        building_id=building_id,
        room="302",
        phone="13800000000",
        members=(
            survey.MemberInput(
                name="向大山", resident_id=build(AREA, date(1975, 4, 4), 13), relation="head"
            ),
        ),
    )
    with township_db.begin() as s:
        saved = survey.save_household(s, ui_context.actor, data)
    form = open_form(qtbot, ui_context, saved.id)
    with township_db.begin() as s:  # what another workstation's package brings
        h = s.get(Household, saved.id)
        assert h is not None
        h.phone, h.income_industry = "13911111111", "茶叶"
        head = s.scalars(select(Person).where(Person.household_id == saved.id)).one()
        head.skills = "砌筑"
    room = form.field_widget("room")
    assert isinstance(room, QLineEdit)
    room.setFocus()
    room.selectAll()
    type_in(qtbot, "305")
    with qtbot.waitSignal(form.saved):
        assert form.save()
    with township_db.begin() as s:
        h = s.get(Household, saved.id)
        assert h is not None
        assert (h.room, h.phone, h.income_industry) == ("305", "13911111111", "茶叶")
        head = s.scalars(select(Person).where(Person.household_id == saved.id)).one()
        assert head.skills == "砌筑"
