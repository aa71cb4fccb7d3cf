"""The survey services on a real township database: saving a household with its
members, bad input refused with nothing written, visits, "311", monitoring,
drafts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from stdnum.cn import ric

from desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from desktop.domain.monitoring import Flag, Risk
from desktop.domain.resident_id import build
from desktop.domain.validation import ValidationErrors
from desktop.services import survey
from desktop.services.actor import Actor
from desktop.services.households import HouseholdFilter, household_detail, list_households
from desktop.services.survey import (
    ChecklistEntry,
    HouseholdInput,
    MemberInput,
    ProblemInput,
    SurveyFilter,
    VisitInput,
    VisitMemberInput,
)
from desktop.store.models import Draft, Household, Person, Visit
from desktop.store.models_survey import EmploymentService, MonitoringPeriod
from tests.factories import make_building, make_grid, make_household, make_site, make_user, member

TODAY = date(2026, 11, 22)
AREA = "433127"
# 30 February 2013, with a correct check digit: only the date is wrong.
IMPOSSIBLE_DATE_ID = "43312720130230033" + ric.calc_check_digit("433127201302300330")


@dataclasses.dataclass
class Town:
    site_id: str
    building_id: str
    other_building_id: str
    member: Actor  # a grid member of the first grid only


@pytest.fixture
def town(township_db: sessionmaker[Session]) -> Town:
    with township_db.begin() as s:
        site = make_site(s, name="幸福家园安置区", code="XF")
        g1 = make_grid(s, site, name="第一网格")
        g2 = make_grid(s, site, name="第二网格")
        b1 = make_building(s, site, g1, name="3栋")
        b2 = make_building(s, site, g2, name="7栋")
        grid_member = make_user(s, grids=[g1], display_name="李网格")
        return Town(site.id, b1.id, b2.id, grid_member)


def family(**changes: object) -> HouseholdInput:
    """张三丰's household: four members, a valid input to spoil one field at a time."""
    members = (
        MemberInput(
            name="张三丰",
            resident_id=build(AREA, date(1968, 5, 1), 11),
            relation="head",
            labour="full",
            employment="employed",
            employment_place="in_county",
            employer="县工业园",
            monthly_income=3200,
            employed_since=date(2021, 3, 1),
            phone="13812345678",
        ),
        MemberInput(
            name="李翠花",
            resident_id=build(AREA, date(1970, 8, 9), 22),
            relation="spouse",
            labour="partial",
            employment="farming",
            skills="苗绣",
        ),
        MemberInput(
            name="张小明",
            resident_id=build(AREA, date(2012, 2, 2), 33),
            relation="son",
            schooling="primary",
        ),
        MemberInput(
            name="张奶奶",
            resident_id=build(AREA, date(1942, 1, 1), 44),
            relation="mother",
            labour="lost",
            health="serious",
        ),
    )
    base = HouseholdInput(
        site_id="",
        members=members,
        unit="2",
        room="501",
        origin_village="高望界村",
        move_in_date=date(2020, 6, 1),
        phone="0743-8521234",
        old_house_status="demolished",
        old_house_demolished_on=date(2020, 9, 1),
        vegetable_plot=True,
        income_industry="猕猴桃",
        cadre_name="王干部",
        cadre_phone="13907431234",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def in_town(town: Town, **changes: object) -> HouseholdInput:
    return family(site_id=town.site_id, building_id=town.building_id, **changes)


def with_member(data: HouseholdInput, i: int, **changes: object) -> HouseholdInput:
    members = list(data.members)
    members[i] = dataclasses.replace(members[i], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(data, members=tuple(members))


def counts(factory: sessionmaker[Session]) -> tuple[int, ...]:
    with factory.begin() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Household, Person, Visit, EmploymentService, MonitoringPeriod)
        )


def run(factory: sessionmaker[Session], fn: Callable[..., object], *args: object, **kw: object):
    with factory.begin() as s:
        return fn(s, *args, today=TODAY, **kw)


def test_a_new_household_is_saved_with_its_members_and_found_by_initials(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    saved = run(township_db, survey.save_household, admin, in_town(town))
    assert saved.created and saved.code == "XF-0001" and len(saved.member_ids) == 4
    with township_db.begin() as s:
        rows = list_households(s, admin, HouseholdFilter(text="zsf"))
        assert [r.code for r in rows] == ["XF-0001"]
        assert rows[0].head_name == "张三丰" and rows[0].member_count == 4
        detail = household_detail(s, admin, saved.id, TODAY)
        # birth date, age and sex come from the ID
        head = detail.members[0]
        assert (head.birth_date, head.age, head.sex) == (date(1968, 5, 1), 58, "male")
        assert [m.name for m in detail.members] == ["张三丰", "李翠花", "张小明", "张奶奶"]
        assert detail.grid_name == "第一网格"


def test_editing_reorders_removes_and_adds_members_in_one_save(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    saved = run(township_db, survey.save_household, admin, in_town(town))
    with township_db.begin() as s:
        current = survey.household_input(s, admin, saved.id)
    grandma, son = current.members[3], current.members[2]
    newborn = MemberInput(
        name="张小红", resident_id=build(AREA, date(2025, 1, 5), 52), relation="granddaughter"
    )
    edited = dataclasses.replace(
        current,
        members=(current.members[0], grandma, current.members[1], newborn),
        room="502",
    )
    run(township_db, survey.save_household, admin, edited)
    with township_db.begin() as s:
        detail = household_detail(s, admin, saved.id, TODAY)
        assert [m.name for m in detail.members] == ["张三丰", "张奶奶", "李翠花", "张小红"]
        assert detail.room == "502"
        gone = s.get(Person, son.id)
        assert gone is not None and gone.deleted
        assert list_households(s, admin, HouseholdFilter(text="zxh"))
        assert not list_households(s, admin, HouseholdFilter(text="zxm"))


BAD_INPUTS = [
    # (what is wrong, the change, the field, the code)
    (
        "wrong check digit",
        lambda d: with_member(d, 1, resident_id=build(AREA, date(1970, 8, 9), 22)[:-1] + "0"),
        "members[1].resident_id",
        "id_checksum",
    ),
    (
        "impossible date",
        lambda d: with_member(d, 2, resident_id=IMPOSSIBLE_DATE_ID),
        "members[2].resident_id",
        "id_birth_date",
    ),
    ("no head", lambda d: with_member(d, 0, relation="other"), "members", "no_head"),
    ("two heads", lambda d: with_member(d, 3, relation="head"), "members[3].relation", "two_heads"),
    (
        "short mobile",
        lambda d: with_member(d, 0, phone="1381234567"),
        "members[0].phone",
        "phone_format",
    ),
    (
        "landline without area code",
        lambda d: dataclasses.replace(d, phone="8521234"),
        "phone",
        "phone_format",
    ),
    (
        "cadre phone",
        lambda d: dataclasses.replace(d, cadre_phone="12345"),
        "cadre_phone",
        "phone_format",
    ),
    (
        "negative income",
        lambda d: with_member(d, 0, monthly_income=-100),
        "members[0].monthly_income",
        "income_negative",
    ),
    (
        "move-in in the future",
        lambda d: dataclasses.replace(d, move_in_date=date(2026, 12, 1)),
        "move_in_date",
        "date_in_future",
    ),
    (
        "keys handed over in the future",
        lambda d: dataclasses.replace(d, keys_handed_on=date(2026, 12, 1)),
        "keys_handed_on",
        "date_in_future",
    ),
    (
        "move-in before the head was born",
        lambda d: dataclasses.replace(d, move_in_date=date(1960, 1, 1)),
        "move_in_date",
        "date_before_birth",
    ),
    (
        "employed before birth",
        lambda d: with_member(d, 0, employed_since=date(1950, 1, 1)),
        "members[0].employed_since",
        "date_before_birth",
    ),
    (
        "same ID twice in the form",
        lambda d: with_member(d, 2, resident_id=d.members[1].resident_id),
        "members[2].resident_id",
        "id_repeated",
    ),
    (
        "retained old house without approval",
        lambda d: dataclasses.replace(d, old_house_status="retained"),
        "old_house_note",
        "retained_needs_approval",
    ),
    (
        "unknown grid",
        lambda d: dataclasses.replace(d, building_id=None, grid_id="no-such-grid"),
        "grid_id",
        "unknown_grid",
    ),
    (
        "empty name",
        lambda d: with_member(d, 1, name="  "),
        "members[1].name",
        "required",
    ),
]


def test_each_bad_input_is_refused_at_its_field_and_nothing_is_written(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    # one database for all cases: each refusal must leave it exactly as it was
    before = counts(township_db)
    for why, spoil, field, code in BAD_INPUTS:
        with pytest.raises(ValidationErrors) as err:
            run(township_db, survey.save_household, admin, spoil(in_town(town)))
        found = err.value.by_field()
        assert field in found, (why, list(found))
        assert found[field].code == code, why
        assert counts(township_db) == before, why


def test_bad_input_on_edit_leaves_the_saved_household_as_it_was(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    saved = run(township_db, survey.save_household, admin, in_town(town))
    with township_db.begin() as s:
        current = survey.household_input(s, admin, saved.id)
    spoiled = with_member(dataclasses.replace(current, room="999"), 0, monthly_income=-1)
    with pytest.raises(ValidationErrors):
        run(township_db, survey.save_household, admin, spoiled)
    with township_db.begin() as s:
        assert survey.household_input(s, admin, saved.id) == current


def test_every_fault_of_the_form_is_reported_at_once(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    bad = with_member(in_town(town, phone="123"), 2, monthly_income=-5)
    with pytest.raises(ValidationErrors) as err:
        run(township_db, survey.save_household, admin, bad)
    assert set(err.value.by_field()) == {"phone", "members[2].monthly_income"}


def test_an_id_of_another_household_names_that_household(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    taken = build(AREA, date(1980, 3, 3), 77)
    with township_db.begin() as s:
        other = make_household(
            s,
            site=make_site(s, code="OT"),
            code="OT-0009",
            members=[member("王五", resident_id=taken)],
        )
        other_id = other.id
    before = counts(township_db)
    with pytest.raises(ValidationErrors) as err:
        run(
            township_db,
            survey.save_household,
            admin,
            with_member(in_town(town), 1, resident_id=taken),
        )
    dup = err.value.by_field()["members[1].resident_id"]
    assert dup.code == "id_duplicate"
    assert dup.params == {"household": "OT-0009", "household_id": other_id}
    assert counts(township_db) == before


def test_a_grid_member_cannot_save_outside_their_grids(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    mine = run(township_db, survey.save_household, town.member, in_town(town))
    before = counts(township_db)
    elsewhere = family(
        site_id=town.site_id,
        building_id=town.other_building_id,
        members=tuple(
            dataclasses.replace(m, resident_id=build(AREA, date(1990, 1, 1), 100 + i))
            for i, m in enumerate(family().members)
        ),
    )
    with pytest.raises(PermissionDenied) as err:
        run(township_db, survey.save_household, town.member, elsewhere)
    assert err.value.code == "outside_your_grids"
    # nor move their own household into another grid
    with township_db.begin() as s:
        current = survey.household_input(s, town.member, mine.id)
    with pytest.raises(PermissionDenied):
        run(
            township_db,
            survey.save_household,
            town.member,
            dataclasses.replace(current, building_id=town.other_building_id),
        )
    assert counts(township_db) == before


# ---------------------------------------------------------------- visits


def _visit(saved_id: str, template: survey.VisitTemplate, **changes: object) -> VisitInput:
    members = tuple(
        VisitMemberInput(
            m.person_id, m.employment, m.employment_place, m.employer, m.monthly_income
        )
        for m in template.members
    )
    base = VisitInput(
        household_id=saved_id,
        visited_on=date(2026, 10, 10),
        members=members,
        income={"wages": 38400, "business": 0, "property": 1200, "transfers": 4400},
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_visit_prefills_updates_in_place_and_flags_a_lost_job_and_a_drop(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    saved = run(township_db, survey.save_household, admin, in_town(town))
    with township_db.begin() as s:
        template = survey.visit_template(s, admin, saved.id)
    assert template.suggested_wages == 3200 * 12
    assert template.last_visit_on is None
    first = run(township_db, survey.record_visit, admin, _visit(saved.id, template))
    assert (first.income_total, first.income_per_head) == (44000, 11000)
    assert first.alerts == ()

    with township_db.begin() as s:
        template = survey.visit_template(s, admin, saved.id)
    assert template.last_income == {
        "wages": 38400,
        "business": 0,
        "property": 1200,
        "transfers": 4400,
    }
    assert template.last_income_per_head == 11000
    head = template.members[0]
    assert (head.employment, head.monthly_income) == ("employed", 3200)
    # The head lost his job at the industrial park: wages gone.
    members = list(_visit(saved.id, template).members)
    members[0] = VisitMemberInput(head.person_id, "unemployed", "", "", 0)
    second = run(
        township_db,
        survey.record_visit,
        admin,
        _visit(
            saved.id,
            template,
            visited_on=date(2026, 11, 20),
            kind="monthly",
            members=tuple(members),
            income={"wages": 0, "business": 0, "property": 1200, "transfers": 4400},
            checklist={"medical": ChecklistEntry(False, "奶奶住院自付部分负担重")},
            problems=(ProblemInput("medical", "申请大病救助"),),
        ),
    )
    assert second.income_per_head == 1400
    # the failed medical item raises its flag too
    assert {a["code"] for a in second.alerts} == {"job_lost", "income_drop", "assurance_gap"}
    assert {
        "person_id": head.person_id,
        "field": "employment",
        "before": "employed",
        "after": "unemployed",
    } in second.changes
    with township_db.begin() as s:
        person = s.get(Person, head.person_id)
        assert person is not None
        assert (person.employment, person.monthly_income, person.employed_since) == (
            "unemployed",
            0,
            None,
        )
        visit = s.get(Visit, second.id)
        assert visit is not None
        assert visit.problems == [{"category": "medical", "description": "申请大病救助"}]
        assert visit.checklist["medical"] == {"ok": False, "note": "奶奶住院自付部分负担重"}
        assert visit.checklist["food"] == {"ok": None, "note": ""}  # not looked at: 未查
        status = survey.survey_status(s, admin, saved.id, today=TODAY)
    codes = set(status.monitoring.flag_codes)
    assert {Flag.LOW_INCOME, Flag.INCOME_DROP, Flag.JOB_LOST, Flag.ILLNESS_WITHOUT_DIBAO} <= codes
    assert status.monitoring.risk is Risk.RED
    assert status.monitoring.visited_this_month
    assert status.monitoring.next_visit_due == date(2026, 11, 27)
    with township_db.begin() as s:
        red = survey.households_matching(s, admin, SurveyFilter(risk="red"), today=TODAY)
        unvisited = survey.households_matching(
            s, admin, SurveyFilter(not_visited_this_month=True), today=TODAY
        )
        lost = survey.households_matching(s, admin, SurveyFilter(flag="job_lost"), today=TODAY)
        green = survey.households_matching(s, admin, SurveyFilter(risk="green"), today=TODAY)
        short = survey.households_matching(
            s, admin, SurveyFilter(five_ones_incomplete=True), today=TODAY
        )
    assert saved.id in red and saved.id not in unvisited
    assert saved.id in lost and saved.id not in green
    assert saved.id in short  # nobody in stable work any more


VISIT_FAULTS = [
    ("future date", {"visited_on": date(2026, 12, 1)}, "visited_on", "date_in_future"),
    ("negative income", {"income": {"wages": -1}}, "income.wages", "income_negative"),
    (
        "problem without note",
        {"checklist": {"housing": ChecklistEntry(False, "")}},
        "checklist.housing",
        "note_required_for_problem",
    ),
    (
        "problem without description",
        {"problems": (ProblemInput("repairs", " "),)},
        "problems[0].description",
        "problem_description_required",
    ),
]


def test_each_bad_visit_writes_nothing(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    saved = run(township_db, survey.save_household, admin, in_town(town))
    with township_db.begin() as s:
        template = survey.visit_template(s, admin, saved.id)
    before = counts(township_db)
    for why, change, field, code in VISIT_FAULTS:
        with pytest.raises(ValidationErrors) as err:
            run(township_db, survey.record_visit, admin, _visit(saved.id, template, **change))
        assert err.value.by_field()[field].code == code, why
        assert counts(township_db) == before, why


def test_a_visit_member_income_below_zero_changes_no_person(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    saved = run(township_db, survey.save_household, admin, in_town(town))
    with township_db.begin() as s:
        template = survey.visit_template(s, admin, saved.id)
    members = list(_visit(saved.id, template).members)
    members[0] = dataclasses.replace(members[0], monthly_income=-3)
    members[1] = dataclasses.replace(members[1], employment="employed", monthly_income=2000)
    with pytest.raises(ValidationErrors) as err:
        run(
            township_db,
            survey.record_visit,
            admin,
            _visit(saved.id, template, members=tuple(members)),
        )
    assert err.value.field == "members[0].monthly_income"
    with township_db.begin() as s:
        again = survey.visit_template(s, admin, saved.id)
    assert again.members == template.members


# ---------------------------------------------------------------- 311 and monitoring


def test_311_services_are_counted_per_labourer_per_year(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    with township_db.begin() as s:
        from desktop.services.township import set_setting

        set_setting(s, "policy_profile", "chenzhou")
    saved = run(township_db, survey.save_household, admin, in_town(town))
    wife = saved.member_ids[1]
    for day in (date(2026, 3, 1), date(2026, 6, 1)):
        run(
            township_db,
            survey.record_employment_service,
            admin,
            wife,
            "job_offer",
            day,
            "县人社局推荐",
        )
    run(
        township_db,
        survey.record_employment_service,
        admin,
        wife,
        "career_guidance",
        date(2026, 7, 1),
    )
    with pytest.raises(ValidationError) as err:
        run(
            township_db,
            survey.record_employment_service,
            admin,
            saved.member_ids[2],
            "job_offer",
            date(2026, 7, 1),
        )
    assert err.value.code == "not_a_labourer"
    with township_db.begin() as s:
        rows = survey.employment_services(s, admin, saved.id, 2026)
    by_person = {r.person_id: r for r in rows}
    assert set(by_person) == {saved.member_ids[0], wife}
    missing = {c.kind.value: c.missing for c in by_person[wife].status.counts}
    assert missing == {"job_offer": 1, "career_guidance": 0, "free_training": 1}


def test_monitoring_entry_and_exit_keep_history(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    saved = run(township_db, survey.save_household, admin, in_town(town))
    run(
        township_db,
        survey.enter_monitoring,
        admin,
        saved.id,
        "sudden_hardship",
        date(2026, 3, 1),
        "户主工伤",
    )
    with pytest.raises(ValidationErrors) as err:
        run(township_db, survey.exit_monitoring, admin, saved.id, date(2026, 2, 1), "已复工")
    assert err.value.code == "exit_before_entry"
    run(township_db, survey.exit_monitoring, admin, saved.id, date(2026, 9, 1), "已复工，收入稳定")
    with township_db.begin() as s:
        history = survey.monitoring_history(s, admin, saved.id)
        h = s.get(Household, saved.id)
        assert h is not None and h.monitoring == "none"
        assert h.monitoring_exit_date == date(2026, 9, 1)
    assert len(history) == 1
    p = history[0]
    assert (p.category, p.entered_on, p.exited_on, p.exit_reason) == (
        "sudden_hardship",
        date(2026, 3, 1),
        date(2026, 9, 1),
        "已复工，收入稳定",
    )


# ---------------------------------------------------------------- drafts


def test_a_draft_is_kept_per_user_form_and_record(
    township_db: sessionmaker[Session], admin: Actor, town: Town
) -> None:
    with township_db.begin() as s:
        survey.save_draft(s, admin, "household", None, {"room": "5"})
        survey.save_draft(s, admin, "household", None, {"room": "501"})
        survey.save_draft(s, town.member, "household", None, {"room": "9"})
    with township_db.begin() as s:
        mine = survey.load_draft(s, admin, "household", None)
        assert mine is not None and mine.data == {"room": "501"}
        assert s.scalar(select(func.count()).select_from(Draft)) == 2
        survey.discard_draft(s, admin, "household", None)
        assert survey.load_draft(s, admin, "household", None) is None
        assert survey.load_draft(s, town.member, "household", None) is not None


def test_domain_errors_have_messages() -> None:
    from desktop.messages import MESSAGES

    for code in (
        "phone_format",
        "no_head",
        "two_heads",
        "id_duplicate",
        "income_negative",
        "date_in_future",
        "date_before_birth",
        "id_repeated",
        "note_required_for_problem",
    ):
        assert code in MESSAGES, code
    assert issubclass(ValidationErrors, DomainError)
