"""The scalar engine, to the fen: hand-worked schedules, every plan kind, reconciliation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.case import Case, list_samples, load_sample
from helpers.engine import BUCKETS, STAGES, payment_check, project
from helpers.plans.kinds import (
    CustomSchedule,
    Holiday,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
    plan_warnings,
)
from tests.strategies import scenarios


def one_debt(as_of="2025-04-01", **debt) -> Case:
    return Case.model_validate({"as_of": as_of, "debts": [{"id": "x", "lender": "x", **debt}]})


def run(case, plan=None, *, months=6, means=0, prepay=False, **kwargs):
    plans = {"x": plan} if plan is not None else {}
    means_fen = [means] * months if isinstance(means, int) else means
    result = project(case, plans, horizon=months, means_fen=means_fen, prepay=prepay, **kwargs)
    return result.frame()


def owed(frame):
    return (sum(frame[f"{b.value}_closing"] for b in BUCKETS)).tolist()


class TestPinnedValues:
    def test_100000_at_4_35_percent_over_60_equal_payments(self):
        loan = one_debt(
            kind="bank_loan",
            principal=100000,
            annual_rate=0.0435,
            remaining_term_months=60,
            due_day=10,
        )
        paid = run(loan, months=60, means=10**9).paid.tolist()
        assert paid == [185749] * 59 + [185740]

    def test_a_12000_card_instalment_over_12_months_at_a_0_6_percent_fee(self):
        plan = one_debt(
            kind="credit_card",
            principal=12000,
            monthly_fee_rate=0.006,
            original_principal=12000,
            original_term_months=12,
            remaining_term_months=12,
            due_day=2,
        )
        assert run(plan, months=13, means=10**9).paid.tolist() == [107200] * 12 + [0]

    def test_the_card_worked_example_of_domain_md(self):
        # statement 2025-04-01 (the as-of date), due day 20, 0.05% a day on 365 days,
        # statement 10,000.00, minimum 1,000.00, nothing paid
        card = one_debt(
            kind="credit_card",
            principal=10000,
            daily_rate=0.0005,
            due_day=20,
            minimum_due=1000,
            credit_limit=20000,
        )
        first = run(card, StatusQuo("nothing"), months=1).iloc[0]
        assert first.interest_accrued == 15000  # 10,000.00 × 0.05% × 30 days
        assert first.charges_accrued == 5000  # 违约金 5% × unpaid minimum 1,000.00
        assert owed(run(card, StatusQuo("nothing"), months=1)) == [1020000]


class TestSixMonthsByHand:
    def test_an_overdue_card_left_unpaid(self):
        # Statement 2025-04-01: principal 10,000.00, interest 120.00, charges 25.00; minimum
        # 1,645.00 of which 500.00 was last month's unpaid minimum (due 03-20: 12 days overdue).
        # Each month: interest = (principal + interest) × 0.05% × days (no interest on charges);
        # the minimum = 10% × principal + interest + charges + the principal part of earlier
        # unpaid minimums; 违约金 = 5% × the unpaid minimum.
        card = one_debt(
            kind="credit_card",
            principal=10000,
            interest=120,
            charges=25,
            daily_rate=0.0005,
            due_day=20,
            minimum_due=1645,
            minimum_unpaid=500,
            days_overdue=12,
            credit_limit=20000,
        )
        frame = run(card)
        # Apr (30 d): 10,120.00 × 0.0005 × 30 = 151.80;   违约金 1,645.00 × 5% = 82.25
        # May (31 d): 10,271.80 × 0.0005 × 31 = 159.21;   minimum 1,000 + 271.80 + 107.25 + 1,500
        #             = 2,879.05, 违约金 143.95
        # Jun (30 d): 10,431.01 × 0.0005 × 30 = 156.47;   minimum 1,000 + 431.01 + 251.20 + 2,500
        #             = 4,182.21, 违约金 209.11
        # Jul (31 d): 10,587.48 × 0.0005 × 31 = 164.11;   minimum 5,547.79, 违约金 277.39
        # Aug (31 d): 10,751.59 × 0.0005 × 31 = 166.65;   minimum 6,989.29, 违约金 349.46
        # Sep (30 d): 10,918.24 × 0.0005 × 30 = 163.77;   minimum 8,505.40, 违约金 425.27
        assert frame.interest_accrued.tolist() == [15180, 15921, 15647, 16411, 16665, 16377]
        assert frame.charges_accrued.tolist() == [8225, 14395, 20911, 27739, 34946, 42527]
        assert frame.scheduled_due.tolist() == [164500, 287905, 418221, 554779, 698929, 850540]
        assert owed(frame) == [1037905, 1068221, 1104779, 1148929, 1200540, 1259444]
        # days since the unpaid 03-20 due date, at each month's last day
        assert frame.days_overdue.tolist() == [41, 72, 102, 133, 164, 194]

    def test_an_overdue_consumer_loan_with_penalty_and_compound_interest(self):
        # 12,000.00 left at 18% a year (1.5% a month), 11 instalments to come; the 03-10
        # instalment of 1,100.16 (920.16 principal, 180.00 interest) is 22 days overdue.
        # Penalty = 18% × 1.5 = 27% a year = 0.075% a day, on overdue principal (罚息) and on
        # overdue interest (复利). After 3 missed instalments the loan is called in.
        loan = one_debt(
            kind="consumer_finance",
            principal=12000,
            interest=180,
            annual_rate=0.18,
            remaining_term_months=11,
            due_day=10,
            days_overdue=22,
        )
        frame = run(loan)
        # By the day (DESIGN.md "Time"): April is 04-01..04-30, due 04-10, so 9 days before the
        # due day and 21 from it. What was overdue bears penalty every day; what falls overdue
        # on 04-10 from 04-11 (20 days).
        # Apr: interest 11,079.84 × 1.5% = 166.20 (by the month); the instalment 1,100.16
        #      (933.96 principal) goes unpaid.
        #      penalty, before 04-10: 920.16 × 0.075% × 9 = 6.21; compound 180.00 × 0.075% × 9
        #      = 1.22 (1.215 half-up); from 04-10: (920.16 × 21 + 933.96 × 20) × 0.075%
        #      = 38,002.56 × 0.075% = 28.50; compound (180.00 × 21 + 166.20 × 20) × 0.075%
        #      = 7,104.00 × 0.075% = 5.33;  April 41.26 (counting only whole months: 24.75)
        # May: interest 10,145.88 × 1.5% = 152.19; before 05-10: 1,854.12 × 0.075% × 9 = 12.52,
        #      346.20 × 0.075% × 9 = 2.34; the third missed instalment calls the whole loan in
        #      on 05-10, so from 05-11 (21 days) all 12,000.00 bears penalty: (1,854.12 × 22 +
        #      10,145.88 × 21) × 0.075% = 190.39; compound (346.20 × 22 + 152.19 × 21) × 0.075%
        #      = 8.11;  May 213.36
        # Jun: 12,000.00 × 0.075% × 30 = 270.00 in two postings (81.00 + 189.00), compound
        #      498.39 × 0.075% × 9 = 3.36 and × 21 = 7.85;  281.21
        # Jul, Aug (31 d): 81.00 + 3.36 + 198.00 + 8.22 = 290.58;   Sep: 281.21
        assert frame.interest_accrued.tolist() == [16620, 15219, 0, 0, 0, 0]
        assert frame.penalty_accrued.tolist() == [4126, 21336, 28121, 29058, 29058, 28121]
        # due: the instalment 1,100.16 + arrears 1,107.59 (920.16 + 180.00 + 7.43 of penalty
        # before the due day); then 1,100.16 + 2,256.44 (1,854.12 + 346.20 + 56.12); then
        # everything owed on the due day
        assert frame.scheduled_due.tolist() == [220775, 335660, 1283737, 1311858, 1340916, 1369974]
        # 12,000 + 346.20 + 41.26 = 12,387.46; + 152.19 + 213.36 = 12,753.01; …
        assert owed(frame) == [1238746, 1275301, 1303422, 1332480, 1361538, 1389659]
        assert frame.days_overdue.tolist() == [51, 82, 112, 143, 174, 204]
        # the month it was called in, as the projection records it (May, month 1)
        assert project(loan, horizon=6, means_fen=[0] * 6).called_due == {"x": 1}

    def test_two_instalments_behind_bear_penalty_by_the_day_around_the_15th(self):
        # 10,000.00 at 24% a year (2% a month), 12 instalments of 945.60 from 2025-02-15; the
        # 02-15 and 03-15 ones are unpaid (45 days overdue on 2025-04-01): overdue principal
        # 745.60 + 760.51 = 1,506.11 (interest 200.00 and 185.09). Penalty 24% × 1.5 = 36% a
        # year = 0.1% a day (rate / 360); no compounding, no acceleration. Nothing is paid.
        # The current 8,493.89 over 10 months at 2%: 945.60 a month. Due on the 15th: 14 days
        # before it, then 16 (Apr), 17 (May), 16 (Jun) from it.
        loan = one_debt(kind="consumer_finance", principal=10000, interest=385.09,
                        annual_rate=0.24, remaining_term_months=10, due_day=15,
                        days_overdue=45, compound_overdue_interest=False,
                        acceleration_after_missed=0)  # fmt: skip
        frame = run(loan, months=3)
        # Apr: 1,506.11 × 0.1% × 14 = 21.09; interest 8,493.89 × 2% = 169.88, so 775.72 of
        #      principal falls overdue on 04-15: (1,506.11 × 16 + 775.72 × 15) × 0.1% = 35.73;
        #      56.82 in all
        # May: 2,281.83 × 0.1% × 14 = 31.95; interest 7,718.17 × 2% = 154.36; 791.24 falls
        #      overdue: (2,281.83 × 17 + 791.24 × 16) × 0.1% = 51.45; 83.40
        # Jun: 3,073.07 × 0.1% × 14 = 43.02; interest 138.54; 807.06 falls overdue:
        #      (3,073.07 × 16 + 807.06 × 15) × 0.1% = 61.28; 104.30
        # Three months: 244.52. Charging each month on its opening arrears only would give
        # 45.18 + 70.74 + 92.19 = 208.11, 15% short.
        assert frame.penalty_accrued.tolist() == [5682, 8340, 10430]
        assert frame.interest_accrued.tolist() == [16988, 15436, 13854]
        # days overdue at each month's end, since 02-15, equal the days of penalty on that due
        assert frame.days_overdue.tolist() == [74, 105, 135]
        # owed: 10,000 + 385.09 + 169.88 + 56.82 = 10,611.79; + 154.36 + 83.40; + 138.54 + 104.30
        assert owed(frame) == [1061179, 1084955, 1109239]


# DOMAIN.md's worked example: statement date 2025-04-01 (the as-of date), due day 20, 10,000.00
# of purchases, minimum 1,000.00, 0.05% a day; a month runs from the 1st, so 19 days come
# before the due day in April (04-01..04-19) and 11 from it, 19 and 12 in May.
EXAMPLE_CARD = {"kind": "credit_card", "principal": 10000, "daily_rate": 0.0005, "due_day": 20,
                "minimum_due": 1000, "statement_day": 1, "credit_limit": 50000}  # fmt: skip


class TestCardCycles:
    def test_worked_example_a_nothing_paid(self):
        frame = run(one_debt(**EXAMPLE_CARD), months=2)
        # April: 10,000 × 0.05% × 30 = 150.00, billed 05-01; 违约金 5% of the unpaid 1,000.00
        # = 50.00; owed 10,200.00. May: (10,000 + 150.00) × 0.05% × 31 = 157.33 (billed
        # interest bears interest, the 违约金 none); the 05-01 minimum is 1,000.00 + 150.00 +
        # 50.00 + the unpaid 1,000.00 = 2,200.00, and its 违约金 110.00
        assert frame.interest_accrued.tolist() == [15000, 15733]
        assert frame.charges_accrued.tolist() == [5000, 11000]
        assert frame.scheduled_due.tolist() == [100000, 220000]
        assert owed(frame) == [1020000, 1046733]

    def test_worked_example_b_the_minimum_paid_on_the_due_day(self):
        frame = run(one_debt(**EXAMPLE_CARD), months=2, means=[100000, 0])
        # The 1,000.00 paid on 04-20 repays principal (nothing else is billed yet) and stops
        # interest on it from that day: 10,000 × 0.05% × 19 + 9,000 × 0.05% × 11 = 95.00 +
        # 49.50 = 144.50 (not 150.00), billed 05-01; the next minimum is 10% of 9,000.00 +
        # 144.50 = 1,044.50, with no 违约金 for April
        assert frame.principal_paid.tolist() == [100000, 0]
        assert frame.interest_accrued.tolist()[0] == 14450
        assert frame.charges_accrued.tolist()[0] == 0
        assert frame.scheduled_due.tolist() == [100000, 104450]

    def test_a_month_after_a_paid_minimum_asks_only_for_what_is_unpaid(self):
        frame = run(one_debt(**EXAMPLE_CARD), months=3, means=[100000, 104450, 0])
        # May's 1,044.50 paid on 05-20 settles the billed 144.50 first, then 900.00 of
        # principal. Interest: (9,000 + 144.50) × 0.05% × 19 = 86.88 until then, 8,100.00 ×
        # 0.05% × 12 = 48.60 after: one posting, 270,945.50 × 0.05% = 135.47. June's minimum
        # is 10% of 8,100.00 + 135.47 = 945.47: nothing already paid is asked again.
        assert frame.interest_paid.tolist() == [0, 14450, 0]
        assert frame.principal_paid.tolist() == [100000, 90000, 0]
        assert frame.interest_accrued.tolist()[1] == 13547
        assert frame.scheduled_due.tolist() == [100000, 104450, 94547]

    def test_a_card_left_unpaid_until_its_minimum_is_the_whole_balance(self):
        # 1,000.00, 0.05% a day, due day 20, minimum 50% of purchases; nothing paid.
        frame = run(one_debt(kind="credit_card", principal=1000, daily_rate=0.0005,
                             due_day=20, minimum_payment_rate=0.5), months=4)  # fmt: skip
        # Apr: minimum 500.00; interest 1,000 × 0.05% × 30 = 15.00; 违约金 5% × 500 = 25.00
        # May: minimum 500 + the unpaid 500 + 15.00 + 25.00 = 1,040.00, all that is owed;
        #      interest 1,015.00 × 0.05% × 31 = 15.73; 违约金 5% × 1,040.00 = 52.00
        # Jun: minimum = the balance 1,107.73; interest 1,030.73 × 0.05% × 30 = 15.46;
        #      违约金 5% × 1,107.73 = 55.39 (earlier 违约金 included, as banks' terms say)
        # Jul: minimum 1,178.58; interest 1,046.19 × 0.05% × 31 = 16.22; 违约金 58.93
        assert frame.scheduled_due.tolist() == [50000, 104000, 110773, 117858]
        assert frame.interest_accrued.tolist() == [1500, 1573, 1546, 1622]
        assert frame.charges_accrued.tolist() == [2500, 5200, 5539, 5893]
        # 1,253.73 owed after four months: waiting costs (1,253.73 − 1,000) / 1,000 × 12 / 4
        # = 76% a year, three times the 24% line a court applies
        assert owed(frame) == [104000, 110773, 117858, 125373]


class TestMonthlyBillsAndStatementFields:
    def test_a_monthly_bill_left_unpaid_goes_overdue_and_accrues_its_daily_rate(self):
        # A 花呗-like bill of 3,000.00 (billing: monthly, bill day 1, due day 10), 0.05% a day,
        # nothing paid (DOMAIN.md, "Platforms with a monthly bill"): no interest before the due
        # day; unpaid after it, overdue from the day after, accruing 0.05% a day as overdue
        # interest that bears none itself; no 违约金.
        bill = one_debt(kind="online_platform", principal=3000, daily_rate=0.0005,
                        billing="monthly", statement_day=1, due_day=10)  # fmt: skip
        frame = run(bill, months=3)
        # Apr: due 3,000.00 on 04-10, unpaid; 04-11..04-30 is 20 days: 3,000 × 0.05% × 20 = 30.00
        # May: 9 days before 05-10: 13.50; everything is due on 05-10 (3,043.50), unpaid; 22
        #      days from it: 33.00;  46.50
        # Jun: 13.50 + 21 days × 1.50 = 31.50;  45.00
        assert frame.penalty_accrued.tolist() == [3000, 4650, 4500]
        assert frame.interest_accrued.tolist() == [0, 0, 0]
        assert frame.charges_accrued.tolist() == [0, 0, 0]
        assert frame.scheduled_due.tolist() == [300000, 304350, 309000]
        assert owed(frame) == [303000, 307650, 312150]
        # overdue since 04-10: 20 days at 04-30, 51 at 05-31, 81 at 06-30
        assert frame.days_overdue.tolist() == [20, 51, 81]

    def test_the_lenders_own_instalment_is_used_as_given(self):
        # 10,000.00 at 24% (2% a month), 12 instalments left: the level instalment would be
        # 945.60, but the lender's statement says 1,000.00. Paid in full: April's 1,000.00 is
        # 200.00 interest + 800.00 principal; May's 2% of 9,200.00 = 184.00 + 816.00.
        loan = one_debt(kind="consumer_finance", principal=10000, annual_rate=0.24,
                        remaining_term_months=12, due_day=15, instalment=1000)  # fmt: skip
        frame = run(loan, months=2, means=10**7)
        assert frame.scheduled_due.tolist() == [100000, 100000]
        assert frame.interest_accrued.tolist() == [20000, 18400]
        assert frame.principal_paid.tolist() == [80000, 81600]

    def test_penalty_interest_already_accrued_is_owed_and_never_compounded(self):
        # A loan past its last instalment: 2,000.00 principal, 100.00 interest and 50.00 of
        # penalty and compound interest on the lender's statement; 18% a year, penalty 1.5 ×
        # = 0.075% a day, compounded on overdue interest; due on the 1st (the as-of day), so all
        # 30 days of April come after it. Penalty: 2,000 × 0.075% × 30 = 45.00, compound 100 ×
        # 0.075% × 30 = 2.25; the 50.00 bears nothing.
        loan = one_debt(kind="consumer_finance", principal=2000, interest=100,
                        penalty_interest=50, annual_rate=0.18, remaining_term_months=0,
                        due_day=1, days_overdue=40)  # fmt: skip
        frame = run(loan, months=1)
        assert frame.penalty_opening.tolist() == [5000]
        assert frame.penalty_accrued.tolist() == [4725]
        assert frame.scheduled_due.tolist() == [215000]  # everything owed on the 1st
        assert owed(frame) == [219725]


LOAN = {
    "kind": "bank_loan",
    "principal": 11500,
    "interest": 300,
    "charges": 200,
    "annual_rate": 0.12,
    "remaining_term_months": 12,
    "due_day": 15,
}


class TestPlanKinds:
    def test_status_quo_pays_nothing_the_contract_or_a_fixed_amount(self):
        loan = one_debt(
            kind="private", principal=12000, annual_rate=0, remaining_term_months=12, due_day=5
        )
        assert run(loan, StatusQuo("nothing"), months=1, means=10**9).paid.tolist() == [0]
        assert run(loan, StatusQuo("minimum"), months=1, means=10**9).paid.tolist() == [100000]
        fixed = run(loan, StatusQuo("fixed", 50000), months=2, means=10**9)
        assert fixed.paid.tolist() == [50000, 50000]
        assert fixed.unpaid.tolist() == [50000, 100000]  # 500 short of 1,000, then of 1,500

    def test_waiver_forgives_penalty_charges_and_a_share_of_interest(self):
        frame = run(one_debt(**LOAN), Waiver(penalty=True, charges=True, interest_share=0.5))
        first = frame.iloc[0]
        assert (first.charges_waived, first.interest_waived) == (20000, 15000)
        assert first.charges_closing == 0

    def test_reinstalment_frozen_splits_the_whole_balance_evenly(self):
        frame = run(
            one_debt(**LOAN),
            Reinstalment(term_months=12, freeze_interest=True),
            months=12,
            means=10**9,
        )
        assert frame.paid.tolist() == [100000] * 12  # (11,500 + 300 + 200) / 12
        assert frame.interest_accrued.sum() == 0

    def test_reinstalment_at_a_rate_pays_level_instalments(self):
        frame = run(
            one_debt(**LOAN),
            Reinstalment(term_months=12, annual_rate=0.12),
            months=12,
            means=10**9,
        )
        # 12,000.00 at 1% a month over 12: 1,066.19 a month, the last takes the remainder
        assert frame.paid.tolist() == [106619] * 11 + [106614]

    def test_reinstalment_quoted_as_a_monthly_fee(self):
        frame = run(
            one_debt(**LOAN),
            Reinstalment(term_months=12, monthly_fee_rate=0.005),
            months=12,
            means=10**9,
        )
        assert frame.paid.tolist() == [106000] * 12  # 1,000.00 + 0.5% × 12,000.00

    def test_reinstalment_with_a_down_payment(self):
        plan = Reinstalment(term_months=12, freeze_interest=True, down_payment_fen=200000)
        frame = run(one_debt(**LOAN), plan, months=13, means=10**9)
        assert frame.paid.tolist() == [200000] + [83333] * 11 + [83337]

    def test_an_agreement_missed_three_times_is_called_due_in_the_third_month(self):
        # the bank loan is current: three missed payments of the agreement (months 0, 1, 2),
        # the third reaches its acceleration_after_missed of 3; the contract alike
        bank = one_debt(**LOAN)
        agreed = project(bank, {"x": Reinstalment(term_months=12)}, horizon=6, means_fen=[0] * 6)
        assert agreed.called_due == {"x": 2}
        assert project(bank, horizon=6, means_fen=[0] * 6).called_due == {"x": 2}
        assert project(bank, horizon=6, means_fen=[10**9] * 6).called_due == {}

    def test_reinstalment_cures_arrears_and_waives_with_the_agreement(self):
        overdue = one_debt(**{**LOAN, "days_overdue": 40})
        plan = Reinstalment(term_months=6, freeze_interest=True, waiver=Waiver())
        frame = run(overdue, plan, means=10**9)
        assert frame.charges_waived.iloc[0] == 20000
        assert frame.days_overdue.tolist() == [0] * 6
        assert frame.paid.tolist() == [196667] * 5 + [196665]  # 11,800.00 over 6

    def test_holiday_with_interest_frozen(self):
        plan = Holiday(months=3, interest="freeze", term_months=6)
        frame = run(one_debt(**LOAN), plan, months=9, means=10**9)
        assert frame.paid.tolist()[:3] == [0, 0, 0]
        assert frame.interest_accrued.tolist()[:3] == [0, 0, 0]
        # then 12,000.00 at 1% a month over 6 months
        assert frame.paid.tolist()[3:] == [207058] * 6

    def test_holiday_interest_not_capitalised_is_due_after_the_holiday(self):
        plan = Holiday(months=2, interest="accrue", capitalise=False, term_months=4)
        frame = run(one_debt(**LOAN), plan, months=6, means=10**9)
        # 2 months of 1% on 11,500.00 principal = 115.00 each, due with the first payment
        assert frame.interest_accrued.tolist()[:2] == [11500, 11500]
        assert frame.paid.tolist()[:3] == [0, 0, 307537 + 23000]

    def test_step_up_pays_little_during_hardship_then_the_rest(self):
        plan = StepUp(low_payment_fen=20000, low_months=3, term_months=6, freeze_interest=True)
        frame = run(one_debt(**LOAN), plan, months=9, means=10**9)
        # 3 × 200.00, then (12,000.00 − 600.00) / 6 = 1,900.00
        assert frame.paid.tolist() == [20000] * 3 + [190000] * 6

    def test_settlement_paid_in_full_waives_the_rest(self):
        frame = run(one_debt(**LOAN), Settlement(month=2, discount=0.4), months=4, means=10**9)
        assert frame.paid.tolist() == [0, 0, 720000, 0]  # 60% of 12,000.00
        assert frame.interest_accrued.sum() == 0  # nothing accrues while waiting
        assert owed(frame) == [1200000, 1200000, 0, 0]
        settled = frame.iloc[2]
        waived = sum(settled[f"{b.value}_waived"] for b in BUCKETS)
        assert waived == 480000

    def test_settlement_not_paid_in_full_lapses_and_the_contract_runs_again(self):
        frame = run(
            one_debt(**LOAN), Settlement(month=1, amount_fen=700000), months=3, means=500000
        )
        assert frame["mode"].tolist() == ["wait", "contract", "contract"]
        assert frame.paid.tolist()[1] == 500000
        assert sum(frame.iloc[1][f"{b.value}_waived"] for b in BUCKETS) == 0

    def test_custom_schedule_then_the_rest_at_once(self):
        plan = CustomSchedule(payments_fen=(300000, 300000))
        frame = run(one_debt(**LOAN), plan, months=4, means=10**9)
        assert frame.paid.tolist() == [300000, 300000, 600000, 0]

    def test_money_left_after_the_dues_prepays_an_agreed_plan(self):
        plan = Reinstalment(term_months=12, freeze_interest=True)
        frame = run(one_debt(**LOAN), plan, months=3, means=500000, prepay=True)
        assert frame.paid.tolist() == [500000, 500000, 200000]  # the level stays 1,000.00
        contract = run(one_debt(**LOAN), months=1, means=500000, prepay=True)
        assert contract.paid.tolist() == [contract.scheduled_due.iloc[0]]  # no agreement

    def test_a_settlement_of_nothing_closes_in_its_month(self):
        frame = run(one_debt(**LOAN), Settlement(month=2, amount_fen=0), months=4)
        assert frame["mode"].tolist() == ["wait", "wait", "closed", "closed"]
        assert frame.iloc[2][[f"{b.value}_waived" for b in BUCKETS]].sum() == 1200000

    def test_a_settlements_lump_sum_is_paid_before_the_policy_shares(self):
        # 6,000.00 to spend in month 1: the settlement's 4,000.00 lump is a first claim, so the
        # other debt (dearer, and first by avalanche) gets only the 2,000.00 left
        case = Case.model_validate({"as_of": "2025-04-01", "debts": [
            {"id": "s", "lender": "s", "kind": "bank_loan", "principal": 10000,
             "annual_rate": 0.05, "remaining_term_months": 0, "days_overdue": 100},
            {"id": "o", "lender": "o", "kind": "consumer_finance", "principal": 9000,
             "annual_rate": 0.24, "remaining_term_months": 0, "days_overdue": 100}]})  # fmt: skip
        frame = project(case, {"s": Settlement(month=1, amount_fen=400000)}, policy="avalanche",
                        horizon=2, means_fen=[0, 600000]).frame()  # fmt: skip
        month = frame[frame.month_index == 1].set_index("debt_id")
        assert (month.loc["s", "paid"], month.loc["o", "paid"]) == (400000, 200000)
        assert month.loc["s", "mode"] == "closed"

    def test_a_card_plan_over_60_months_warns_citing_article_70(self):
        card = load_sample().debt("d1")
        (warning,) = plan_warnings(Reinstalment(term_months=72), card, "en")
        assert "art. 70" in warning and "72 months" in warning
        assert plan_warnings(Reinstalment(term_months=60), card, "en") == []


class TestNeverClears:
    def test_a_payment_below_the_monthly_interest_is_flagged_at_once(self):
        case = load_sample()
        flag = payment_check(case, "d3", 30000, horizon=60)
        assert flag.reason == "below_interest"
        assert flag.clearing_payment_fen == 59673  # 21,785.00 at 21.6% over 60 months
        result = project(case, {"d3": StatusQuo("fixed", 30000)}, horizon=60)
        assert flag in result.flags
        assert payment_check(case, "d3", 100000, horizon=60) is None

    def test_a_debt_left_owing_at_the_horizon_is_flagged_with_the_clearing_payment(self):
        card = one_debt(kind="credit_card", principal=10000, daily_rate=0.0005, due_day=20)
        result = project(card, {"x": StatusQuo("nothing")}, horizon=12, means_fen=[0] * 12)
        (flag,) = result.flags
        assert (flag.reason, flag.months) == ("not_cleared", 12)
        assert flag.clearing_payment_fen == 91799  # 10,000.00 at 18.25% over 12 months


def _reconciles(result) -> None:
    frame = result.frame()
    for b in BUCKETS:
        cols = {s: frame[f"{b.value}_{s}"] for s in STAGES}
        assert (
            cols["closing"] == cols["opening"] + cols["accrued"] - cols["waived"] - cols["paid"]
        ).all(), b
        assert (cols["closing"] >= 0).all()
    assert (frame.paid == sum(frame[f"{b.value}_paid"] for b in BUCKETS)).all()
    for _, rows in frame.groupby("debt_id"):
        for b in BUCKETS:
            assert (
                rows[f"{b.value}_opening"].iloc[1:].values
                == rows[f"{b.value}_closing"].iloc[:-1].values
            ).all()
    assert sum(result.paid_fen) == int(frame.paid.sum())


@pytest.mark.parametrize("name", list_samples())
@pytest.mark.parametrize("policy", ["avalanche", "snowball", "pro_rata", "priority_first"])
def test_every_sample_reconciles_to_the_fen_every_month(name, policy):
    _reconciles(project(load_sample(name), policy=policy, horizon=60))


@given(scenarios(horizon=24))
@settings(max_examples=300)
def test_random_cases_and_plans_reconcile_to_the_fen(scenario):
    case, plans, means, policy = scenario
    result = project(case, plans, policy=policy, horizon=24, means_fen=means)
    _reconciles(result)
    paid = result.frame().groupby("month_index").paid.sum().tolist()
    assert all(p <= max(0, m) for p, m in zip(paid, means, strict=True))


@given(st.integers(1, 600))
def test_the_horizon_bounds_the_projection(horizon):
    result = project(load_sample(), horizon=horizon)
    assert len(result.rows) == horizon * 5


def test_an_explicit_payment_schedule_replaces_the_policy_shares():
    loan = one_debt(**LOAN)
    result = project(loan, horizon=3, means_fen=[0] * 3, payments_fen=[[50000, 0, 10**9]])
    frame = result.frame()
    assert frame.paid.tolist()[:2] == [50000, 0]
    assert frame.paid.iloc[2] == frame.principal_opening.iloc[2] + sum(
        frame[f"{b.value}_opening"].iloc[2] + frame[f"{b.value}_accrued"].iloc[2]
        for b in BUCKETS[1:]
    )  # capped at everything owed
    assert owed(frame)[-1] == 0


@given(scenarios(horizon=12))
@settings(max_examples=100)
def test_the_contract_worked_out_once_per_debt_is_never_changed_by_a_projection(scenario):
    """Every state starts from one cached contract per debt (balances and arrears copied): a
    projection in between leaves the next one of the same scenario unchanged."""
    case, plans, means, policy = scenario
    first = project(case, plans, policy=policy, horizon=12, means_fen=means)
    project(case, plans, policy=policy, horizon=12, means_fen=[10**9] * 12)  # pays everything
    project(case, {}, policy=policy, horizon=12, means_fen=[0] * 12)  # pays nothing
    again = project(case, plans, policy=policy, horizon=12, means_fen=means)
    assert again.rows == first.rows and again.flags == first.flags
