"""Which days count as working days in China: public holidays and adjusted weekends.

A profile may count the resolve deadline in working days (``day_count =
"working"``).  China moves working days around each year (调休: a Saturday or
Sunday becomes a working day to bridge a holiday), and the State Council
publishes the next year's table only in the winter before it.

Decisions:

- Three sources, most specific first: a table loaded from a file (the State
  Council's notice typed in, or received from the county by sync), then the
  ``chinesecalendar`` package for the years it ships, then plain weekends
  (Monday to Friday work) for any other year.
- A loaded table covers whole years: for a year it names, only its own dates
  count (it overrides ``chinesecalendar`` for that year, so a correction
  published after the package's release wins).
- A day judged by the plain-weekend fallback is *provisional*: every result
  that depended on such a day says so, and the UI tells the user the deadline
  may move when the year's table arrives.

File format (JSON or TOML, same keys)::

    years = [2027]                      # optional; default: the years of the dates
    holidays = ["2027-01-01", ...]      # days off (including weekend days inside a holiday)
    workdays = ["2027-02-07", ...]      # adjusted working days (调休上班), often weekends
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar

from desktop.domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class YearTable:
    """One year's exceptions to the Monday-to-Friday week."""

    year: int
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def _package_years() -> frozenset[int]:
    known = set(chinese_calendar.holidays) | set(chinese_calendar.workdays)
    return frozenset(d.year for d in known)


_PACKAGE_YEARS = _package_years()


@dataclass(frozen=True, slots=True)
class DayJudgement:
    working: bool
    provisional: bool


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days from loaded tables, then ``chinesecalendar``, then weekends."""

    tables: Mapping[int, YearTable] = field(default_factory=dict)
    use_package: bool = True

    def covers(self, year: int) -> bool:
        """True when the year's official table is known (not a weekend guess)."""
        return year in self.tables or (self.use_package and year in _PACKAGE_YEARS)

    def judge(self, day: date) -> DayJudgement:
        table = self.tables.get(day.year)
        if table is not None:
            return DayJudgement(table.is_working_day(day), False)
        if self.use_package and day.year in _PACKAGE_YEARS:
            return DayJudgement(bool(chinese_calendar.is_workday(day)), False)
        return DayJudgement(day.weekday() < 5, True)

    def is_working_day(self, day: date) -> bool:
        return self.judge(day).working

    def with_table(self, table: YearTable) -> WorkingCalendar:
        merged = dict(self.tables)
        merged[table.year] = table
        return WorkingCalendar(merged, self.use_package)

    def with_tables(self, tables: Iterable[YearTable]) -> WorkingCalendar:
        cal = self
        for t in tables:
            cal = cal.with_table(t)
        return cal

    def next_working_day(self, day: date) -> tuple[date, bool]:
        """The first working day on or after ``day``; and whether any day was a guess."""
        provisional = False
        while True:
            j = self.judge(day)
            provisional |= j.provisional
            if j.working:
                return day, provisional
            day += timedelta(days=1)

    def nth_working_day_after(self, day: date, n: int) -> tuple[date, bool]:
        """The ``n``-th working day strictly after ``day`` (n >= 1)."""
        provisional = False
        count = 0
        while count < n:
            day += timedelta(days=1)
            j = self.judge(day)
            provisional |= j.provisional
            if j.working:
                count += 1
        return day, provisional


DEFAULT_CALENDAR = WorkingCalendar()


def _dates(values: Any, key: str) -> frozenset[date]:
    if values is None:
        return frozenset()
    if not isinstance(values, list):
        raise ValidationError("holiday_table_format", field=key)
    out = set()
    for v in values:
        if isinstance(v, date):
            out.add(v)
            continue
        try:
            out.add(date.fromisoformat(str(v)))
        except ValueError:
            raise ValidationError("holiday_table_date", field=key, value=str(v)) from None
    return frozenset(out)


def tables_from_dict(data: Mapping[str, Any]) -> list[YearTable]:
    """Year tables from parsed JSON/TOML data (see the module docstring)."""
    holidays = _dates(data.get("holidays"), "holidays")
    workdays = _dates(data.get("workdays"), "workdays")
    if holidays & workdays:
        raise ValidationError(
            "holiday_table_both", field="workdays", value=min(holidays & workdays).isoformat()
        )
    years_value = data.get("years")
    if years_value is None:
        years = {d.year for d in holidays | workdays}
    elif isinstance(years_value, list) and all(isinstance(y, int) for y in years_value):
        years = set(years_value)
    else:
        raise ValidationError("holiday_table_format", field="years")
    if not years:
        raise ValidationError("holiday_table_empty", field="holidays")
    stray = {d for d in holidays | workdays if d.year not in years}
    if stray:
        raise ValidationError("holiday_table_date", field="years", value=min(stray).isoformat())
    return [
        YearTable(
            y,
            frozenset(d for d in holidays if d.year == y),
            frozenset(d for d in workdays if d.year == y),
        )
        for y in sorted(years)
    ]


def parse_holiday_table(text: str, *, suffix: str) -> list[YearTable]:
    """Parse a table's text; ``suffix`` is ``.json`` or ``.toml``."""
    try:
        if suffix.lower() == ".json":
            data = json.loads(text)
        elif suffix.lower() == ".toml":
            data = tomllib.loads(text)
        else:
            raise ValidationError("holiday_table_kind", field="file")
    except (json.JSONDecodeError, tomllib.TOMLDecodeError):
        raise ValidationError("holiday_table_format", field="file") from None
    if not isinstance(data, dict):
        raise ValidationError("holiday_table_format", field="file")
    return tables_from_dict(data)


def load_holiday_table(path: Path) -> list[YearTable]:
    return parse_holiday_table(path.read_text(encoding="utf-8"), suffix=path.suffix)


def table_to_dict(tables: Iterable[YearTable]) -> dict[str, Any]:
    """The JSON-ready form, as stored in settings and carried by sync."""
    ts = list(tables)
    return {
        "years": sorted(t.year for t in ts),
        "holidays": sorted(d.isoformat() for t in ts for d in t.holidays),
        "workdays": sorted(d.isoformat() for t in ts for d in t.workdays),
    }
