"""Explanation cards read back with poppler and zbar, as a printer or a phone would."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain import resident_id
from desktop.domain.errors import PermissionDenied, ValidationError
from desktop.reports.cards import Layout
from desktop.reports.files import Cancelled
from desktop.services import households, printing
from desktop.services.actor import Actor
from desktop.services.households import HouseholdFilter
from tests.reports.support import HEAD_ID, RARE_VILLAGE, SPOUSE_ID, TODAY, Places, run_tool


def _print(
    factory: sessionmaker[Session],
    actor: Actor,
    out: Path,
    selection: printing.Selection,
    **kw: object,
) -> printing.PrintResult:
    with factory.begin() as s:
        return printing.print_cards(s, actor, selection, out, today=TODAY, **kw)  # type: ignore[arg-type]


def _one(factory: sessionmaker[Session], code: str) -> printing.Selection:
    with factory.begin() as s:
        return printing.resolve_selection(s, households=[code])


def test_card_text_names_the_head_masks_ids_and_states_the_promise(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "card.pdf"
    result = _print(township_db, admin, out, _one(township_db, codes[0]))
    assert (result.cards, result.pages) == (1, 1)
    text = "".join(run_tool("pdftotext", "-layout", out, "-").split())

    assert "田㐀福" in text
    assert resident_id.mask(HEAD_ID) in text and resident_id.mask(SPOUSE_ID) in text
    assert HEAD_ID not in text and SPOUSE_ID not in text
    assert HEAD_ID[6:14] not in text  # not even the birth date
    assert RARE_VILLAGE in text  # the rare character is mapped, not a blank
    assert "3分钟内回应、3小时内到达现场、3天内解决或答复" in text
    assert "2026年11月22日" in text
    # grid member, cadre, site chief and hotline with their numbers
    for part in ("李网格13812345678", "张干部13611112222", "王点长13900001111", "12345"):
        assert part in text
    # policies: dibao by name, monitoring, old house, certificate, plot, industry
    for part in ("低保：向秀英", "边缘易致贫户", "不动产权证：已办理", "油茶种植"):
        assert part in text
    # what is owed and by when: demolished in time, the land 359 days late
    assert "旧房拆除：已于2025年6月1日完成" in text
    assert "宅基地复垦复绿：应于2025年11月28日前完成（自2025年11月29日起逾期，已359天）" in text
    assert "溪州扶贫车间" in text and "3,200元/月" in text
    run_tool("pdftoppm", "-png", "-r", "110", out, str(tmp_path / "card"))
    if os.environ.get("ANJU_KEEP_CARD"):
        import shutil

        shutil.copy(tmp_path / "card-1.png", os.environ["ANJU_KEEP_CARD"])


def test_font_is_embedded_as_a_subset_and_nothing_else_is_needed(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "cards.pdf"
    _print(township_db, admin, out, printing.Selection())
    lines = run_tool("pdffonts", out).splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        cols = line.split()
        emb, sub = cols[-5], cols[-4]
        assert (emb, sub) == ("yes", "yes"), line


def test_rare_character_is_drawn_with_a_real_glyph(tmp_path: Path) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from desktop.resources import cjk_font_path

    face = TTFont("probe", str(cjk_font_path()), subfontIndex=0).face
    assert 0x3400 in face.charToGlyph and face.charToGlyph[0x3400] != 0


def test_qr_code_decodes_to_the_household_code_which_search_finds(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "card.pdf"
    _print(township_db, admin, out, _one(township_db, codes[0]))
    run_tool("pdftoppm", "-r", "200", "-png", "-singlefile", out, tmp_path / "page")
    decoded = run_tool("zbarimg", "--raw", "-q", tmp_path / "page.png").strip()
    assert decoded == codes[0]
    with township_db.begin() as s:
        page = households.first_page(s, admin, HouseholdFilter(text=decoded))
    assert [r.code for r in page.rows] == [codes[0]]


def test_two_cards_per_a4_sheet(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "a4.pdf"
    result = _print(township_db, admin, out, printing.Selection(), layout=Layout.A4_TWO)
    assert (result.cards, result.pages) == (3, 2)
    info = run_tool("pdfinfo", out)
    fields = {
        k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines())
    }
    assert fields["Pages"] == "2"
    assert fields["Page size"].startswith("841.89 x 595.27")  # landscape A4


def test_selection_by_building_grid_and_site(
    township_db: sessionmaker[Session],
    admin: Actor,
    places: Places,
    codes: list[str],
    tmp_path: Path,
) -> None:
    with township_db.begin() as s:
        by_building = printing.gather_cards(
            s, admin, printing.resolve_selection(s, buildings=["B01"]), today=TODAY
        )
        by_grid = printing.gather_cards(
            s, admin, printing.resolve_selection(s, grids=["第二网格"]), today=TODAY
        )
        by_site = printing.gather_cards(
            s, admin, printing.resolve_selection(s, sites=["S01"]), today=TODAY
        )
    # in flat order: unit 1 before unit 2
    assert [c.code for c in by_building] == [codes[1], codes[0]]
    assert [c.code for c in by_grid] == [codes[2]]
    assert sorted(c.code for c in by_site) == codes


def test_grid_member_prints_only_their_grid(
    township_db: sessionmaker[Session], places: Places, codes: list[str], tmp_path: Path
) -> None:
    member = places.grid_member
    with township_db.begin() as s:
        cards = printing.gather_cards(s, member, printing.Selection(), today=TODAY)
        assert sorted(c.code for c in cards) == codes[:2]
        with pytest.raises(PermissionDenied):
            printing.gather_cards(
                s, member, printing.resolve_selection(s, households=[codes[2]]), today=TODAY
            )


def test_hotline_is_a_township_setting(
    township_db: sessionmaker[Session],
    admin: Actor,
    places: Places,
    codes: list[str],
    tmp_path: Path,
) -> None:
    with township_db.begin() as s:
        assert printing.service_hotline(s) == printing.DEFAULT_HOTLINE
        assert printing.set_service_hotline(s, admin, "0743 5221234") == "07435221234"
        with pytest.raises(PermissionDenied):
            printing.set_service_hotline(s, places.grid_member, "12345")
        with pytest.raises(ValidationError):
            printing.set_service_hotline(s, admin, "abc")
    out = tmp_path / "card.pdf"
    _print(township_db, admin, out, _one(township_db, codes[0]))
    assert "07435221234" in run_tool("pdftotext", out, "-")


def test_unwritable_destination_is_refused_and_leaves_nothing(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            target = (
                tmp_path / "missing-folder" / "cards.pdf"
            )  # running as root: use a missing folder
        else:
            target = locked / "cards.pdf"
        with pytest.raises(ValidationError) as err:
            _print(township_db, admin, target, printing.Selection())
        assert err.value.code == "output_unwritable"
        assert not target.exists()
    finally:
        locked.chmod(0o700)
    assert list(locked.iterdir()) == []


def test_cancelled_run_keeps_the_previous_file_whole(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cards.pdf"
    out.write_bytes(b"previous")
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        cancel.set()

    with pytest.raises(Cancelled):
        _print(township_db, admin, out, printing.Selection(), cancel=cancel, progress=progress)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in folder.iterdir()] == ["cards.pdf"]


def test_selection_follows_the_list_filters(
    township_db: sessionmaker[Session], admin: Actor, codes: list[str]
) -> None:
    from desktop.services.households import MONITORED_ANY

    with township_db.begin() as s:
        monitored = printing.gather_cards(
            s, admin, printing.Selection(monitoring=MONITORED_ANY), today=TODAY
        )
        by_text = printing.gather_cards(s, admin, printing.Selection(text="覃春"), today=TODAY)
        by_category = printing.count_selected(s, admin, printing.Selection(category="synchronous"))
        odd = printing.count_selected(s, admin, printing.Selection(text="50%_"))
    assert [c.code for c in monitored] == [codes[0]]
    assert [c.code for c in by_text] == [codes[2]]
    assert (by_category, odd) == (0, 0)
