from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import resident_id as rid
from desktop.domain.resident_id import ResidentIdError, Sex

VALID = rid.build("433127", date(1980, 5, 6), 123)


def test_valid_number_gives_birth_date_sex_and_area() -> None:
    parsed = rid.parse(VALID)
    assert parsed.birth_date == date(1980, 5, 6)
    assert parsed.sex is Sex.MALE
    assert parsed.area_code == "433127"
    assert parsed.age_on(date(2026, 5, 5)) == 45
    assert parsed.age_on(date(2026, 5, 6)) == 46


def test_lower_case_x_and_spaces_are_accepted() -> None:
    number = next(
        rid.build("433127", date(1990, 1, 1), n)
        for n in range(1000)
        if rid.build("433127", date(1990, 1, 1), n).endswith("X")
    )
    assert rid.parse(" " + number[:6] + " " + number[6:].lower()).number == number


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "id_empty"),
        ("43312719800506123", "id_length"),
        ("43312719800506A238", "id_format"),
        (VALID[:-1] + ("0" if VALID[-1] != "0" else "1"), "id_checksum"),
        (rid.build("433127", date(1980, 1, 1), 1)[:10] + "0231" + "0011", "id_checksum"),
        (rid.build("999999", date(1980, 1, 1), 1), "id_area"),
    ],
)
def test_bad_numbers_name_their_fault(text: str, code: str) -> None:
    with pytest.raises(ResidentIdError) as err:
        rid.parse(text)
    assert err.value.code == code


def test_impossible_and_future_birth_dates_are_refused() -> None:
    body = "433127" + "19800231" + "001"
    impossible = body + rid.ric.calc_check_digit(body + "0")
    with pytest.raises(ResidentIdError) as err:
        rid.parse(impossible)
    assert err.value.code == "id_birth_date"
    future = rid.build("433127", date(2030, 1, 1), 1)
    with pytest.raises(ResidentIdError) as err:
        rid.parse(future, today=date(2026, 11, 22))
    assert err.value.code == "id_future_birth"


def test_mask_keeps_first_six_and_last_four() -> None:
    assert rid.mask(VALID) == VALID[:6] + "********" + VALID[-4:]


@given(
    birth=st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31)),
    seq=st.integers(0, 999),
)
def test_built_numbers_round_trip(birth: date, seq: int) -> None:
    number = rid.build("433127", birth, seq)
    parsed = rid.parse(number, today=date(2026, 1, 1))
    assert parsed.birth_date == birth
    assert parsed.sex is (Sex.MALE if seq % 2 else Sex.FEMALE)
    # any single changed digit in the body is caught by the check digit
    wrong = str((int(number[0]) + 1) % 10) + number[1:]
    assert not rid.is_valid(wrong)
