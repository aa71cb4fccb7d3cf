"""A work order's life as a state machine over plain values (no Qt, no SQL).

::

    received -> responded -> on_site -> resolved | answered -> followed_up
                          \\-(no site visit needed)-/         \\-unsatisfied: back to responded
    transferred (to a department), merged, cancelled

Decisions written down here, because every figure depends on them:

- *Resolved* (已解决) means the problem itself was fixed.  *Answered* (已答复)
  means the resident was given a definite answer instead (it is not ours to
  fix, policy does not allow it, it is scheduled, or it was explained): the
  rule's "解决或答复".  Both stop the resolve clock, both wait for the
  follow-up call, and ``outcome`` keeps which one it was after the follow-up, so
  every figure can count them apart.
- ``on_site`` is required exactly when the order needs a site visit: such an
  order cannot be resolved or answered before someone arrived, and an order
  that needs no visit cannot record an arrival.
- Transfer to another *handler* (a user of this township) keeps the status;
  transfer to a *department* (住建局, 供电所...) moves the order to
  ``transferred``: it waits there for the department's outcome, recorded as
  resolved or answered, and its clock keeps running; that outcome needs no
  arrival of ours even when the order needed a site visit (the department went).
  A department transfer needs a response first; a handler transfer may happen
  at once.
- Follow-up (回访) is possible only on a resolved or answered order.  Satisfied
  or basically satisfied closes it; *unsatisfied* reopens it at ``responded``:
  the arrival and resolution are cleared (the timeline keeps them) and the
  arrive and resolve clocks restart at the follow-up time.
- Closed means followed up, merged or cancelled: nothing can change a closed
  order (it is locked); the same matter raised again opens a new linked order.
- A resolved or answered order waiting for its follow-up accepts nothing but the
  follow-up.
- Extension: one request at a time, while the order is open and not yet
  resolved or answered; an administrator approves (the service moves the
  resolve deadline) or refuses.
- Step times: never in the future, never before the received time (a resolve
  time before the receive time is refused with its own reason) and never before
  the previous step.  Handing to a colleague and extension requests or decisions
  are office work: they are timed "now" and do not count as the previous step,
  so an arrival typed in late may still be earlier than an extension decision.
- An extension request still pending when the order is resolved or answered is
  withdrawn (the timeline keeps the request).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from desktop.domain import sla
from desktop.domain.enums import OrderStatus
from desktop.domain.errors import DomainError
from desktop.domain.holidays import WorkingCalendar
from desktop.domain.policy import ServiceRule
from desktop.domain.sla import Stage, late_by


class Action(StrEnum):
    RESPOND = "respond"
    ARRIVE = "arrive"
    RESOLVE = "resolve"
    ANSWER = "answer"
    FOLLOW_UP = "follow_up"
    TRANSFER_HANDLER = "transfer_handler"
    TRANSFER_DEPARTMENT = "transfer_department"
    MERGE = "merge"
    CANCEL = "cancel"
    REQUEST_EXTENSION = "request_extension"
    APPROVE_EXTENSION = "approve_extension"
    REFUSE_EXTENSION = "refuse_extension"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"  # 满意
    BASIC = "basically_satisfied"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意


class Outcome(StrEnum):
    NONE = ""
    RESOLVED = "resolved"
    ANSWERED = "answered"


class ExtensionState(StrEnum):
    NONE = ""
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


CLOSED = frozenset({OrderStatus.FOLLOWED_UP, OrderStatus.MERGED, OrderStatus.CANCELLED})
DONE = frozenset({OrderStatus.RESOLVED, OrderStatus.ANSWERED})
OPEN = frozenset(
    {OrderStatus.RECEIVED, OrderStatus.RESPONDED, OrderStatus.ON_SITE, OrderStatus.TRANSFERRED}
)


ADMINISTRATIVE = frozenset(
    {
        Action.TRANSFER_HANDLER,
        Action.REQUEST_EXTENSION,
        Action.APPROVE_EXTENSION,
        Action.REFUSE_EXTENSION,
    }
)


class StepRefused(DomainError):
    """A step that the order's state does not allow; ``code`` names the reason."""

    code = "order_step_out_of_order"


@dataclass(frozen=True, slots=True)
class OrderState:
    status: OrderStatus
    needs_site_visit: bool
    received_at: datetime
    clock_start: datetime  # received_at, or the reopening time after an unsatisfied follow-up
    responded_at: datetime | None = None
    arrived_at: datetime | None = None
    resolved_at: datetime | None = None
    outcome: Outcome = Outcome.NONE
    followed_up_at: datetime | None = None
    satisfaction: str = ""
    extension: ExtensionState = ExtensionState.NONE
    last_step_at: datetime | None = None
    reopened: int = 0
    with_department: bool = False  # handed to a department, whose outcome needs no arrival of ours

    @property
    def closed(self) -> bool:
        return self.status in CLOSED

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


def new_order(received_at: datetime, *, needs_site_visit: bool) -> OrderState:
    return OrderState(
        status=OrderStatus.RECEIVED,
        needs_site_visit=needs_site_visit,
        received_at=received_at,
        clock_start=received_at,
        last_step_at=received_at,
    )


def next_stage(state: OrderState) -> Stage | None:
    """The stage whose deadline the order is now racing, if any."""
    if state.status is OrderStatus.RECEIVED:
        return Stage.RESPOND
    if state.status is OrderStatus.RESPONDED:
        return Stage.ARRIVE if state.needs_site_visit else Stage.RESOLVE
    if state.status in (OrderStatus.ON_SITE, OrderStatus.TRANSFERRED):
        return Stage.RESOLVE
    return None


def check(state: OrderState, action: Action) -> None:
    """Raise :class:`StepRefused` (with the reason) unless ``action`` is legal now."""
    s = state.status
    if state.closed:
        raise StepRefused("order_closed", field="status", status=s.value)
    if action is Action.FOLLOW_UP:
        if s not in DONE:
            raise StepRefused("order_not_resolved", field="status", status=s.value)
        return
    if s in DONE:
        raise StepRefused("order_awaiting_follow_up", field="status", status=s.value)
    # the order is open from here on
    if action is Action.RESPOND:
        if s is not OrderStatus.RECEIVED:
            raise StepRefused("order_already_responded", field="status")
    elif action is Action.ARRIVE:
        if not state.needs_site_visit:
            raise StepRefused("order_no_site_visit", field="status")
        if s is OrderStatus.RECEIVED:
            raise StepRefused("order_not_responded", field="status")
        if s is OrderStatus.ON_SITE:
            raise StepRefused("order_already_on_site", field="status")
        if s is OrderStatus.TRANSFERRED:
            raise StepRefused("order_transferred_out", field="status")
    elif action in (Action.RESOLVE, Action.ANSWER):
        if s is OrderStatus.RECEIVED:
            raise StepRefused("order_not_responded", field="status")
        if s is OrderStatus.RESPONDED and state.needs_site_visit:
            raise StepRefused("order_needs_arrival", field="status")
    elif action is Action.TRANSFER_DEPARTMENT:
        if s is OrderStatus.RECEIVED:
            raise StepRefused("order_not_responded", field="status")
        if s is OrderStatus.TRANSFERRED:
            raise StepRefused("order_already_transferred", field="status")
    elif action is Action.TRANSFER_HANDLER:
        if s is OrderStatus.TRANSFERRED:
            raise StepRefused("order_transferred_out", field="status")
    elif action is Action.REQUEST_EXTENSION:
        if state.extension is ExtensionState.PENDING:
            raise StepRefused("extension_pending", field="extension")
    elif (
        action in (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION)
        and state.extension is not ExtensionState.PENDING
    ):
        raise StepRefused("extension_none_pending", field="extension")
    # MERGE and CANCEL are legal on any open order


def legal_actions(state: OrderState) -> list[Action]:
    out = []
    for action in Action:
        try:
            check(state, action)
        except StepRefused:
            continue
        out.append(action)
    return out


def check_time(state: OrderState, action: Action, at: datetime, now: datetime) -> None:
    if at > now:
        raise StepRefused("order_time_future", field="at")
    if at < state.received_at:
        code = (
            "order_resolve_before_received"
            if action in (Action.RESOLVE, Action.ANSWER)
            else "order_time_before_received"
        )
        raise StepRefused(code, field="at")
    if state.last_step_at is not None and at < state.last_step_at:
        raise StepRefused("order_time_before_previous", field="at")


def apply(
    state: OrderState,
    action: Action,
    at: datetime,
    *,
    now: datetime,
    satisfaction: Satisfaction | None = None,
) -> OrderState:
    """The state after ``action`` at ``at``, or :class:`StepRefused`."""
    check(state, action)
    check_time(state, action, at, now)
    # Handing over and extensions are office work beside the resident's matter:
    # they do not hold back the time of the next real step.
    moved = state if action in ADMINISTRATIVE else replace(state, last_step_at=at)
    if action is Action.RESPOND:
        return replace(moved, status=OrderStatus.RESPONDED, responded_at=at)
    if action is Action.ARRIVE:
        return replace(moved, status=OrderStatus.ON_SITE, arrived_at=at)
    if action in (Action.RESOLVE, Action.ANSWER):
        resolved = action is Action.RESOLVE
        return replace(
            moved,
            status=OrderStatus.RESOLVED if resolved else OrderStatus.ANSWERED,
            outcome=Outcome.RESOLVED if resolved else Outcome.ANSWERED,
            resolved_at=at,
            # a request still pending is moot once the matter is done: withdrawn
            extension=(
                ExtensionState.NONE
                if state.extension is ExtensionState.PENDING
                else state.extension
            ),
        )
    if action is Action.FOLLOW_UP:
        if satisfaction is None:
            raise StepRefused("satisfaction_required", field="satisfaction")
        if satisfaction is Satisfaction.UNSATISFIED:
            return replace(
                moved,
                status=OrderStatus.RESPONDED,
                clock_start=at,
                arrived_at=None,
                resolved_at=None,
                outcome=Outcome.NONE,
                satisfaction=satisfaction.value,
                followed_up_at=at,
                reopened=state.reopened + 1,
            )
        return replace(
            moved,
            status=OrderStatus.FOLLOWED_UP,
            followed_up_at=at,
            satisfaction=satisfaction.value,
        )
    if action is Action.TRANSFER_DEPARTMENT:
        return replace(moved, status=OrderStatus.TRANSFERRED, with_department=True)
    if action is Action.MERGE:
        return replace(moved, status=OrderStatus.MERGED)
    if action is Action.CANCEL:
        return replace(moved, status=OrderStatus.CANCELLED)
    if action is Action.REQUEST_EXTENSION:
        return replace(moved, extension=ExtensionState.PENDING)
    if action is Action.APPROVE_EXTENSION:
        return replace(moved, extension=ExtensionState.APPROVED)
    if action is Action.REFUSE_EXTENSION:
        return replace(moved, extension=ExtensionState.REFUSED)
    return moved  # TRANSFER_HANDLER: the status stays


# ---------------------------------------------------------------- the order's clock


# Events that are a step of the resident's matter (the intake included): the latest of
# them is the time a new step may not precede.
STEP_KINDS = frozenset({"received"} | {a.value for a in Action if a not in ADMINISTRATIVE})


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """What the clock reads of one event of the order's timeline."""

    kind: str
    at: datetime
    data: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class OrderClock:
    """The derived columns of an order: every node computes them from the same records."""

    respond_due: datetime
    arrive_due: datetime | None
    resolve_due: datetime
    provisional: bool
    next_stage: Stage | None
    next_due: datetime | None
    next_warn_at: datetime | None
    last_step_at: datetime
    escalation_level: int
    escalated_at: datetime | None


def order_clock(
    *,
    status: OrderStatus,
    needs_site_visit: bool,
    received_at: datetime,
    clock_start: datetime | None,
    events: Sequence[OrderEvent],
    rule: ServiceRule,
    calendar: WorkingCalendar,
) -> OrderClock:
    """The deadlines, the stage being raced, the last step and the escalation reached.

    - The response is due from the received time; arrival and resolution from the
      clock's start (the received time, or the follow-up that reopened the order).
    - Extensions approved since the clock started add their days to the resolution.
    - The escalation level is the highest ``escalated`` event for the stage now raced
      and timed at or after its deadline (a sweep on any workstation writes the same
      event, see the work-order services); a closed order keeps the level it reached.
    """
    start = clock_start or received_at
    first = sla.compute_deadlines(
        received_at, rule, needs_site_visit=needs_site_visit, calendar=calendar
    )
    current = sla.compute_deadlines(
        start, rule, needs_site_visit=needs_site_visit, calendar=calendar
    )
    resolve, provisional = current.resolve, current.provisional
    ordered = sorted(events, key=lambda e: e.at)
    for e in ordered:
        if e.kind == Action.APPROVE_EXTENSION.value and e.at >= start:
            days = int(e.data.get("days") or 0)
            if days > 0:
                resolve, more = sla.extend_deadline(resolve, days, rule, calendar)
                provisional = provisional or more
    stage = next_stage(OrderState(status, needs_site_visit, received_at, start))
    due = {
        Stage.RESPOND: first.respond,
        Stage.ARRIVE: current.arrive,
        Stage.RESOLVE: resolve,
        None: None,
    }[stage]
    warn = None
    if due is not None:
        warn = sla.warn_at(
            received_at if stage is Stage.RESPOND else start, due, rule.warning_fraction
        )
    steps = [e.at for e in ordered if e.kind in STEP_KINDS]
    level, escalated_at = 0, None
    for e in ordered:
        if e.kind != "escalated":
            continue
        if stage is not None:
            if due is None or e.data.get("stage") != stage.value or e.at < due:
                continue
        elif e.at < start:
            continue
        step = int(e.data.get("level") or 0)
        if step > level:
            level, escalated_at = step, e.at
    return OrderClock(
        respond_due=first.respond,
        arrive_due=current.arrive,
        resolve_due=resolve,
        provisional=provisional,
        next_stage=stage,
        next_due=due,
        next_warn_at=warn,
        last_step_at=max([received_at, *steps]),
        escalation_level=level,
        escalated_at=escalated_at,
    )


STEP_STAGES: dict[str, Stage] = {
    "respond": Stage.RESPOND,
    "arrive": Stage.ARRIVE,
    "resolve": Stage.RESOLVE,
    "answer": Stage.RESOLVE,
}


def timeline_lateness(
    events: list[tuple[str, datetime, str]],
    deadlines: dict[Stage, datetime | None],
) -> list[timedelta | None]:
    """How late each step of a timeline was, for ``(kind, at, satisfaction)`` events.

    ``deadlines`` are the order's standing deadlines.  The response is measured
    against the response deadline; an arrival or an outcome against the
    standing arrive and resolve deadlines, but only after the last unsatisfied
    follow-up: that follow-up restarted both clocks, and the deadlines the
    earlier steps raced are no longer known (None for them).
    """
    restart = -1
    for i, (kind, _at, satisfaction) in enumerate(events):
        if kind == "follow_up" and satisfaction == Satisfaction.UNSATISFIED.value:
            restart = i
    out: list[timedelta | None] = []
    for i, (kind, at, _satisfaction) in enumerate(events):
        stage = STEP_STAGES.get(kind)
        if stage is None or (stage is not Stage.RESPOND and i < restart):
            out.append(None)
            continue
        out.append(late_by(at, deadlines.get(stage)))
    return out
