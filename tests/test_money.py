from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.errors import AmountError
from helpers.money import (
    div_round_half_up,
    fen_to_yuan,
    format_fen,
    format_yuan_plain,
    mul_rate,
    parse_amount,
    yuan_to_fen,
)


class TestParseAmount:
    @pytest.mark.parametrize(
        ("text", "fen"),
        [
            ("1,234.50", 123450),
            ("1234.5", 123450),
            ("¥1.2万", 1200000),
            ("￥1.2万", 1200000),
            ("1.2万元", 1200000),
            ("3千", 300000),
            ("1.5k", 150000),
            ("2K", 200000),
            ("1.5w", 1500000),
            ("0.5亿", 5000000000),
            ("１２３４．５６", 123456),
            ("￥１２，３４５．６７", 1234567),
            ("RMB 8,833.30", 883330),
            ("CNY100", 10000),
            ("  88 元 ", 8800),
            ("-50", -5000),
            ("¥-12.5", -1250),
            (".5", 50),
            ("0", 0),
            ("0.005", 1),  # half a fen rounds up
            ("0.004", 0),
            ("-0.005", -1),  # halves round away from zero
            ("1.2345万", 1234500),
            ("12,345,678.90", 1234567890),
        ],
    )
    def test_parses_amounts_as_people_write_them(self, text, fen):
        assert parse_amount(text) == fen

    @pytest.mark.parametrize(
        "text",
        ["", "abc", "12,3a4", "1,23", "1.2.3", "万", "--5", "1万万", "¥", "5%", "1e5", None],
    )
    def test_refuses_text_that_is_not_an_amount(self, text):
        with pytest.raises(AmountError) as info:
            parse_amount(text)
        assert "is not an amount" in str(info.value)

    def test_error_message_quotes_the_value_in_both_languages(self):
        error = AmountError("12,3a4")
        assert "'12,3a4'" in error.render("en")
        assert "'12,3a4' 不是金额" in error.render("zh-CN")


class TestYuanToFen:
    def test_floats_go_through_their_shortest_decimal_form(self):
        assert yuan_to_fen(0.1 + 0.2) == 30  # 0.30000000000000004 yuan
        assert yuan_to_fen(8833.3) == 883330
        assert yuan_to_fen(1.005) == 101  # the float prints as 1.005: half-up

    def test_integers_are_whole_yuan(self):
        assert yuan_to_fen(12) == 1200

    @pytest.mark.parametrize("bad", [True, float("nan"), float("inf"), [1], Decimal("NaN")])
    def test_refuses_non_amounts(self, bad):
        with pytest.raises(AmountError):
            yuan_to_fen(bad)

    @given(st.integers(min_value=-(10**13), max_value=10**13))
    def test_plain_yuan_text_round_trips_to_the_fen(self, fen):
        assert parse_amount(format_yuan_plain(fen)) == fen
        assert yuan_to_fen(fen_to_yuan(fen)) == fen


class TestRounding:
    @pytest.mark.parametrize(
        ("numerator", "denominator", "expected"),
        [
            (5, 2, 3),
            (7, 2, 4),
            (3, 2, 2),
            (4, 3, 1),
            (5, 3, 2),
            (0, 7, 0),
            (-5, 2, -3),
            (-4, 3, -1),
        ],
    )
    def test_halves_round_away_from_zero(self, numerator, denominator, expected):
        assert div_round_half_up(numerator, denominator) == expected

    @given(st.integers(-(10**15), 10**15), st.integers(1, 10**9))
    def test_agrees_with_decimal_half_up(self, numerator, denominator):
        exact = (Decimal(numerator) / Decimal(denominator)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
        # Decimal division carries 28 digits, enough for these ranges
        assert div_round_half_up(numerator, denominator) == int(exact)

    def test_refuses_a_non_positive_denominator(self):
        with pytest.raises(ValueError):
            div_round_half_up(1, 0)

    def test_card_interest_of_a_30_day_month_on_10000_yuan(self):
        # DOMAIN.md's worked example: 0.05% a day for 30 days on 10,000.00 posts 150.00
        assert mul_rate(1_000_000, Decimal("0.0005") * 30) == 15000
        # 违约金 5% of the unpaid minimum of 1,000.00 is 50.00
        assert mul_rate(100_000, "0.05") == 5000

    def test_mul_rate_rounds_an_exact_half_fen_up(self):
        assert mul_rate(1, "0.5") == 1
        assert mul_rate(3, "0.5") == 2


class TestFormat:
    def test_formats_by_locale(self):
        assert format_fen(123450, "zh-CN") == "¥1,234.50"
        assert format_fen(123450, "en") == "CN¥1,234.50"
        assert format_fen(100000000, "zh-CN", currency=False) == "1,000,000.00"

    def test_plain_form_has_two_decimals_and_no_grouping(self):
        assert format_yuan_plain(1234567890) == "12345678.90"
        assert format_yuan_plain(5) == "0.05"
