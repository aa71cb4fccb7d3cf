"""A work order's life: legal steps, refused steps with their reason, no illegal state."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.enums import OrderStatus
from desktop.domain.sla import CHINA_TZ, Stage
from desktop.domain.work_order import (
    DONE,
    Action,
    OrderState,
    Outcome,
    Satisfaction,
    StepRefused,
    apply,
    legal_actions,
    new_order,
    next_stage,
)

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=CHINA_TZ)
NOW = T0 + timedelta(days=30)


def step(state: OrderState, action: Action, minutes: int, **kw: object) -> OrderState:
    return apply(state, action, T0 + timedelta(minutes=minutes), now=NOW, **kw)  # type: ignore[arg-type]


def refused(state: OrderState, action: Action, minutes: int = 10, **kw: object) -> str:
    with pytest.raises(StepRefused) as e:
        step(state, action, minutes, **kw)
    return e.value.code


def test_the_full_life_with_a_site_visit() -> None:
    s = new_order(T0, needs_site_visit=True)
    assert next_stage(s) is Stage.RESPOND
    s = step(s, Action.RESPOND, 2)
    assert next_stage(s) is Stage.ARRIVE
    s = step(s, Action.ARRIVE, 100)
    assert s.status is OrderStatus.ON_SITE and next_stage(s) is Stage.RESOLVE
    s = step(s, Action.RESOLVE, 2000)
    assert s.status is OrderStatus.RESOLVED and s.outcome is Outcome.RESOLVED
    assert next_stage(s) is None
    assert legal_actions(s) == [Action.FOLLOW_UP]
    s = step(s, Action.FOLLOW_UP, 3000, satisfaction=Satisfaction.SATISFIED)
    assert s.status is OrderStatus.FOLLOWED_UP and s.outcome is Outcome.RESOLVED
    assert s.closed and legal_actions(s) == []


def test_without_a_site_visit_on_site_is_skipped_and_answered_stays_answered() -> None:
    s = step(new_order(T0, needs_site_visit=False), Action.RESPOND, 1)
    assert next_stage(s) is Stage.RESOLVE
    assert refused(s, Action.ARRIVE) == "order_no_site_visit"
    s = step(s, Action.ANSWER, 60)
    s = step(s, Action.FOLLOW_UP, 70, satisfaction=Satisfaction.BASIC)
    assert s.outcome is Outcome.ANSWERED and s.satisfaction == "basically_satisfied"


def test_steps_out_of_order_are_refused_with_the_reason() -> None:
    s = new_order(T0, needs_site_visit=True)
    assert refused(s, Action.ARRIVE) == "order_not_responded"
    assert refused(s, Action.RESOLVE) == "order_not_responded"
    assert refused(s, Action.FOLLOW_UP, satisfaction=Satisfaction.SATISFIED) == (
        "order_not_resolved"
    )
    s = step(s, Action.RESPOND, 1)
    assert refused(s, Action.RESPOND) == "order_already_responded"
    assert refused(s, Action.RESOLVE) == "order_needs_arrival"
    assert refused(s, Action.ANSWER) == "order_needs_arrival"
    s = step(s, Action.ARRIVE, 30)
    assert refused(s, Action.ARRIVE, 40) == "order_already_on_site"
    s = step(s, Action.RESOLVE, 50)
    assert refused(s, Action.CANCEL, 60) == "order_awaiting_follow_up"
    s = step(s, Action.FOLLOW_UP, 60, satisfaction=Satisfaction.SATISFIED)
    for action in Action:
        assert refused(s, action, 70) == "order_closed"


def test_times_never_in_the_future_nor_before_receipt_nor_before_the_last_step() -> None:
    s = step(new_order(T0, needs_site_visit=False), Action.RESPOND, 5)
    assert refused(s, Action.RESOLVE, -10) == "order_resolve_before_received"
    assert refused(s, Action.RESOLVE, 3) == "order_time_before_previous"
    with pytest.raises(StepRefused) as e:
        apply(s, Action.RESOLVE, NOW + timedelta(seconds=1), now=NOW)
    assert e.value.code == "order_time_future"


def test_unsatisfied_follow_up_reopens_and_restarts_the_clock() -> None:
    s = new_order(T0, needs_site_visit=True)
    for a, m in ((Action.RESPOND, 1), (Action.ARRIVE, 60), (Action.RESOLVE, 120)):
        s = step(s, a, m)
    s = step(s, Action.FOLLOW_UP, 500, satisfaction=Satisfaction.UNSATISFIED)
    assert s.status is OrderStatus.RESPONDED
    assert s.clock_start == T0 + timedelta(minutes=500)
    assert s.arrived_at is None and s.resolved_at is None and s.outcome is Outcome.NONE
    assert s.reopened == 1 and next_stage(s) is Stage.ARRIVE


def test_transfers_merge_cancel_and_extensions() -> None:
    s = new_order(T0, needs_site_visit=True)
    assert refused(s, Action.TRANSFER_DEPARTMENT) == "order_not_responded"
    s = step(s, Action.TRANSFER_HANDLER, 1)
    assert s.status is OrderStatus.RECEIVED
    s = step(s, Action.RESPOND, 2)
    s = step(s, Action.TRANSFER_DEPARTMENT, 3)
    assert s.status is OrderStatus.TRANSFERRED and next_stage(s) is Stage.RESOLVE
    assert refused(s, Action.ARRIVE) == "order_transferred_out"
    assert refused(s, Action.APPROVE_EXTENSION) == "extension_none_pending"
    s = step(s, Action.REQUEST_EXTENSION, 4)
    assert refused(s, Action.REQUEST_EXTENSION) == "extension_pending"
    s = step(s, Action.APPROVE_EXTENSION, 5)
    s = step(s, Action.ANSWER, 6)
    assert s.outcome is Outcome.ANSWERED
    merged = step(new_order(T0, needs_site_visit=False), Action.MERGE, 1)
    assert merged.closed and merged.status is OrderStatus.MERGED
    cancelled = step(new_order(T0, needs_site_visit=False), Action.CANCEL, 1)
    assert cancelled.closed


def check_invariants(s: OrderState) -> None:
    assert s.status in OrderStatus
    if s.status is OrderStatus.ON_SITE or s.arrived_at is not None:
        assert s.needs_site_visit
    if s.status in DONE:
        assert s.resolved_at is not None
        assert s.outcome is (
            Outcome.RESOLVED if s.status is OrderStatus.RESOLVED else Outcome.ANSWERED
        )
        assert s.responded_at is not None
        # our arrival is needed unless a department took the matter over
        assert not s.needs_site_visit or s.arrived_at is not None or s.with_department
    if s.status is OrderStatus.FOLLOWED_UP:
        assert s.outcome in (Outcome.RESOLVED, Outcome.ANSWERED)
        assert s.satisfaction in ("satisfied", "basically_satisfied")
    if s.status in (OrderStatus.RESPONDED, OrderStatus.ON_SITE, OrderStatus.TRANSFERRED):
        assert s.responded_at is not None and s.outcome is Outcome.NONE
    for t in (s.responded_at, s.arrived_at, s.resolved_at, s.followed_up_at):
        assert t is None or s.received_at <= t <= NOW
    if s.resolved_at is not None and s.arrived_at is not None:
        assert s.arrived_at <= s.resolved_at
    if s.responded_at is not None and s.resolved_at is not None:
        assert s.responded_at <= s.resolved_at
    assert (next_stage(s) is None) == (not s.is_open)


actions = st.tuples(
    st.sampled_from(list(Action)),
    st.integers(min_value=-30, max_value=3000),
    st.sampled_from(list(Satisfaction)),
)


@settings(max_examples=400, deadline=None)
@given(visit=st.booleans(), plan=st.lists(actions, max_size=25))
def test_no_sequence_of_actions_reaches_an_illegal_state(
    visit: bool, plan: list[tuple[Action, int, Satisfaction]]
) -> None:
    s = new_order(T0, needs_site_visit=visit)
    for action, minutes, sat in plan:
        before = s
        try:
            s = step(s, action, minutes, satisfaction=sat)
        except StepRefused as e:
            assert e.code
            assert s is before
            continue
        assert not before.closed, "a closed order changed"
        if before.status in DONE:
            assert action is Action.FOLLOW_UP
        check_invariants(s)
    if s.closed:
        for action in Action:
            with pytest.raises(StepRefused):
                step(s, action, 3000, satisfaction=Satisfaction.SATISFIED)


def test_office_work_does_not_hold_back_the_next_step() -> None:
    from desktop.domain.work_order import ExtensionState

    s = step(new_order(T0, needs_site_visit=True), Action.RESPOND, 1)
    s = step(s, Action.REQUEST_EXTENSION, 100)
    s = step(s, Action.ARRIVE, 50)  # typed in after the request, happened before it
    assert s.status is OrderStatus.ON_SITE and s.extension is ExtensionState.PENDING
    s = step(s, Action.RESOLVE, 120)
    assert s.extension is ExtensionState.NONE  # the pending request is withdrawn
