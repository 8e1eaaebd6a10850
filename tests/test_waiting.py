"""The cost of waiting, reconciled with the engine, and where each debt stands."""

from __future__ import annotations

import pytest

from helpers.case import LenderKind, list_samples, load_sample
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
from helpers.rules import OverdueClass, audit, overdue_class

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
@pytest.mark.parametrize("months", [1, 3, 24])
def test_what_waiting_adds_equals_the_engines_accrued_sums(name, months):
    case = load_sample(name)
    table = cost_of_waiting(case).table(months).set_index("debt_id")
    sums, last = _engine_sums(case, months)
    assert table.interest.to_dict() == sums.interest_accrued.to_dict()
    assert table.penalty.to_dict() == sums.penalty_accrued.to_dict()
    assert table.charges.to_dict() == sums.charges_accrued.to_dict()
    assert (table.added == table.interest + table.penalty + table.charges).all()
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
    assert (row.debt_id, row.interest, row.penalty, row.charges) == ("d1", 132345, 0, 181956)
    assert (row.days_overdue_now, row.days_overdue, row.class_now, row.class_after) == (
        42,
        132,
        "special_mention",
        "doubtful",
    )


def test_classes_follow_the_days_overdue_and_the_kind_of_debt():
    case = load_sample("chen_jian_business_loss")
    cost = cost_of_waiting(case)
    for debt in cost.debts:
        kind = case.debt(debt.debt_id).kind
        for days, overdue in zip(debt.days_overdue, debt.classes, strict=True):
            if debt.reported:
                assert overdue == overdue_class(days, card=kind == LenderKind.CREDIT_CARD)
            else:
                assert overdue is None


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
    def test_totals_are_the_tables_totals(self):
        cost = cost_of_waiting(load_sample("li_na_illness"))
        for months in (1, 5, 24):
            table, summary = cost.table(months), cost.summary(months)
            assert summary.interest_fen == table.interest.sum()
            assert summary.penalty_fen == table.penalty.sum()
            assert summary.charges_fen == table.charges.sum()
            assert summary.added_fen == table.added.sum()

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
    def test_rates_come_from_the_audit(self):
        case = load_sample("li_na_illness")
        for standing, debt in zip(debt_standing(case), case.debts, strict=True):
            expected = audit(debt, as_of=case.as_of).all_in
            assert standing.rate == expected
            assert standing.owed_fen == debt.owed_fen
            assert standing.days_overdue == debt.days_overdue

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
        assert list(frame.columns) == [t(f"waiting.scol_{c}", lang) for c in STANDING_COLUMNS]
        assert len(frame) == 7
        assert frame.iloc[6, -1] == t("waiting.not_reported", lang)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_waiting_frame_is_in_yuan_with_classes_named(lang):
    cost = cost_of_waiting(load_sample())
    frame = cost.frame(3, lang)
    table = cost.table(3)
    assert len(frame.columns) == len(WAITING_COLUMNS)
    assert frame.iloc[0, 6] == table.added[0] / 100
    assert frame.iloc[0, -1] == t("overdue_class.doubtful", lang)
