"""The cost of waiting, reconciled with the engine, and where each debt stands."""

from __future__ import annotations

import numpy_financial as npf
import pytest

from helpers.case import Case, LenderKind, list_samples, load_sample
from helpers.debts.standing import STANDING_COLUMNS, debt_standing, standing_frame
from helpers.debts.waiting import (
    WAITING_COLUMNS,
    WAITING_HORIZON,
    cost_of_waiting,
    waiting_summary,
)
from helpers.engine import project
from helpers.i18n.catalogue import t
from helpers.money import format_fen
from helpers.months import add_months
from helpers.plans.kinds import StatusQuo
from helpers.rules import OverdueClass
from tests.support import level_instalment_fen

SAMPLES = list_samples()


def _unsecured(case):
    return case.model_copy(update={"debts": tuple(d for d in case.debts if not d.terms.secured)})


def _engine_sums(case, months):
    """Accrued interest, penalty and charges per debt from a separate projection of N months."""
    kept = _unsecured(case)
    frame = project(
        kept,
        {d.id: StatusQuo("nothing") for d in kept.debts},
        horizon=months,
        means_fen=[0] * months,
    ).frame()
    sums = frame.groupby("debt_id")[["interest_accrued", "penalty_accrued", "charges_accrued"]]
    return sums.sum(), frame[frame.month_index == months - 1].set_index("debt_id")


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("months", [1, 3, 23])  # each shorter than the table's 24 months
def test_what_waiting_adds_equals_the_engines_accrued_sums(name, months):
    case = load_sample(name)
    table = cost_of_waiting(case).table(months).set_index("debt_id")
    sums, last = _engine_sums(case, months)
    assert table.interest.to_dict() == sums.interest_accrued.to_dict()
    assert table.penalty.to_dict() == sums.penalty_accrued.to_dict()
    assert table.charges.to_dict() == sums.charges_accrued.to_dict()
    # what is added is what the separate projection's balances grew by from the case's figures
    closing = last[[f"{b}_closing" for b in ("principal", "interest", "penalty", "charges")]]
    owed_now = {d.id: d.owed_fen for d in case.debts}
    grown = {i: int(owed) - owed_now[i] for i, owed in closing.sum(axis=1).items()}
    assert table.added.to_dict() == grown
    assert table.days_overdue.to_dict() == last.days_overdue.to_dict()


@pytest.mark.parametrize("name", SAMPLES)
def test_a_debt_grows_by_exactly_what_waiting_adds(name):
    case = load_sample(name)
    table = cost_of_waiting(case).table(WAITING_HORIZON)
    assert (table.owed_after == table.owed_now + table.added).all()
    owed = {d.id: d.owed_fen for d in case.debts}
    assert table.set_index("debt_id").owed_now.to_dict() == {i: owed[i] for i in table.debt_id}


def test_nothing_is_paid_while_waiting():
    cost = cost_of_waiting(load_sample("chen_jian_business_loss"))
    frame = cost.projection.frame()
    assert frame.paid.sum() == 0
    assert sum(frame[f"{b}_waived"].sum() for b in ("interest", "penalty", "charges")) == 0


def test_the_card_story_of_the_docs():
    """Zhang Wei's 招商银行 card, nothing paid for 3 months: 3,143.01 more, 132 days, doubtful."""
    row = cost_of_waiting(load_sample()).table(3).iloc[0]
    # interest 0.05% a day on principal and interest (30, 31 and 30 days from 2025-04-01):
    #   28,650.00 × 0.0005 × 30 = 429.75; 29,079.75 × 0.0005 × 31 = 450.74 (450.736);
    #   29,530.49 × 0.0005 × 30 = 442.96 (442.957): 1,323.45. No penalty interest on a card.
    # 违约金 5% of each unpaid minimum: the statement's 5,800.00 → 290.00; then 10% of the
    #   25,000 of purchases (2,500) + the 3,000 cash advance + the principal part of the minimum
    #   left unpaid (5,800 − 650 − 140 = 5,010) + interest 1,079.75 + charges 430.00 =
    #   12,019.75 → 600.99 (600.9875); then 2,500 + 3,000 + 10,510 + 1,530.49 + 1,030.99 =
    #   18,571.48 → 928.57 (928.574): 290.00 + 600.99 + 928.57 = 1,819.56
    assert (row.debt_id, row.interest, row.penalty, row.charges) == ("d1", 132345, 0, 181956)
    assert (row.days_overdue_now, row.days_overdue, row.class_now, row.class_after) == (
        42,
        132,
        "special_mention",
        "doubtful",
    )


def _class_by_hand(days: int, card: bool) -> str:
    """helpers.rules.overdue_class's docstring, written out: cards 1-90 days special mention,
    91-120 substandard, 121-180 doubtful, over 180 loss; other loans 1-90, over 90, over 270,
    over 360."""
    firsts = (181, 121, 91, 1) if card else (361, 271, 91, 1)
    names = ("loss", "doubtful", "substandard", "special_mention")
    return next((n for n, first in zip(names, firsts, strict=True) if days >= first), "normal")


def test_classes_follow_the_days_overdue_and_the_kind_of_debt():
    case = load_sample("chen_jian_business_loss")
    cost = cost_of_waiting(case)
    seen = set()
    for debt in cost.debts:
        card = case.debt(debt.debt_id).kind == LenderKind.CREDIT_CARD
        for days, overdue in zip(debt.days_overdue, debt.classes, strict=True):
            if debt.reported:
                assert overdue.value == _class_by_hand(days, card)
                seen.add((card, overdue.value))
            else:
                assert overdue is None
    # the thresholds of both kinds are crossed: a card is a loss after 180 days (d6, 183 days
    # at 2026-05), a bank loan still substandard (d3, 185 days at 2026-03) until 270
    assert seen == {
        (True, "special_mention"),
        (True, "substandard"),
        (True, "doubtful"),
        (True, "loss"),
        (False, "substandard"),
        (False, "doubtful"),
        (False, "loss"),
    }
    assert (cost.debt("d6").days_overdue[4], cost.debt("d6").classes[4].value) == (183, "loss")
    assert (cost.debt("d3").days_overdue[2], cost.debt("d3").classes[2].value) == (
        185,
        "substandard",
    )


def test_a_private_loan_has_no_class_but_still_grows():
    table = cost_of_waiting(load_sample("chen_jian_business_loss")).table(6)
    friend = table.set_index("debt_id").loc["d7"]
    assert friend.class_now is None and friend.class_after is None
    assert friend.added > 0 and friend.days_overdue > 157


def test_secured_debts_are_left_out_unless_asked_for():
    case = load_sample("chen_jian_business_loss")
    assert cost_of_waiting(case).left_out == ("d1", "d2")
    assert [d.debt_id for d in cost_of_waiting(case).debts] == ["d3", "d4", "d5", "d6", "d7"]
    every = cost_of_waiting(case, include_secured=True)
    assert every.left_out == () and len(every.debts) == 7


def test_a_case_with_only_secured_debts_waits_for_nothing():
    case = load_sample("chen_jian_business_loss")
    only = case.model_copy(update={"debts": case.debts[:2]})
    cost = cost_of_waiting(only, horizon=3)
    assert cost.debts == () and cost.table(3).empty
    summary = cost.summary(3)
    assert (summary.added_fen, summary.debts, summary.worst) == (0, 0, OverdueClass.NORMAL)
    assert summary.record_clears is None
    assert "no reported debt is overdue" in summary.record_text("en")


def test_the_months_of_waiting_must_lie_within_the_horizon():
    cost = cost_of_waiting(load_sample(), horizon=6)
    with pytest.raises(ValueError, match="from 1 to 6"):
        cost.table(7)
    with pytest.raises(ValueError):
        cost.summary(0)


class TestSummary:
    def test_a_month_of_waiting_adds_each_debts_interest_penalty_and_charges(self):
        """Li Na pays nothing from 2025-09-10 to 2025-10-10 (30 days)."""
        cost = cost_of_waiting(load_sample("li_na_illness"))
        # d1 中信 card: 0.05% a day on principal and interest, (18,600 + 1,120) × 0.0005 × 30 =
        #   295.80; no penalty interest on a card; 违约金 5% of the unpaid minimum 4,960: 248.00
        # d2 微粒贷, one instalment missed (08-12), due on the 12th: 2 days before 09-12, 28 from
        #   it. 17 level instalments (16 left + 1 missed) of 16,000 at 0.03% × 360 / 12 = 0.9% a
        #   month are 1,019.23; the missed one's principal is 1,019.23 − 16,000 × 0.9% = 875.23,
        #   so 15,124.77 is current, of which 1,019.23 − 136.12 = 883.11 falls due on 09-12.
        #   Interest by the day: 15,124.77 × 0.0003 × 2 = 9.07, then 14,241.66 × 0.0003 × 28
        #   = 119.63: 128.70. Penalty at 1.5 × 0.03% = 0.045% a day: before 09-12 875.23 × 2
        #   → 0.79 and compound 96.00 × 2 → 0.09; from it (875.23 × 28 + 883.11 × 27) → 21.76
        #   and compound (96.00 × 28 + 9.07 × 27) → 1.32: 23.96
        # d3 马上: 9,200 × 22.8% / 12 = 174.80; its 09-18 instalment of 1,121.77 (946.97
        #   principal) goes unpaid and bears 22.8% × 1.5 / 360 = 0.095% a day from 09-19 to
        #   10-09 (21 days): 946.97 → 18.89, compound on 174.80 → 3.49: 22.38
        # d4 交通 账单分期: fee 0.6% of the original 12,000 = 72.00; 5% of the unpaid instalment
        #   1,000 + 72: 53.60
        assert level_instalment_fen(1_600_000, 0.0003 * 360 / 12, 17) == 101923
        table = cost.table(1)
        assert table.interest.tolist() == [29580, 12870, 17480, 7200]
        assert table.penalty.tolist() == [0, 2396, 2238, 0]
        assert table.charges.tolist() == [24800, 0, 0, 5360]
        summary = cost.summary(1)
        # 295.80 + 128.70 + 174.80 + 72.00; 23.96 + 22.38; 248.00 + 53.60
        assert (summary.interest_fen, summary.penalty_fen, summary.charges_fen) == (
            67130,
            4634,
            30160,
        )
        assert summary.added_fen == 101924  # 671.30 + 46.34 + 301.60

    def test_totals_are_what_a_separate_projection_accrues(self):
        case = load_sample("li_na_illness")
        cost = cost_of_waiting(case)
        for months in (5, 23):
            summary, (sums, _) = cost.summary(months), _engine_sums(case, months)
            assert summary.interest_fen == sums.interest_accrued.sum()
            assert summary.penalty_fen == sums.penalty_accrued.sum()
            assert summary.charges_fen == sums.charges_accrued.sum()
            assert summary.added_fen == sums.to_numpy().sum()

    def test_the_short_cut_gives_what_the_long_projection_gives(self):
        case = load_sample("wang_fang_income_drop")
        assert waiting_summary(case, 3) == cost_of_waiting(case).summary(3)

    def test_debts_passing_90_days_are_named_once(self):
        summary = cost_of_waiting(load_sample()).summary(3)
        assert summary.past_due == ("d1", "d3")
        # 3 more months later they are already past 90 days and not new
        assert cost_of_waiting(load_sample()).summary(6).past_due == ("d1", "d2", "d3", "d4")

    def test_the_record_clears_five_years_after_the_wait_ends(self):
        case = load_sample()
        summary = cost_of_waiting(case).summary(6)
        assert summary.default_ends == add_months("2025-04", 6) == "2025-10"
        assert summary.record_clears == "2030-10"
        assert "2030-10" in summary.record_text("zh-CN")
        assert "征信业管理条例" in summary.record_text("zh-CN")

    def test_the_sentence_gives_the_amounts_in_both_languages(self):
        summary = waiting_summary(load_sample(), 3)
        for lang in ("en", "zh-CN"):
            text = summary.render(lang)
            for fen in (summary.added_fen, summary.interest_fen, summary.charges_fen):
                assert format_fen(fen, lang) in text
        assert "non-performing" in summary.render("en") and "不良" in summary.render("zh-CN")

    def test_one_debt_is_a_debt(self):
        case = load_sample()
        one = case.model_copy(update={"debts": case.debts[:1]})
        assert "to 1 debt:" in waiting_summary(one, 2).render("en")


class TestStanding:
    def test_each_debt_stands_at_what_it_owes_its_days_and_its_all_in_rate(self):
        standing = debt_standing(load_sample("li_na_illness"))
        # the sample's principal + interest + charges: 18,600 + 1,120 + 310; 16,000 + 96
        assert [s.owed_fen for s in standing] == [2003000, 1609600, 920000, 800000]
        assert [s.days_overdue for s in standing] == [75, 29, 0, 0]
        # all-in nominal rates: 0.05% × 365 days; 0.03% × 360 days; 12,000 at 22.8% over 12
        # months with 360 taken up front (11,640 received for 12 × 1,127.76); 12 × 1,072 for
        # 12,000 (1,000 a month and a fee of 0.6% on 12,000): the last two by numpy-financial
        assert level_instalment_fen(1_200_000, 0.228 / 12, 12) == 112776
        by_npf = [
            12 * npf.rate(12, -112776, 1_164_000, 0),
            12 * npf.rate(12, -107200, 1_200_000, 0),
        ]
        assert [round(float(rate), 4) for rate in by_npf] == [0.2878, 0.1303]
        assert [round(s.rate.nominal_annual_rate, 4) for s in standing] == [
            0.1825,
            0.108,
            0.2878,
            0.1303,
        ]

    def test_lines_crossed_in_short_and_in_full(self):
        standing = debt_standing(load_sample("chen_jian_business_loss"))
        friend, micro = standing[6], standing[3]
        assert friend.crossed_text("en") == "all-in 15.00% > 13.40%"
        assert friend.crossed_text("zh-CN") == "综合年化 15.00% > 13.40%"
        assert "Civil Code" not in friend.crossed_text("en")
        assert "SPC Provisions on Private Lending" in friend.crossed_details("en")
        assert micro.crossed_text("en").startswith("all-in ")
        assert standing[0].crossed_text("en") == "none" and standing[0].crossed_details("en") == ""

    def test_the_class_now_follows_the_days_overdue(self):
        standing = debt_standing(load_sample("chen_jian_business_loss"))
        assert [s.class_now.value if s.class_now else None for s in standing] == [
            "normal",
            "normal",
            "substandard",  # a loan 96 days overdue
            "substandard",
            "substandard",  # a card 103 days overdue
            "special_mention",
            None,  # a private loan is not reported
        ]

    @pytest.mark.parametrize("lang", ["en", "zh-CN"])
    def test_the_frame_has_translated_headers_and_a_row_per_debt(self, lang):
        case = load_sample("chen_jian_business_loss")
        frame = standing_frame(case, lang)
        assert list(frame.columns) == [
            t(f"debts.waiting.scol_{c}", lang) for c in STANDING_COLUMNS
        ]
        assert len(frame) == 7
        assert frame.iloc[6, -1] == t("debts.waiting.not_reported", lang)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_waiting_frame_is_in_yuan_with_classes_named(lang):
    cost = cost_of_waiting(load_sample())
    frame = cost.frame(3, lang)
    table = cost.table(3)
    assert len(frame.columns) == len(WAITING_COLUMNS)
    assert table.added[0] == 314301
    assert frame.iloc[0, 6] == 3143.01  # 1,323.45 + 1,819.56 (test_the_card_story_of_the_docs)
    assert frame.iloc[0, -1] == t("rules.overdue_class.doubtful", lang)


def test_a_card_whose_minimum_is_the_balance_costs_more_to_wait_than_its_line():
    # 1,000.00 on a card, 0.05% a day, due day 20, minimum 50% of purchases, nothing paid
    # (tests/test_engine.py works the months out by hand): 1,040.00, 1,107.73, 1,178.58 and
    # 1,253.73 owed at the ends of April … July. Its contract rate, 18.25% a year, is under the
    # 24% line; what waiting costs is not.
    case = Case.model_validate({"as_of": "2025-04-01", "debts": [
        {"id": "c", "lender": "bank", "kind": "credit_card", "principal": 1000,
         "daily_rate": 0.0005, "due_day": 20, "minimum_payment_rate": 0.5}]})  # fmt: skip
    card = cost_of_waiting(case, horizon=4).debt("c")
    assert card.owed_fen == (104000, 110773, 117858, 125373)
    assert card.line_rate == 0.24
    # one month: 40.00 / 1,000 × 12 = 48%; four: 253.73 / 1,000 × 12 / 4 = 76.119%
    assert card.waiting_rate(1) == pytest.approx(0.48)
    assert card.waiting_rate(4) == pytest.approx(0.76119)
    assert card.over_line(4)
    table = cost_of_waiting(case, horizon=4).table(4)
    assert table.waiting_rate.tolist() == [pytest.approx(0.76119)]
    summary = cost_of_waiting(case, horizon=4).summary(4)
    assert summary.over_line == (("c", pytest.approx(0.76119), 0.24),)
    assert "c (76.12% > 24.00%)" in summary.render("en")


def test_a_loan_at_its_contract_rate_while_current_does_not_cross_its_line():
    # a private loan at 10% a year, nothing overdue, no due day: waiting a month adds 10% / 12
    # of the principal, 10% a year, under its line of 4 × LPR at the contract date
    case = Case.model_validate({"as_of": "2025-06-01", "debts": [
        {"id": "p", "lender": "friend", "kind": "private", "principal": 12000,
         "annual_rate": 0.10, "contract_date": "2025-06-01"}]})  # fmt: skip
    debt = cost_of_waiting(case, horizon=2).debt("p")
    assert debt.owed_fen[0] == 1_210_000  # 12,000 + 100.00
    assert debt.waiting_rate(1) == pytest.approx(0.10)
    assert debt.line_rate == pytest.approx(0.12)  # 4 × 3.00%
    assert not debt.over_line(1)
