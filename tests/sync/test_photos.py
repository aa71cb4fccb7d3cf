"""A photo named by a change travels with it, once, and arrives intact."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from desktop.services.work_orders import store_photo
from desktop.store.models import WorkOrder, WorkOrderEvent
from desktop.sync import device as dv
from desktop.sync import photos
from tests.sync.harness import Node, add_household, settle


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_an_arrival_photo_reaches_the_other_device_once(
    pair: tuple[Node, Node], tmp_path: Path
) -> None:
    a, b = pair
    a_photos, b_photos = tmp_path / "a-photos", tmp_path / "b-photos"
    name, _ = store_photo(_jpeg(), a_photos)
    hid = add_household(a, "H-1")
    with a.session() as s:
        at = datetime(2026, 11, 22, 10, tzinfo=UTC)
        order = WorkOrder(
            code="GD-9",
            household_id=hid,
            category="repairs",
            source="walk_in",
            description="门坏了",
            status="on_site",
            received_at=at,
        )
        s.add(order)
        s.flush()
        s.add(
            WorkOrderEvent(
                order_id=order.id, kind="arrived", at=at, device_time=at, data={"photo": name}
            )
        )
    with a.session() as s:
        exported = dv.export_package(s, a.keys, photo_dir=a_photos)
    a.county.import_package(exported.data)
    data, package = a.county.export_for(b.device_id)
    assert set(package.blobs) == {name}
    with b.session() as s:
        dv.import_package(s, b.keys, data, photo_dir=b_photos)
    assert (b_photos / name).read_bytes() == (a_photos / name).read_bytes()
    settle([a, b])
    _, again = a.county.export_for(b.device_id)
    assert again.blobs == {}  # acknowledged: never carried twice


def test_a_photo_whose_bytes_do_not_match_its_name_is_not_stored(tmp_path: Path) -> None:
    name = "0" * 64 + ".jpg"
    assert photos.store(tmp_path, {name: b"not that photo"}) == 0
    assert not (tmp_path / name).exists()
