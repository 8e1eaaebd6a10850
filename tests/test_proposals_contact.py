"""Which lender, when: next due dates, contact-by dates, channels and the order of contact.

Dates are worked by hand in the comments: contact by = next due − 7 calendar days, or the
case's date when that is past, the debt is overdue, or it has no due day.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from helpers.case import Case, list_samples, load_sample
from helpers.plans import Reinstalment, Settlement, StatusQuo
from helpers.proposals import (
    CONTACT_COLUMNS,
    CONTACT_LEAD_DAYS,
    Channel,
    ChannelReason,
    Timing,
    contact_date,
    contact_frame,
    contact_lines,
    contact_plan,
    next_due_date,
    suggested_channel,
)
from helpers.scenarios import Scenario, scenario_to_data

# what an unfilled text shows: a missing value, a raw message key, a placeholder
GAPS = re.compile(r"\bNone\b|\bnan\b|\b(?:proposals\.)\w|[{}]")

CARD = {"kind": "credit_card", "daily_rate": 0.0005, "statement_day": 1}
LOAN = {"kind": "consumer_finance", "annual_rate": 0.2}


def _case(as_of: str, *debts: dict) -> Case:
    rows = [
        {"id": f"d{k}", "lender": f"L{k}", "principal": 1000, **d} for k, d in enumerate(debts, 1)
    ]
    return Case.model_validate({"as_of": as_of, "debts": rows})


class TestNextDueDate:
    def test_due_day_31_in_february_falls_on_its_last_day(self):
        # February 2025 has 28 days; 2024 was a leap year: 29
        assert next_due_date(date(2025, 2, 1), 31) == date(2025, 2, 28)
        assert next_due_date(date(2024, 2, 10), 30) == date(2024, 2, 29)

    def test_a_due_day_already_past_this_month_is_next_months(self):
        # 31 January: the 15th has passed; 15 February
        assert next_due_date(date(2025, 1, 31), 15) == date(2025, 2, 15)
        # 31 January, due the 28th: not 27 February (the engine's month ends on the 28th), 28 Feb
        assert next_due_date(date(2025, 1, 31), 28) == date(2025, 2, 28)

    def test_the_year_turns(self):
        assert next_due_date(date(2025, 12, 20), 5) == date(2026, 1, 5)

    def test_a_due_date_on_the_case_date_is_the_next_one(self):
        assert next_due_date(date(2025, 4, 20), 20) == date(2025, 4, 20)

    def test_no_due_day_no_date(self):
        assert next_due_date(date(2025, 4, 1), None) is None


class TestContactDate:
    def test_a_week_before_the_due_date(self):
        assert CONTACT_LEAD_DAYS == 7
        # due 27 April − 7 = 20 April
        assert contact_date(date(2025, 4, 1), date(2025, 4, 27), 0) == (
            date(2025, 4, 20),
            Timing.BEFORE_DUE,
        )
        # across a month: due 3 May − 7 = 26 April
        assert contact_date(date(2025, 4, 1), date(2025, 5, 3), 0)[0] == date(2025, 4, 26)

    def test_a_due_date_within_the_week_means_now(self):
        # due 8 April − 7 = 1 April = the case's date: now
        assert contact_date(date(2025, 4, 1), date(2025, 4, 8), 0) == (
            date(2025, 4, 1),
            Timing.DUE_SOON,
        )
        # due 9 April − 7 = 2 April: still a day to spare
        assert contact_date(date(2025, 4, 1), date(2025, 4, 9), 0)[1] == Timing.BEFORE_DUE

    def test_an_overdue_debt_is_contacted_now_whatever_its_due_date(self):
        assert contact_date(date(2025, 4, 1), date(2025, 4, 30), 1) == (
            date(2025, 4, 1),
            Timing.OVERDUE,
        )

    def test_no_due_day_means_now(self):
        assert contact_date(date(2025, 4, 1), None, 0) == (date(2025, 4, 1), Timing.NO_DUE_DAY)


class TestChannel:
    def test_a_card_needing_an_agreement_gets_a_written_application(self):
        card = _case("2025-04-01", {**CARD, "due_day": 20}).debts[0]
        assert suggested_channel(card) == (Channel.WRITTEN, ChannelReason.CARD_AGREEMENT)
        assert suggested_channel(card, Reinstalment(24))[0] == Channel.WRITTEN

    def test_a_card_paid_as_agreed_needs_only_a_call(self):
        card = _case("2025-04-01", {**CARD, "due_day": 20}).debts[0]
        assert suggested_channel(card, StatusQuo("minimum"))[0] == Channel.HOTLINE

    def test_a_settlement_is_confirmed_in_writing(self):
        loan = _case("2025-04-01", {**LOAN, "due_day": 5}).debts[0]
        assert suggested_channel(loan, Settlement(month=1, discount=0.3)) == (
            Channel.WRITTEN,
            ChannelReason.SETTLEMENT,
        )
        assert suggested_channel(loan, Reinstalment(12))[0] == Channel.HOTLINE

    def test_a_relatives_loan_is_talked_over_in_person(self):
        relative = _case("2025-04-01", {"kind": "private", "annual_rate": 0}).debts[0]
        assert suggested_channel(relative) == (Channel.IN_PERSON, ChannelReason.RELATIVE)
        assert suggested_channel(relative, Settlement(month=1, discount=0.3))[0] == (
            Channel.IN_PERSON
        )

    def test_a_platform_is_reached_through_its_app(self):
        platform = _case(
            "2025-04-01", {"kind": "online_platform", "daily_rate": 0.0004, "due_day": 8}
        ).debts[0]
        assert suggested_channel(platform) == (Channel.ONLINE_CHAT, ChannelReason.PLATFORM_APP)


class TestContactPlan:
    def test_zhang_wei_overdue_first_then_the_week_then_the_cousin_then_the_27th(self):
        plan = contact_plan(load_sample())
        # d1 42 days overdue, d3 16: now; d4 due 8 April − 7 = 1 April: now; d5 no due day
        # (not reported, so after the reported ones); d2 due 27 April − 7 = 20 April
        assert [(c.order, c.debt_id, c.contact_by, c.timing) for c in plan] == [
            (1, "d1", date(2025, 4, 1), Timing.OVERDUE),
            (2, "d3", date(2025, 4, 1), Timing.OVERDUE),
            (3, "d4", date(2025, 4, 1), Timing.DUE_SOON),
            (4, "d5", date(2025, 4, 1), Timing.NO_DUE_DAY),
            (5, "d2", date(2025, 4, 20), Timing.BEFORE_DUE),
        ]
        assert [c.next_due for c in plan] == [
            date(2025, 4, 20),
            date(2025, 4, 15),
            date(2025, 4, 8),
            None,
            date(2025, 4, 27),
        ]

    def test_secured_debts_are_left_out(self):
        plan = contact_plan(load_sample("chen_jian_business_loss"))
        # d1 mortgage and d2 car run on; reported debts by days overdue (111, 103, 96, 33),
        # then the friend's loan, 157 days overdue but not reported
        assert [c.debt_id for c in plan] == ["d4", "d5", "d3", "d6", "d7"]

    def test_a_tie_goes_to_the_larger_balance(self):
        # both due 31 → 30 April; 30 − 7 = 23 April
        case = _case(
            "2025-04-01",
            {**LOAN, "due_day": 31, "principal": 500},
            {**LOAN, "due_day": 30, "principal": 900},
        )
        plan = contact_plan(case)
        assert [(c.debt_id, c.contact_by) for c in plan] == [
            ("d2", date(2025, 4, 23)),
            ("d1", date(2025, 4, 23)),
        ]

    def test_due_day_31_in_february(self):
        # 1 Feb 2025, due the 31st → 28 February; 28 − 7 = 21 February
        (contact,) = contact_plan(_case("2025-02-01", {**CARD, "due_day": 31}))
        assert (contact.next_due, contact.contact_by) == (date(2025, 2, 28), date(2025, 2, 21))

    def test_the_chosen_scenario_sets_the_channel(self):
        case = load_sample()
        mine = Scenario("mine", {"d1": StatusQuo("minimum"), "d3": Settlement(1, discount=0.2)})
        case = case.model_copy(update={"chosen_scenario": scenario_to_data(mine)})
        channels = {c.debt_id: (c.channel, c.needs_agreement) for c in contact_plan(case)}
        assert channels["d1"] == (Channel.HOTLINE, False)
        assert channels["d3"] == (Channel.WRITTEN, True)
        assert channels["d2"] == (Channel.WRITTEN, True)  # no plan: an agreement is sought

    def test_plans_given_override_the_case(self):
        plan = contact_plan(load_sample(), {"d2": StatusQuo("minimum")})
        assert {c.debt_id: c.channel for c in plan}["d2"] == Channel.HOTLINE

    def test_a_choice_that_no_longer_reads_is_ignored(self):
        case = load_sample().model_copy(update={"chosen_scenario": {"plans": {"d1": {}}}})
        assert contact_plan(case) == contact_plan(load_sample())


class TestRendering:
    def test_the_overdue_card_line_in_both_languages(self):
        first = contact_plan(load_sample())[0]
        zh, en = (contact_lines([first], lang)[0] for lang in ("zh-CN", "en"))
        assert zh.startswith(
            "1. 招商银行（d1）：已逾期 42 天：现在（2025-04-01）就联系。渠道：书面申请。"
        )
        assert "第七十条" in zh
        assert en.startswith("1. 招商银行 (d1): 42 days overdue: contact now (2025-04-01).")
        assert "art. 70" in en

    def test_one_day_overdue_is_singular(self):
        (contact,) = contact_plan(_case("2025-04-01", {**LOAN, "due_day": 5, "days_overdue": 1}))
        assert "1 day overdue:" in contact_lines([contact], "en")[0]

    def test_the_frame_has_a_column_per_name_and_a_row_per_lender(self):
        frame = contact_frame(contact_plan(load_sample()), "en")
        assert len(frame.columns) == len(CONTACT_COLUMNS) and len(frame) == 5
        assert frame.iloc[4, 3:5].tolist() == ["2025-04-27", "2025-04-20"]

    @pytest.mark.parametrize("name", list_samples())
    @pytest.mark.parametrize("lang", ["zh-CN", "en"])
    def test_every_sample_reads_without_gaps(self, name, lang):
        plan = contact_plan(load_sample(name))
        text = "\n".join(contact_lines(plan, lang))
        text += contact_frame(plan, lang).to_string()
        assert GAPS.search(text) is None, text
