"""Real township databases and a real county database exchanging real packages."""

from __future__ import annotations

import functools
import itertools
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain import resident_id
from desktop.domain.enums import Relation, Role
from desktop.services import derived as _derived  # noqa: F401  (registers the derived columns)
from desktop.services import survey, township
from desktop.services.actor import Actor
from desktop.store.base import as_computer, process_now
from desktop.store.db import make_engine, make_session_factory
from desktop.store.migrate import open_database
from desktop.store.models import SYNCED_MODELS, Area, Household, Site, User
from desktop.sync import device as dv
from desktop.sync import skew
from desktop.sync.audit import audit
from desktop.sync.capture import CaptureHandle, ensure_device_id, install_capture
from desktop.sync.crypto import KeyPair
from desktop.sync.keys import keys_path, load_or_create_keys
from desktop.sync.values import derived_columns, to_wire
from server.county import County, create_enrolment, create_schema, init_county

COUNTY_CODE = "433127"
TOWNSHIP = "433127100"
OTHER_TOWNSHIP = "433127101"
_counter = itertools.count()


@functools.cache
def _template() -> Path:
    """An empty database at the schema head, made once per test run and copied for each
    node (the migrations are tested elsewhere; this keeps many-node tests quick)."""
    path = Path(tempfile.mkdtemp(prefix="anju-template-")) / "template.db"
    result = open_database(path, do_backup=False)
    result.engine.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    return path


def make_county(url: str) -> County:
    engine = make_engine(url)
    create_schema(engine)
    county = County(engine)
    with county.sessions.begin() as s:
        init_county(s, COUNTY_CODE, "http://127.0.0.1")
    return county


@dataclass
class Node:
    name: str
    path: Path
    engine: Engine
    sf: sessionmaker[Session]
    keys: KeyPair
    device_id: str
    capture: CaptureHandle
    county: County
    # how far this laptop's own clock is off the true time (the county's is right)
    skew: timedelta = timedelta(0)

    @contextmanager
    def computer(self) -> Iterator[None]:
        """Run as this laptop: its own (perhaps wrong) clock, corrected by the offset its
        database keeps, as the program on it would be."""
        with as_computer(lambda: process_now() + self.skew):
            with self.sf.begin() as s:
                skew.load_clock_offset(s)
            yield

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.computer(), self.sf.begin() as s:
            yield s

    def export(self) -> dv.ExportResult:
        with self.session() as s:
            return dv.export_package(s, self.keys)

    def receive(self, data: bytes) -> dv.ImportResult:
        with self.session() as s:
            return dv.import_package(s, self.keys, data)

    def up(self) -> Any:
        data = self.export().data
        return self.county.import_package(data)

    def down(self) -> dv.ImportResult:
        data, _ = self.county.export_for(self.device_id)
        return self.receive(data)

    def sync(self) -> None:
        self.up()
        self.down()

    def records(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every synced row's values in wire form, minus the derived columns (each node
        computes those; see desktop.sync.derive)."""
        out: dict[tuple[str, str], dict[str, Any]] = {}
        with self.sf.begin() as s:
            for model in SYNCED_MODELS:
                table = model.__table__
                skip = derived_columns(table.name)
                for row in s.connection().execute(select(table)).mappings():
                    out[(table.name, row["id"])] = {
                        k: to_wire(v) for k, v in row.items() if k != "id" and k not in skip
                    }
        return out

    def audit(self) -> list[Any]:
        with self.sf.begin() as s:
            return audit(s)

    def close(self) -> None:
        self.capture.remove()
        self.engine.dispose()


def make_node(
    county: County,
    tmp: Path,
    *,
    set_up: bool = True,
    township_code: str = TOWNSHIP,
    name: str | None = None,
    before_enrolment: Callable[[Node], Any] | None = None,
) -> Node:
    """A workstation as the program runs it: capture on from the start (``before_enrolment``
    works on it then, as a township built from a demo or a ledger is), then enrolled."""
    name = name or f"node{next(_counter)}"
    path = tmp / f"{name}.db"
    shutil.copyfile(_template(), path)
    engine = make_engine(path)
    sf = make_session_factory(engine)
    keys = load_or_create_keys(keys_path(path))
    with county.sessions.begin() as s:
        enrolment = create_enrolment(s, township_code=township_code, name=name)
    with sf.begin() as s:
        if set_up and before_enrolment is None:
            township.set_up(
                s,
                profile_id="xiangxi",
                county_code=COUNTY_CODE,
                county_name="永顺县",
                township_code=township_code,
                township_name="灵溪镇",
                admin_username="admin",
                admin_display_name="管理员",
                admin_password="anju-admin-1",
            )
        device_id = ensure_device_id(s)
    handle = install_capture(sf, device_id=device_id)
    node = Node(name, path, engine, sf, keys, device_id, handle, county)
    if before_enrolment is not None:
        before_enrolment(node)
    with sf.begin() as s:
        dv.enroll(s, keys, enrolment)
    return node


def add_household(node: Node, code: str, **values: Any) -> str:
    with node.session() as s:
        area = s.scalar(select(Area).where(Area.level == "township"))
        assert area is not None
        site = s.scalar(select(Site))
        if site is None:
            site = Site(area_id=area.id, code=f"S-{node.name}", name="安置点", kind="town")
            s.add(site)
            s.flush()
        household = Household(code=code, site_id=site.id, category="filed", **values)
        s.add(household)
        s.flush()
        return household.id


def edit(node: Node, model: type, row_id: str, **values: Any) -> None:
    with node.session() as s:
        obj = s.get(model, row_id)
        assert obj is not None
        for k, v in values.items():
            setattr(obj, k, v)


def get(node: Node, model: type, row_id: str, column: str) -> Any:
    with node.session() as s:
        obj = s.get(model, row_id)
        return None if obj is None else getattr(obj, column)


def settle(nodes: list[Node], rounds: int = 3, up: Callable[[Node], Any] | None = None) -> None:
    """Sync everyone until nothing moves (each needs two rounds to see the others)."""
    for _ in range(rounds):
        for n in nodes:
            (up or Node.up)(n)
        for n in nodes:
            n.down()


def admin(node: Node) -> Actor:
    """The township administrator's account on ``node`` (made by set-up, or received)."""
    with node.session() as s:
        user = s.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.username))
        assert user is not None, node.name
        return Actor(user.id, user.username, user.display_name, Role.ADMIN)


_id_seq = itertools.count(1)


def id_number() -> str:
    """A valid resident ID number, different at every call."""
    return resident_id.build(COUNTY_CODE, date(1980, 1, 1), next(_id_seq) % 999 + 1)


def site_of(node: Node) -> str:
    with node.session() as s:
        site = s.scalar(select(Site).where(Site.deleted.is_(False)).order_by(Site.code))
        if site is None:
            area = s.scalar(select(Area).where(Area.level == "township"))
            assert area is not None
            site = Site(area_id=area.id, code=f"S-{node.name}", name="安置点", kind="town")
            s.add(site)
            s.flush()
        return site.id


def new_household(node: Node, **values: Any) -> str:
    """A household with its head, saved through the household form's service."""
    actor = admin(node)
    with node.session() as s:
        saved = survey.save_household(
            s,
            actor,
            survey.HouseholdInput(
                site_id=site_of(node),
                members=(survey.MemberInput("张三", id_number(), Relation.HEAD.value),),
                **values,
            ),
        )
    return saved.id


def add_member(node: Node, household_id: str, name: str) -> None:
    actor = admin(node)
    with node.session() as s:
        form = survey.household_input(s, actor, household_id)
        member = survey.MemberInput(name, id_number(), Relation.SON.value)
        survey.save_household(s, actor, replace(form, members=(*form.members, member)))
