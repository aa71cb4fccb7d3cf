"""The five-ones (五个一) and "311" against hand-worked households, per profile.

Xiangxi asks for all five; Guizhou and Shanxi only for the employment goal;
Chenzhou and Shanxi count job offers for unemployed labourers, Xiangxi none.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.five_ones import (
    FiveOnesItem,
    MemberFacts,
    ServiceKind,
    five_ones,
    services_status,
)
from desktop.services.township import profiles

XIANGXI = profiles()["xiangxi"].employment
GUIZHOU = profiles()["guizhou"].employment
SHANXI = profiles()["shanxi"].employment
CHENZHOU = profiles()["chenzhou"].employment

# 张家: father works in the county (stable job), mother farms and embroiders
# (a skill), a schoolboy.  No income-raising industry, no vegetable plot.
ZHANG = [
    MemberFacts(labour="full", employment="employed", age=42),
    MemberFacts(labour="partial", employment="farming", skills="苗绣", age=40),
    MemberFacts(labour="none", employment="not_applicable", age=12, schooling="primary"),
]


def test_xiangxi_lists_the_industry_and_the_plot_as_missing() -> None:
    status = five_ones(
        ZHANG, income_industry="", vegetable_plot=False, plot_possible=True, rule=XIANGXI
    )
    assert status.with_labour
    assert status.missing == (FiveOnesItem.INDUSTRY, FiveOnesItem.VEGETABLE_PLOT)
    assert not status.complete


def test_guizhou_only_asks_for_the_job_so_the_same_household_is_complete() -> None:
    status = five_ones(
        ZHANG, income_industry="", vegetable_plot=False, plot_possible=True, rule=GUIZHOU
    )
    assert [c.item for c in status.checks] == [FiveOnesItem.STABLE_JOB]
    assert status.complete


def test_a_site_without_land_does_not_ask_for_a_plot() -> None:
    status = five_ones(
        ZHANG, income_industry="猕猴桃", vegetable_plot=False, plot_possible=False, rule=XIANGXI
    )
    assert status.complete


def test_farming_alone_is_not_stable_work() -> None:
    farmers = [MemberFacts(labour="full", employment="farming", skills="养殖")]
    for rule in (XIANGXI, SHANXI):
        status = five_ones(
            farmers, income_industry="黄牛", vegetable_plot=True, plot_possible=True, rule=rule
        )
        assert status.missing == (FiveOnesItem.STABLE_JOB,)
        job = status.checks[0]
        assert (job.have, job.need) == (0, 1)


def test_household_without_labour_needs_the_whole_safety_net_in_xiangxi() -> None:
    # 两位老人: both insured, the husband has no pension and nobody is on 低保.
    old = [
        MemberFacts(labour="none", employment="not_applicable", age=72, pension_insurance=False),
        MemberFacts(labour="lost", employment="not_applicable", age=70, pension_insurance=True),
    ]
    status = five_ones(
        old, income_industry="", vegetable_plot=False, plot_possible=True, rule=XIANGXI
    )
    assert not status.with_labour
    assert status.missing == (FiveOnesItem.SOCIAL_SECURITY,)
    fixed = [
        MemberFacts(
            labour="none", employment="not_applicable", age=72, pension_insurance=True, dibao=True
        ),
        old[1],
    ]
    status = five_ones(
        fixed, income_industry="", vegetable_plot=False, plot_possible=True, rule=XIANGXI
    )
    assert status.complete
    # Guizhou's profile has no five-ones: nothing is asked of a household without labour.
    status = five_ones(
        old, income_industry="", vegetable_plot=False, plot_possible=True, rule=GUIZHOU
    )
    assert status.checks == ()


def test_311_counts_one_labourers_services_in_the_year_per_profile() -> None:
    done = [
        ("job_offer", date(2026, 2, 3)),
        ("job_offer", date(2026, 5, 10)),
        ("job_offer", date(2025, 12, 30)),  # last year: does not count
        ("career_guidance", date(2026, 3, 1)),
    ]
    chenzhou = services_status(done, year=2026, rule=CHENZHOU)
    by_kind = {c.kind: c for c in chenzhou.counts}
    assert (by_kind[ServiceKind.JOB_OFFER].done, by_kind[ServiceKind.JOB_OFFER].missing) == (2, 1)
    assert by_kind[ServiceKind.CAREER_GUIDANCE].missing == 0
    assert by_kind[ServiceKind.FREE_TRAINING].missing == 1
    assert chenzhou.required and not chenzhou.complete
    # Shanxi asks only for three job offers, in all (no period): last year's counts too.
    shanxi = services_status(done, year=2026, rule=SHANXI)
    assert [c.missing for c in shanxi.counts] == [0, 0, 0]
    assert shanxi.counts[0].done == 3 and not shanxi.per_year
    xiangxi = services_status(done, year=2026, rule=XIANGXI)
    assert not xiangxi.required and xiangxi.complete
