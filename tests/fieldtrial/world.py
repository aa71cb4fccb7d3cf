"""A township of laptops and a county, doing a month of ordinary work.

Every action goes through the services a grid member's clicks call (the household
form's save, the visit form, the work-order steps, conflict review), on laptops
that sync by USB stick and over HTTP with a real county server on loopback.  The
world is seeded, so a run can be repeated exactly.

What the field does, it does here:

- one laptop builds the township (the demo's households, one household edited)
  before it is enrolled; the others are enrolled empty and receive it;
- each day every laptop does a few things, and some things deliberately at once:
  the same field on two laptops, a member removed on one while edited on another,
  the same order stepped on two, the same newborn added on two;
- at the end of the day some laptops sync, over HTTP or by stick; sticks lose,
  repeat and reorder packages; one laptop's clock is two days slow and another's
  eight hours fast;
- a reviewer settles some conflicts, two reviewers sometimes the same one.

Each value a user typed is written into :attr:`World.writes` with the value the form
showed, so the audit (:mod:`tests.fieldtrial.audit`) can tell, without the sync code,
whether any value was lost.
"""

from __future__ import annotations

import dataclasses
import random
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import waitress
from sqlalchemy import select

from desktop.demo.builder import build_demo
from desktop.domain import resident_id
from desktop.domain.enums import OrderCategory, OrderSource, Relation
from desktop.domain.errors import DomainError
from desktop.domain.sla import CHINA_TZ
from desktop.services import conflicts, survey
from desktop.services import sync as sync_service
from desktop.services import work_orders as orders
from desktop.services.actor import SYSTEM, Actor
from desktop.store.base import set_system_clock
from desktop.store.models import Household, Person, WorkOrder
from desktop.sync import device as dv
from desktop.sync.errors import EnrolmentError
from desktop.sync.keys import keys_path
from server.app import make_app
from server.county import County
from tests.sync.harness import COUNTY_CODE, Node, admin, make_county, make_node

START = datetime(2026, 11, 2, 9, 0, tzinfo=CHINA_TZ)  # a Monday morning
FIELDS = ("phone", "room", "cadre_name", "origin_village", "income_industry", "unit")
MEMBER_FIELDS = ("employer", "phone", "skills", "training_wish")
STEPS = ("respond", "arrive", "resolve", "answer", "follow_up", "cancel", "hand_over")


@dataclass(frozen=True, slots=True)
class Write:
    """A value a user typed: the record, the field, the value and what the form showed."""

    table: str
    row_id: str
    field: str
    value: Any
    seen: Any
    laptop: str
    day: int


@dataclass
class Laptop:
    node: Node
    name: str
    actor: Actor | None = None
    http: bool = True  # whether this laptop ever has a network


@dataclass
class Figures:
    days: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)  # by the rules, shown to the user
    packages: Counter[str] = field(default_factory=Counter)
    stalled: list[str] = field(default_factory=list)  # imports that failed: must stay empty
    decisions: int = 0


class World:
    def __init__(
        self,
        tmp: Path,
        *,
        laptops: int = 3,
        households: int = 20,
        seed: int = 1,
        county_url: str | None = None,
        http: bool = True,
        wrong_clocks: bool = True,
    ):
        self.tmp = tmp
        self.rng = random.Random(seed)
        self.now = START.astimezone(UTC)
        set_system_clock(lambda: self.now)  # the county's clock, and the world's
        self.county: County = make_county(county_url or f"sqlite+pysqlite:///{tmp / 'county.db'}")
        self.figures = Figures()
        self.writes: list[Write] = []
        self._ids = iter(range(1, 10**9))
        self.laptops: list[Laptop] = []
        self.to_county: list[bytes] = []  # sticks on their way to the county
        self.to_laptop: list[tuple[Laptop, bytes]] = []  # sticks on their way back
        self.server: Any = None
        self.url = ""
        if http:
            self._serve()
        first = make_node(
            self.county,
            tmp,
            name="laptop0",
            before_enrolment=lambda node: self._build(node, households),
        )
        self.laptops.append(Laptop(first, "laptop0"))
        for i in range(1, laptops):
            node = make_node(self.county, tmp, name=f"laptop{i}", set_up=False)
            self.laptops.append(Laptop(node, f"laptop{i}", http=i % 3 != 2))
        if wrong_clocks and laptops >= 3:
            self.laptops[1].node.skew = timedelta(days=-2)
            self.laptops[2].node.skew = timedelta(hours=8)
        for laptop in self.laptops:  # everyone enrolled and holding the township
            self._sync(laptop, usb=not (laptop.http and self.url), faults=False)
        self._deliver(faults=False)
        for laptop in self.laptops:
            self._sync(laptop, usb=not (laptop.http and self.url), faults=False)
        self._deliver(faults=False)
        if self.figures.stalled:
            raise AssertionError("\n".join(self.figures.stalled))
        for laptop in self.laptops:
            laptop.actor = admin(laptop.node)

    # ------------------------------------------------------------------ set-up
    def _serve(self) -> None:
        self.server = waitress.create_server(
            make_app(self.county), host="127.0.0.1", port=0, threads=4
        )
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        threading.Thread(target=self.server.run, daemon=True).start()

    def _build(self, node: Node, households: int) -> None:
        with node.session() as s:
            build_demo(s, households=households, seed=self.rng.randrange(10**6), today=self.today)
        # one household edited before the laptop is enrolled
        actor = admin(node)
        hid = self.households(node)[0]
        self.edit_household(Laptop(node, node.name, actor), hid, "room", "909")

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.node.close()
        if self.server is not None:
            self.server.close()
        self.county.engine.dispose()
        set_system_clock(None)

    # ------------------------------------------------------------------ helpers
    @property
    def today(self) -> date:
        return self.now.astimezone(CHINA_TZ).date()

    def tick(self, minutes: int = 7) -> None:
        self.now += timedelta(minutes=minutes)

    def households(self, node: Node) -> list[str]:
        with node.session() as s:
            return list(
                s.scalars(
                    select(Household.id)
                    .where(Household.deleted.is_(False))
                    .order_by(Household.code, Household.id)
                )
            )

    def open_orders(self, node: Node) -> list[str]:
        with node.session() as s:
            return list(
                s.scalars(
                    select(WorkOrder.id)
                    .where(
                        WorkOrder.deleted.is_(False),
                        WorkOrder.status.in_((*orders.OPEN_STATUSES, "resolved", "answered")),
                    )
                    .order_by(WorkOrder.code, WorkOrder.id)
                )
            )

    def new_id_number(self) -> str:
        n = next(self._ids)
        birth = date(1960, 1, 1) + timedelta(days=n // 900)
        return resident_id.build(COUNTY_CODE, birth, n % 900 + 1)

    def phone(self) -> str:
        return f"139{self.rng.randrange(10**8):08d}"

    def _value(self, name: str) -> str:
        if name in ("phone", "cadre_phone"):
            return self.phone()
        if name == "room":
            return str(self.rng.randrange(101, 1899))
        if name == "unit":
            return str(self.rng.randrange(1, 6))
        return self.rng.choice(
            ["向阳", "白岩", "高坪", "龙家寨", "县城超市", "电焊", "养殖"]
        ) + str(self.rng.randrange(100))

    @contextmanager
    def acting(self, laptop: Laptop, what: str) -> Iterator[None]:
        """One user action; a refusal by the rules is what the user sees, not a failure."""
        self.figures.actions[what] += 1
        try:
            yield
        except DomainError as exc:
            self.figures.refused[f"{what}:{exc.code}"] += 1

    def record(
        self, laptop: Laptop, table: str, row_id: str, name: str, value: Any, seen: Any
    ) -> None:
        self.writes.append(Write(table, row_id, name, value, seen, laptop.name, self.figures.days))

    # ------------------------------------------------------------------ actions
    def edit_household(self, laptop: Laptop, hid: str, name: str, value: Any) -> None:
        actor = laptop.actor or admin(laptop.node)
        with self.acting(laptop, "edit_household"), laptop.node.session() as s:
            form = survey.household_input(s, actor, hid)
            survey.save_household(s, actor, dataclasses.replace(form, **{name: value}), shown=form)
            self.record(laptop, "households", hid, name, value, getattr(form, name))

    def edit_member(self, laptop: Laptop, hid: str, pick: int, name: str, value: Any) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "edit_member"), laptop.node.session() as s:
            form = survey.household_input(s, laptop.actor, hid)
            if not form.members:
                return
            m = form.members[pick % len(form.members)]
            members = tuple(
                dataclasses.replace(x, **{name: value}) if x.id == m.id else x for x in form.members
            )
            survey.save_household(
                s, laptop.actor, dataclasses.replace(form, members=members), shown=form
            )
            assert m.id is not None
            self.record(laptop, "persons", m.id, name, value, getattr(m, name))

    def add_member(self, laptop: Laptop, hid: str, name: str, number: str) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "add_member"), laptop.node.session() as s:
            form = survey.household_input(s, laptop.actor, hid)
            child = survey.MemberInput(name, number, Relation.GRANDSON.value)
            survey.save_household(
                s,
                laptop.actor,
                dataclasses.replace(form, members=(*form.members, child)),
                shown=form,
            )
            pid = s.scalar(
                select(Person.id).where(Person.household_id == hid, Person.resident_id == number)
            )
            if pid:
                self.record(laptop, "persons", pid, "name", name, None)

    def remove_member(self, laptop: Laptop, hid: str, pick: int) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "remove_member"), laptop.node.session() as s:
            form = survey.household_input(s, laptop.actor, hid)
            others = [m for m in form.members if m.relation != Relation.HEAD.value]
            if not others:
                return
            gone = others[pick % len(others)]
            members = tuple(m for m in form.members if m.id != gone.id)
            survey.save_household(
                s, laptop.actor, dataclasses.replace(form, members=members), shown=form
            )
            assert gone.id is not None
            self.record(laptop, "persons", gone.id, "deleted", True, False)

    def change_head(self, laptop: Laptop, hid: str, pick: int) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "change_head"), laptop.node.session() as s:
            form = survey.household_input(s, laptop.actor, hid)
            others = [m for m in form.members if m.relation != Relation.HEAD.value]
            if not others:
                return
            new = others[pick % len(others)]
            members = tuple(
                dataclasses.replace(m, relation=Relation.HEAD.value)
                if m.id == new.id
                else dataclasses.replace(m, relation=Relation.OTHER.value)
                if m.relation == Relation.HEAD.value
                else m
                for m in form.members
            )
            survey.save_household(
                s, laptop.actor, dataclasses.replace(form, members=members), shown=form
            )

    def new_household(self, laptop: Laptop) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "new_household"), laptop.node.session() as s:
            site = s.scalar(select(Household.site_id).limit(1))
            if site is None:
                return
            phone = self.phone()
            members = [
                survey.MemberInput(
                    "新户" + str(self.rng.randrange(1000)), self.new_id_number(), "head"
                )
            ]
            if self.rng.random() < 0.6:
                members.append(survey.MemberInput("新户配偶", self.new_id_number(), "spouse"))
            saved = survey.save_household(
                s,
                laptop.actor,
                survey.HouseholdInput(site_id=site, members=tuple(members), phone=phone),
            )
            self.record(laptop, "households", saved.id, "phone", phone, None)

    def visit(self, laptop: Laptop, hid: str) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "visit"), laptop.node.session() as s:
            survey.visit_template(s, laptop.actor, hid)
            notes = "走访" + str(self.rng.randrange(10**6))
            done = survey.record_visit(
                s,
                laptop.actor,
                survey.VisitInput(household_id=hid, visited_on=self.today, notes=notes),
            )
            self.record(laptop, "visits", done.id, "notes", notes, None)

    def intake(self, laptop: Laptop, hid: str) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "intake"), laptop.node.session() as s:
            text = self.rng.choice(["水管漏水", "楼道灯坏", "孩子入学", "找工作", "邻里纠纷"])
            detail = orders.intake(
                s,
                laptop.actor,
                description=text,
                category=self.rng.choice(list(OrderCategory)),
                source=self.rng.choice([OrderSource.WALK_IN, OrderSource.HOTLINE]),
                household_id=hid,
            )
            self.record(laptop, "work_orders", detail.row.id, "description", text, None)

    def step(self, laptop: Laptop, order_id: str, which: str) -> None:
        assert laptop.actor is not None
        actor = laptop.actor
        with self.acting(laptop, f"step_{which}"), laptop.node.session() as s:
            if which == "respond":
                orders.respond(s, actor, order_id)
            elif which == "arrive":
                orders.arrive(s, actor, order_id)
            elif which == "resolve":
                orders.resolve(s, actor, order_id, resolution="已修好")
            elif which == "answer":
                orders.answer(s, actor, order_id, resolution="已答复政策")
            elif which == "follow_up":
                orders.follow_up(
                    s, actor, order_id, satisfaction=self.rng.choice(["satisfied", "unsatisfied"])
                )
            elif which == "cancel":
                orders.cancel(s, actor, order_id, reason="重复登记")
            else:
                users = orders.handler_choices(s, actor)
                if users:
                    orders.transfer_to_handler(
                        s, actor, order_id, user_id=self.rng.choice(users).id
                    )

    def sweep(self, laptop: Laptop) -> None:
        assert laptop.actor is not None
        with self.acting(laptop, "sweep"), laptop.node.session() as s:
            orders.run_escalations(s, laptop.actor)

    def review(self, laptop: Laptop) -> None:
        """A township admin settles some open conflicts on this laptop."""
        assert laptop.actor is not None
        with laptop.node.session() as s:
            views = conflicts.list_conflicts(s, laptop.actor)
        for view in views[: self.rng.randrange(0, 4)]:
            choice = self.rng.choice(view.choices)
            value = None
            if choice == "custom":
                if view.field in ("phone", "cadre_phone"):
                    value = self.phone()
                elif view.field == "code":
                    value = f"XQ-{self.rng.randrange(10**6)}"
                else:
                    choice = "current"
            with self.acting(laptop, "decide"), laptop.node.session() as s:
                conflicts.resolve_conflict(s, laptop.actor, view.id, choice=choice, value=value)
                self.figures.decisions += 1
                # the reviewer saw what stands and chose: a write like any other
                if choice == "remove":
                    second = view.other_row_id or view.row_id
                    self.record(laptop, view.table, second, "deleted", True, False)
                elif view.kind == "delete":
                    self.record(
                        laptop, view.table, view.row_id, "deleted", choice == "current", True
                    )
                elif view.kind != "duplicate":
                    chosen = {"current": view.current, "other": view.other, "custom": value}[choice]
                    self.record(laptop, view.table, view.row_id, view.field, chosen, view.current)
                elif value is not None:
                    self.record(laptop, view.table, view.row_id, view.field, value, view.current)

    # ------------------------------------------------------------------ a day
    def day(self) -> None:
        """One working day: everyone works, some things at once, then some sync."""
        rng = self.rng
        self.now = (START + timedelta(days=self.figures.days)).astimezone(UTC)
        for laptop in self.laptops:
            homes = self.households(laptop.node)
            if not homes:
                continue
            for _ in range(rng.randrange(2, 7)):
                self.tick()
                hid = rng.choice(homes)
                roll = rng.random()
                if roll < 0.30:
                    name = rng.choice(FIELDS)
                    self.edit_household(laptop, hid, name, self._value(name))
                elif roll < 0.45:
                    name = rng.choice(MEMBER_FIELDS)
                    self.edit_member(laptop, hid, rng.randrange(9), name, self._value(name))
                elif roll < 0.52:
                    self.add_member(
                        laptop, hid, "孙" + str(rng.randrange(100)), self.new_id_number()
                    )
                elif roll < 0.57:
                    self.remove_member(laptop, hid, rng.randrange(9))
                elif roll < 0.62:
                    self.new_household(laptop)
                elif roll < 0.70:
                    self.visit(laptop, hid)
                elif roll < 0.78:
                    self.intake(laptop, hid)
                elif roll < 0.80:
                    self.change_head(laptop, hid, rng.randrange(9))
                else:
                    open_ = self.open_orders(laptop.node)
                    if open_:
                        self.step(laptop, rng.choice(open_), rng.choice(STEPS))
            self.sweep(laptop)
        self._at_once()
        if rng.random() < 0.5:
            self.review(rng.choice(self.laptops))
        for laptop in self.laptops:
            if rng.random() < 0.7:
                self._sync(laptop, usb=not (laptop.http and self.url and rng.random() < 0.5))
        self._deliver(faults=True)
        self.figures.days += 1

    def _at_once(self) -> None:
        """Two laptops doing the same thing before either has synced."""
        if len(self.laptops) < 2:
            return
        rng = self.rng
        a, b = rng.sample(self.laptops, 2)
        shared = sorted(set(self.households(a.node)) & set(self.households(b.node)))
        if not shared:
            return
        hid = rng.choice(shared)
        kind = rng.choice(["field", "delete_edit", "order", "newborn", "head"])
        self.tick()
        if kind == "field":
            name = rng.choice(FIELDS)
            self.edit_household(a, hid, name, self._value(name))
            self.edit_household(b, hid, name, self._value(name))
        elif kind == "delete_edit":
            pick = rng.randrange(9)
            self.remove_member(a, hid, pick)
            self.edit_member(b, hid, pick + 1, "employer", self._value("employer"))
        elif kind == "order":
            common = sorted(set(self.open_orders(a.node)) & set(self.open_orders(b.node)))
            if common:
                order_id = rng.choice(common)
                self.step(a, order_id, rng.choice(STEPS))
                self.step(b, order_id, rng.choice(STEPS))
        elif kind == "newborn":
            number = self.new_id_number()
            self.add_member(a, hid, "新生儿", number)
            self.add_member(b, hid, "新生儿", number)
        else:
            self.change_head(a, hid, 0)
            self.change_head(b, hid, 1)

    # ------------------------------------------------------------------ sync
    def _sync(self, laptop: Laptop, *, usb: bool, faults: bool = True) -> None:
        node = laptop.node
        try:
            if not usb:
                with node.computer():
                    sync_service.sync_now(
                        node.sf, SYSTEM, keys_file=keys_path(node.path), server_url=self.url
                    )
                self.figures.packages["http"] += 1
                return
            self.to_county.append(node.export().data)
            try:
                data, _ = self.county.export_for(node.device_id)
            except EnrolmentError:
                pass  # the county has not read this laptop's first stick yet
            else:
                self.to_laptop.append((laptop, data))
            self.figures.packages["usb"] += 1
        except Exception:
            self.figures.stalled.append(f"{laptop.name}: {traceback.format_exc(limit=3)}")

    def _deliver(self, *, faults: bool) -> None:
        """Carry the sticks: some lost, some read twice, some only on a later day."""
        rng = self.rng
        keep_up: list[bytes] = []
        for data in self.to_county:
            fate = rng.random() if faults else 1.0
            if fate < 0.08:
                self.figures.packages["lost"] += 1
                continue
            if fate < 0.2:
                keep_up.append(data)  # read on a later day
                self.figures.packages["late"] += 1
                continue
            self._county_import(data)
            if fate < 0.3:
                self._county_import(data)  # read twice
                self.figures.packages["twice"] += 1
        keep_down: list[tuple[Laptop, bytes]] = []
        for laptop, data in self.to_laptop:
            fate = rng.random() if faults else 1.0
            if fate < 0.08:
                self.figures.packages["lost"] += 1
                continue
            if fate < 0.2:
                keep_down.append((laptop, data))
                self.figures.packages["late"] += 1
                continue
            self._laptop_import(laptop, data)
            if fate < 0.3:
                self._laptop_import(laptop, data)
                self.figures.packages["twice"] += 1
        self.to_county, self.to_laptop = keep_up, keep_down

    def _county_import(self, data: bytes) -> None:
        try:
            self.county.import_package(data)
        except Exception:
            self.figures.stalled.append(f"county: {traceback.format_exc(limit=4)}")

    def _laptop_import(self, laptop: Laptop, data: bytes) -> None:
        try:
            # what `anju sync import` does with the file's bytes
            with laptop.node.session() as s:
                dv.import_package(s, laptop.node.keys, data)
                sync_service.apply_published(s, SYSTEM)
        except Exception:
            self.figures.stalled.append(f"{laptop.name}: {traceback.format_exc(limit=4)}")

    def quiesce(self, rounds: int = 4) -> None:
        """Every stick delivered, then everyone syncs without loss until nothing moves."""
        self.now += timedelta(hours=14)
        self._deliver(faults=False)
        for _ in range(rounds):
            for laptop in self.laptops:
                self._sync(laptop, usb=not (laptop.http and self.url), faults=False)
            self._deliver(faults=False)


def run(
    tmp: Path, *, days: int, progress: Callable[[int], None] | None = None, **kwargs: Any
) -> World:
    world = World(tmp, **kwargs)
    for d in range(days):
        world.day()
        if progress is not None:
            progress(d + 1)
    world.quiesce()
    return world
