"""The derived columns a sync import leaves to each node, and a whole-database recount.

Registered with :mod:`desktop.sync.derive` on import of this module (the sync
service imports it), so every package applied on this node is followed, in the
same transaction, by:

- households touched (or whose members or building changed): head, its pinyin,
  member count, search text, and each member's pinyin;
- work orders touched (or whose events changed): deadlines, the stage raced, last
  step, escalation level.

:func:`stale` lists the rows whose stored derived values differ from a fresh
computation (``anju check`` reports them); :func:`recompute_all` repairs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.households import refresh_household_keys
from desktop.services.work_orders import refresh_order_clocks
from desktop.store.models import Household, Person, WorkOrder, WorkOrderEvent
from desktop.sync import derive


def _owners(session: Session, owner: Any, key: Any, ids: list[str]) -> set[str]:
    """The ``owner`` column of the rows ``key`` names (a member's household, an event's
    order): a change of the row alone does not name it."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(session.scalars(select(owner).where(key.in_(ids[start : start + 500]))))
    return found


@derive.register("households")
def _households(session: Session, touched: Mapping[str, set[str]]) -> None:
    ids = set(touched.get("households", ()))
    ids |= _owners(session, Person.household_id, Person.id, derive.ids(touched, "persons"))
    buildings = derive.ids(touched, "buildings")
    ids |= _owners(session, Household.id, Household.building_id, buildings)
    if ids:
        refresh_household_keys(session, ids)


@derive.register("work_orders")
def _work_orders(session: Session, touched: Mapping[str, set[str]]) -> None:
    ids = set(touched.get("work_orders", ()))
    events = derive.ids(touched, "work_order_events")
    ids |= _owners(session, WorkOrderEvent.order_id, WorkOrderEvent.id, events)
    if ids:
        refresh_order_clocks(session, ids)


def recompute_all(session: Session) -> int:
    """Compute every derived column of the database again; returns the rows changed."""
    households = session.scalars(select(Household.id)).all()
    orders = session.scalars(select(WorkOrder.id)).all()
    return refresh_household_keys(session, households) + refresh_order_clocks(session, orders)
