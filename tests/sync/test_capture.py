"""Every edit of a synced row is recorded in the outbox, in the same transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.services.actor import Actor
from desktop.store.models import Area, Change, Household, Site
from desktop.sync.capture import capture_baseline, ensure_device_id, install_capture


@pytest.fixture
def captured(township_db: sessionmaker[Session]):
    with township_db.begin() as s:
        device = ensure_device_id(s)
    handle = install_capture(township_db, device_id=device)
    yield township_db, device
    handle.remove()


def _site(s: Session) -> Site:
    area = s.scalar(select(Area).where(Area.level == "township"))
    assert area is not None
    site = Site(area_id=area.id, code="S1", name="安置点", kind="town")
    s.add(site)
    s.flush()
    return site


def _changes(s: Session, device: str) -> list[Change]:
    return list(s.scalars(select(Change).where(Change.device_id == device).order_by(Change.seq)))


def test_insert_update_and_tombstone_are_recorded_with_new_and_replaced(
    captured, admin: Actor
) -> None:
    sf, device = captured
    with sf.begin() as s:
        hid = Household(code="H1", site_id=_site(s).id, category="filed", updated_by=admin.user_id)
        s.add(hid)
        s.flush()
        row_id = hid.id
    with sf.begin() as s:
        h = s.get(Household, row_id)
        assert h is not None
        h.phone = "13800138000"
        h.updated_by = admin.user_id
    with sf.begin() as s:
        h = s.get(Household, row_id)
        assert h is not None
        h.deleted = True
    with sf.begin() as s:
        mine = [c for c in _changes(s, device) if c.row_id == row_id]
    assert [c.op for c in mine] == ["insert", "update", "delete"]
    assert mine[0].fields["code"] == ["H1", None]
    assert mine[1].fields["phone"] == ["13800138000", ""]
    assert mine[1].user_id == admin.user_id
    assert mine[2].fields["deleted"] == [True, False]
    assert mine[2].hlc > mine[1].hlc > mine[0].hlc


def test_sequence_is_gap_free_and_a_rolled_back_edit_leaves_no_change(captured) -> None:
    sf, device = captured
    with sf.begin() as s:
        site_id = _site(s).id
    with pytest.raises(RuntimeError), sf.begin() as s:
        s.add(Household(code="H-lost", site_id=site_id, category="filed"))
        s.flush()
        raise RuntimeError("power cut")
    with sf.begin() as s:
        s.add(Household(code="H2", site_id=site_id, category="filed"))
    with sf.begin() as s:
        changes = _changes(s, device)
        assert [c.seq for c in changes] == list(range(1, len(changes) + 1))
        codes = [c.fields.get("code", [None])[0] for c in changes if c.table_name == "households"]
        assert codes == ["H2"]


def test_nothing_is_captured_where_capture_is_not_installed(
    township_db: sessionmaker[Session],
) -> None:
    with township_db.begin() as s:
        _site(s)
    with township_db.begin() as s:
        assert s.scalar(select(Change)) is None


def test_rows_bulk_inserted_with_core_are_covered_by_the_baseline(captured, db_path: Path) -> None:
    sf, device = captured
    with sf.begin() as s:
        site_id = _site(s).id
        s.execute(
            insert(Household),
            [{"code": f"B{i}", "site_id": site_id, "category": "filed"} for i in range(50)],
        )
    with sf.begin() as s:
        before = len(_changes(s, device))
        recorded = capture_baseline(s, device)
        # the set-up rows (areas, admin) made before capture, plus the 50 bulk rows
        assert recorded >= 50
        assert capture_baseline(s, device) == 0  # nothing twice
        after = _changes(s, device)
    assert len(after) == before + recorded
    assert {c.op for c in after[before:]} == {"insert"}
    assert [c.seq for c in after] == list(range(1, len(after) + 1))


def test_editing_only_to_the_same_value_records_nothing(captured) -> None:
    sf, device = captured
    with sf.begin() as s:
        site = _site(s)
        site_id = site.id
    with sf.begin() as s:
        count = len(_changes(s, device))
        site = s.get(Site, site_id)
        assert site is not None
        site.name = "安置点"
    with sf.begin() as s:
        assert len(_changes(s, device)) == count
