import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.policy import Period, load_profile
from desktop.services.township import policies_dir, profiles


def test_the_five_jurisdictions_are_shipped_with_their_own_numbers() -> None:
    found = profiles()
    assert {"default", "xiangxi", "shanxi", "guizhou", "chenzhou", "hebei"} <= set(found)
    assert found["xiangxi"].service.respond_minutes == 3
    assert found["xiangxi"].service.arrive_hours == 3
    assert found["xiangxi"].service.resolve_days == 3
    assert found["xiangxi"].old_house.demolish_within == Period(180, "days")
    assert found["shanxi"].old_house.demolish_within == Period(6, "months")
    assert found["shanxi"].old_house.reclaim_within == Period(1, "years")
    assert found["shanxi"].old_house.reclaim_from == "move_in"
    assert found["guizhou"].old_house.demolish_within is None
    assert found["shanxi"].housing.no_mortgage_or_rent is True
    assert found["guizhou"].site.chief_county_level_from_persons == 10000
    assert found["guizhou"].employment.zero_employment_clearance is True
    assert found["chenzhou"].employment.job_offers == 3
    assert found["shanxi"].employment.services_period == "total"
    assert found["hebei"].site.management_standard == "六位一体"
    assert found["chenzhou"].site.collective_economy_from_persons == 1000
    assert found["shanxi"].site.facilities_standard == "五通六有"


def test_county_override_changes_only_what_it_names() -> None:
    base = profiles()["xiangxi"]
    over = load_profile(
        policies_dir() / "xiangxi.toml", "[monitoring]\nincome_line_per_head_year = 7000\n"
    )
    assert over.monitoring.income_line_per_head_year == 7000
    assert over.service == base.service


def test_a_profile_missing_a_rule_is_refused(tmp_path) -> None:
    text = (policies_dir() / "xiangxi.toml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("resolve_days = 3", ""), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_profile(broken)
    assert err.value.field == "service.resolve_days"
