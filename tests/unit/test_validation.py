"""Field rules: phone numbers, dates, incomes, the one head."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import ValidationError
from desktop.domain.validation import (
    ErrorCollector,
    ValidationErrors,
    check_income,
    check_not_before_birth,
    check_not_future,
    check_phone,
    parse_amount,
    parse_iso_date,
    single_head,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full-width, from a Chinese IME
        ("+86 13812345678", "13812345678"),
        ("0743-8521234", "0743-8521234"),
        ("010-12345678", "010-12345678"),
        ("07438521234", "07438521234"),
        ("", ""),
    ],
)
def test_mobile_and_landline_numbers_are_accepted(typed: str, stored: str) -> None:
    assert check_phone(typed, "phone") == stored


@pytest.mark.parametrize(
    "typed", ["1381234567", "138123456789", "12812345678", "8521234", "0743-852", "abc"]
)
def test_other_numbers_are_refused_at_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_phone(typed, "members[1].phone")
    assert err.value.code == "phone_format"
    assert err.value.field == "members[1].phone"


def test_dates_incomes_and_heads() -> None:
    today = date(2026, 11, 22)
    check_not_future(today, today, "d")
    with pytest.raises(ValidationError, match="date_in_future"):
        check_not_future(date(2026, 11, 23), today, "d")
    with pytest.raises(ValidationError, match="date_before_birth"):
        check_not_before_birth(date(1979, 1, 1), date(1980, 5, 1), "move_in_date")
    assert check_income(0, "x") == 0
    with pytest.raises(ValidationError, match="income_negative"):
        check_income(-1, "x")
    assert single_head(["spouse", "head", "son"]) == 1
    with pytest.raises(ValidationError) as err:
        single_head(["spouse", "son"])
    assert (err.value.code, err.value.field) == ("no_head", "members")
    with pytest.raises(ValidationError) as err:
        single_head(["head", "son", "head"])
    assert (err.value.code, err.value.field) == ("two_heads", "members[2].relation")


def test_typed_dates_and_amounts() -> None:
    assert parse_iso_date("2024-03-01", "d") == date(2024, 3, 1)
    assert parse_iso_date("2024/3/1", "d") == date(2024, 3, 1)
    assert parse_iso_date("2024年3月1日", "d") == date(2024, 3, 1)
    assert parse_iso_date("20240301", "d") == date(2024, 3, 1)
    assert parse_iso_date(" ", "d") is None
    with pytest.raises(ValidationError, match="date_format"):
        parse_iso_date("2024-02-30", "d")
    assert parse_amount("3,000", "a") == 3000
    assert parse_amount("-200", "a") == -200
    with pytest.raises(ValidationError, match="amount_format"):
        parse_amount("三千", "a")


def test_a_form_reports_every_fault_at_once() -> None:
    errors = ErrorCollector()
    with errors.check():
        check_phone("123", "phone")
    with errors.check():
        check_income(-5, "members[0].monthly_income")
    with pytest.raises(ValidationErrors) as err:
        errors.raise_if_any()
    assert err.value.code == "phone_format"
    assert set(err.value.by_field()) == {"phone", "members[0].monthly_income"}


@given(prefix=st.sampled_from("3456789"), rest=st.text("0123456789", min_size=9, max_size=9))
def test_every_mobile_number_is_accepted(prefix: str, rest: str) -> None:
    number = "1" + prefix + rest
    assert check_phone(number, "phone") == number


@given(digits=st.text("0123456789", min_size=1, max_size=15))
def test_a_number_is_accepted_only_in_one_of_the_two_shapes(digits: str) -> None:
    mobile = len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"
    landline = digits[0] == "0" and 10 <= len(digits) <= 12
    try:
        check_phone(digits, "phone")
    except ValidationError:
        assert not (mobile or landline)
    else:
        assert mobile or landline
