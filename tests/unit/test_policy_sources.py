"""Every value of every policy profile says where it comes from, and the
sentences it quotes are in its document (a copy kept in resources/policies/sources/).

The documents are read as they are; only readings in brackets (the Hebei report
prints 項(xiàng)), HTML entities, white space and the width of punctuation are
set aside when comparing.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from desktop.domain.enums import SpecialGroup
from desktop.domain.policy import _SECTIONS, PolicyProfile, comparable_text
from desktop.services.township import policies_dir, profiles

SOURCES = policies_dir() / "sources"
PROFILES = sorted(profiles())


def _document(name: str) -> str:
    path = SOURCES / name
    assert path.is_file(), f"no copy of {name} in {SOURCES}"
    return comparable_text(path.read_text(encoding="utf-8"))


def _in_document(profile: PolicyProfile, key: str) -> tuple[str, str]:
    source = profile.sources[key]
    return comparable_text(source.quote), _document(source.document or profile.document)


@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_value_cites_a_sentence_or_says_where_it_comes_from(profile_id: str) -> None:
    profile = profiles()[profile_id]
    _document(profile.document)
    missing, empty = [], []
    for section, cls in _SECTIONS.items():
        for f in fields(cls):
            key = f"{section}.{f.name}"
            source = profile.sources.get(key)
            if source is None:
                missing.append(key)
            elif not (source.quote.strip() or source.note.strip()):
                empty.append(key)
    assert not missing, f"{profile_id}: no source for {missing}"
    assert not empty, f"{profile_id}: a source with neither quote nor note: {empty}"


@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_quoted_sentence_is_in_the_document(profile_id: str) -> None:
    profile = profiles()[profile_id]
    absent = []
    for key, source in profile.sources.items():
        if not source.quote:
            continue
        quote, text = _in_document(profile, key)
        if quote not in text:
            absent.append(f"{key}: {source.quote}")
    assert not absent, f"{profile_id}: quoted but not in the document:\n" + "\n".join(absent)


def test_numbers_are_those_the_sentences_state() -> None:
    """The numbers next to their sentences: a quote that names another number fails."""
    p = profiles()
    checks = [
        ("xiangxi", "old_house.demolish_within", "180天"),
        ("xiangxi", "old_house.reclaim_within", "拆除后180天"),
        ("xiangxi", "housing.resale_ban_years", "20年"),
        ("shanxi", "old_house.demolish_within", "6个月"),
        ("shanxi", "old_house.reclaim_within", "一年内完成土地复垦"),
        ("shanxi", "employment.job_offers", "3个以上"),
        ("shanxi", "site.chief_county_level_from_persons", "500人以上"),
        ("guizhou", "site.chief_county_level_from_persons", "1万人以上"),
        ("guizhou", "monitoring.visits_per_year", "不少于12期"),
        ("guizhou", "site.assets_in_use_target", "80%"),
        ("chenzhou", "employment.job_offers", "三次岗位信息"),
        ("chenzhou", "site.collective_economy_from_persons", "1000人以上"),
    ]
    for profile_id, key, number in checks:
        assert number in p[profile_id].sources[key].quote, (profile_id, key)
    assert p["shanxi"].old_house.reclaim_from == "move_in"
    assert "搬迁入住" in p["shanxi"].sources["old_house.reclaim_from"].quote
    assert p["guizhou"].site.assets_in_use_target == 0.8


def test_shanxi_five_connections_six_haves_are_the_documents() -> None:
    """五通六有: 通路、通电、通水、通电视、通网络，有活动广场、购物点、卫生室、文化站、垃圾收运点、污水处理设施."""
    shanxi = profiles()["shanxi"]
    quote = shanxi.sources["site.facilities"].quote
    assert shanxi.site.facilities == (
        "通路",
        "通电",
        "通水",
        "通电视",
        "通网络",
        "有活动广场",
        "有购物点",
        "有卫生室",
        "有文化站",
        "有垃圾收运点",
        "有污水处理设施",
    )
    for item in shanxi.site.facilities:
        assert item in quote or item.removeprefix("有") in quote, item
    assert "通气" not in shanxi.site.facilities


def test_xiangxi_facilities_are_the_documents() -> None:
    for profile_id in ("xiangxi", "default"):
        profile = profiles()[profile_id]
        quote = profile.sources["site.facilities"].quote
        assert len(profile.site.facilities) == 18
        for item in profile.site.facilities:
            assert item in quote, item


def test_each_profile_shows_only_what_its_document_says() -> None:
    p = profiles()
    # only Xiangxi (and the default, which is Xiangxi's) has the five-ones and the 三个三
    assert [k for k in PROFILES if p[k].employment.five_ones] == ["default", "xiangxi"]
    assert [k for k in PROFILES if p[k].service.stated] == ["default", "xiangxi"]
    assert all(p[k].service.day_count == "calendar" for k in PROFILES)  # no "3个工作日"
    for k in PROFILES:
        text = _document(p[k].document)
        if p[k].employment.five_ones:
            assert "五个一" in text
        if p[k].service.stated:
            assert "三个三" in text
        if p[k].employment.job_offers:
            assert p[k].sources["employment.job_offers"].quote
        if p[k].housing.resale_ban_years:
            assert p[k].sources["housing.resale_ban_years"].quote
    # Shanxi bans mortgage and renting; nobody else says so
    assert [k for k in PROFILES if p[k].housing.no_mortgage_or_rent] == ["shanxi"]


def test_hebei_six_in_one_management_units() -> None:
    """六位一体: 社区党支部、居委会、业委会、物业服务企业、楼门长、综合服务站 (simplified on screen)."""
    hebei = profiles()["hebei"]
    quote = hebei.sources["site.management_units"].quote
    assert hebei.site.management_standard == "六位一体"
    assert len(hebei.site.management_units) == len(quote.split("、")) == 6
    assert hebei.site.management_units[0] == "社区党支部"
    assert "六位一體" in hebei.sources["site.management_standard"].quote


def test_special_groups_are_known_and_cited() -> None:
    for profile_id in PROFILES:
        profile = profiles()[profile_id]
        for group in profile.monitoring.special_groups:
            SpecialGroup(group)
    assert "returning_labour" in profiles()["guizhou"].monitoring.special_groups
    assert "graduate" in profiles()["guizhou"].monitoring.special_groups


def test_source_copies_are_the_documents_named_in_the_readme() -> None:
    names = {p.name for p in Path(SOURCES).glob("*.txt")}
    assert {profiles()[k].document for k in PROFILES} <= names
    assert len(names) == 5
