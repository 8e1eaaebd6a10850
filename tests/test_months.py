from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.months import add_months, add_months_to_date, month_label, months_between, parse_month


@pytest.mark.parametrize("bad", ["2025-4", "2025-00", "2025-13", "25-04", "2025/04", "", 202504])
def test_refuses_labels_that_are_not_months(bad):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(bad)


def test_month_arithmetic_crosses_years():
    assert add_months("2025-11", 2) == "2026-01"
    assert add_months("2026-01", -13) == "2024-12"
    assert months_between("2024-12", "2026-01") == 13


def test_adding_months_to_a_date_clamps_to_month_end():
    assert add_months_to_date(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months_to_date(date(2025, 3, 31), -1) == date(2025, 2, 28)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(-600, 600))
def test_month_offsets_are_consistent(day, n):
    start = month_label(day)
    assert months_between(start, add_months(start, n)) == n
    assert month_label(add_months_to_date(day, n)) == add_months(start, n)
