import pytest
from pydantic import ValidationError

from helpers.case import Case, Debt, LenderKind, default_terms, load_sample
from helpers.case.kinds import Bucket
from helpers.case.problems import problems_from_validation


def _debt(**fields):
    base = {"id": "d1", "lender": "某银行", "kind": "bank_loan", "principal": 1000}
    return Debt.model_validate({**base, **fields})


def _problems(**fields):
    with pytest.raises(ValidationError) as info:
        _debt(**fields)
    return [(p.where, p.key) for p in problems_from_validation(info.value, model=Debt)]


class TestRates:
    def test_exactly_one_rate_is_required(self):
        assert _problems() == [("annual_rate", "errors.no_rate")]
        assert _problems(annual_rate=0.1, daily_rate=0.0003) == [
            ("daily_rate", "errors.two_rates")
        ]

    @pytest.mark.parametrize(
        ("field", "value", "suggestion"),
        [
            ("annual_rate", 18, "0.18"),
            ("daily_rate", 0.05, "0.0005"),
            ("monthly_fee_rate", 0.6, "0.006"),
            ("annual_rate", 24.0, "0.24"),
        ],
    )
    def test_a_percentage_written_as_a_number_is_refused_with_the_fraction(
        self, field, value, suggestion
    ):
        extra = {"original_principal": 1000, "original_term_months": 12}
        with pytest.raises(ValidationError) as info:
            _debt(**{field: value}, **extra)
        problem = problems_from_validation(info.value, model=Debt)[0]
        assert problem.key == "errors.rate_not_fraction"
        assert (
            problem.render("en")
            == f"{field}: {value:g} is not a fraction; did you mean {suggestion}?"
        )

    def test_an_explicit_percent_sign_is_read_as_a_percentage(self):
        assert _debt(annual_rate="18%").annual_rate == pytest.approx(0.18)
        assert _debt(daily_rate="0.05％").daily_rate == pytest.approx(0.0005)

    def test_negative_rates_are_refused(self):
        assert _problems(annual_rate=-0.01) == [("annual_rate", "errors.negative_rate")]

    def test_a_monthly_fee_needs_the_original_principal_and_term(self):
        assert _problems(monthly_fee_rate=0.006) == [
            ("original_principal", "errors.fee_needs_original"),
            ("original_term_months", "errors.fee_needs_original"),
        ]


class TestTermsByKind:
    def test_cards_use_365_days_and_a_5_percent_charge_on_the_unpaid_minimum(self):
        terms = default_terms(LenderKind.CREDIT_CARD)
        assert (terms.day_basis, terms.late_charge_rate, terms.minimum_payment_rate) == (
            365,
            0.05,
            0.1,
        )
        assert terms.acceleration_after_missed == 0

    def test_loans_use_360_days_penalty_one_and_a_half_and_acceleration_after_three(self):
        for kind in ("bank_loan", "consumer_finance", "online_platform", "micro_loan"):
            terms = default_terms(kind)
            assert (terms.day_basis, terms.penalty_rate_multiplier) == (360, 1.5)
            assert terms.compound_overdue_interest is True
            assert terms.acceleration_after_missed == 3

    def test_private_loans_are_not_reported_and_do_not_compound(self):
        terms = default_terms("private")
        assert terms.credit_reported is False
        assert terms.compound_overdue_interest is False

    def test_a_debts_own_terms_override_its_kind(self):
        debt = _debt(
            annual_rate=0.1,
            day_basis=365,
            acceleration_after_missed=0,
            payment_order=["principal", "interest", "penalty", "charges"],
        )
        assert debt.terms.day_basis == 365
        assert debt.terms.acceleration_after_missed == 0
        assert debt.terms.payment_order[0] == Bucket.PRINCIPAL
        assert debt.terms.penalty_rate_multiplier == 1.5  # not overridden

    def test_secured_kinds_default_to_secured(self):
        assert _debt(kind="mortgage", annual_rate=0.04).terms.secured is True
        assert _debt(kind="car", annual_rate=0.05, secured=False).terms.secured is False

    def test_payment_order_must_name_each_bucket_once(self):
        assert _problems(annual_rate=0.1, payment_order=["principal", "interest"]) == [
            ("payment_order", "errors.bad_payment_order")
        ]


class TestCrossFieldChecks:
    def test_card_fields_on_a_loan_are_refused(self):
        assert _problems(annual_rate=0.1, credit_limit=5000) == [
            ("credit_limit", "errors.card_only")
        ]

    def test_a_funder_only_on_platforms(self):
        assert _problems(annual_rate=0.1, funder_kind="bank") == [
            ("funder_kind", "errors.platform_only")
        ]

    def test_remaining_term_cannot_exceed_original(self):
        assert _problems(annual_rate=0.1, original_term_months=12, remaining_term_months=13) == [
            ("remaining_term_months", "errors.remaining_over_original")
        ]

    def test_all_cross_field_problems_of_a_debt_are_collected(self):
        found = _problems(credit_limit=5000, statement_day=3, funder_kind="bank")
        assert [key for _, key in found] == [
            "errors.no_rate",
            "errors.card_only",
            "errors.card_only",
            "errors.platform_only",
        ]


class TestCase:
    def test_debts_get_ids_by_position_when_missing(self):
        case = Case.model_validate(
            {
                "as_of": "2025-04-01",
                "debts": [
                    {"lender": "a", "kind": "private", "principal": 1, "annual_rate": 0},
                    {
                        "id": "d1",
                        "lender": "b",
                        "kind": "private",
                        "principal": 1,
                        "annual_rate": 0,
                    },
                ],
            }
        )
        assert [d.id for d in case.debts] == ["d1x", "d1"]

    def test_duplicate_ids_are_refused(self):
        with pytest.raises(ValidationError, match="duplicate_id"):
            Case.model_validate(
                {
                    "as_of": "2025-04-01",
                    "debts": [
                        {
                            "id": "a",
                            "lender": "a",
                            "kind": "private",
                            "principal": 1,
                            "annual_rate": 0,
                        },
                        {
                            "id": "a",
                            "lender": "b",
                            "kind": "private",
                            "principal": 1,
                            "annual_rate": 0,
                        },
                    ],
                }
            )

    def test_language_tags_are_normalised(self):
        case = Case.model_validate(
            {
                "language": "zh",
                "as_of": "2025-04-01",
                "debts": [{"lender": "a", "kind": "private", "principal": 1, "annual_rate": 0}],
            }
        )
        assert case.language == "zh-CN"

    def test_amounts_are_held_as_fen(self):
        debt = load_sample().debt("d1")
        assert (debt.principal_fen, debt.interest_fen, debt.charges_fen) == (2800000, 65000, 14000)
        assert debt.owed_fen == 2879000

    def test_personal_fields_are_marked_in_the_schema(self):
        from helpers.case import json_schema

        defs = json_schema()["$defs"]
        personal = sorted(
            f"{model}.{name}"
            for model, spec in defs.items()
            for name, prop in spec.get("properties", {}).items()
            if prop.get("personal")
        )
        assert personal == [
            "Debt.account_number",
            "Debt.guarantor",
            "Draft.text",
            "Person.id_number",
            "Person.name",
            "Person.phone",
        ]


def test_a_fee_up_front_at_least_the_loan_is_refused():
    assert _problems(annual_rate=0.1, original_principal=1000, upfront_fee=1000) == [
        ("upfront_fee", "errors.fee_over_loan")
    ]
