"""Issue 15: the bounds of a case and of the command line's options, as the schema states them
and as the model and the option parsers enforce them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from helpers.case import Case, Debt, Person, json_schema, problems_from_validation
from helpers.cli import build_parser, escape_controls, horizon
from helpers.errors import WorkbenchError
from helpers.plans import PlanError, parse_plan_spec
from helpers.rules import LPR_FIRST_DATE

DEBT = {"id": "d1", "lender": "x", "kind": "bank_loan", "principal": 1000, "annual_rate": 0.1}


def _problems(model, data):
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [p.render("en") for p in problems_from_validation(info.value, model=model)]


def _case(**changes):
    return {"as_of": "2025-04-01", "debts": [DEBT], **changes}


class TestSchema:
    def test_amounts_terms_and_dates_state_their_bounds(self):
        schema = json_schema()
        debt = schema["$defs"]["Debt"]["properties"]
        amount = debt["principal"]["anyOf"][0]
        assert (amount["minimum"], amount["maximum"]) == (0, 10_000_000_000)
        term = debt["original_term_months"]["anyOf"][0]
        assert (term["minimum"], term["maximum"]) == (1, 600)
        remaining = debt["remaining_term_months"]["anyOf"][0]
        assert (remaining["minimum"], remaining["maximum"]) == (0, 600)
        as_of = schema["properties"]["as_of"]
        assert (as_of["formatMinimum"], as_of["formatMaximum"]) == ("2019-08-20", "2100-12-31")
        contract = debt["contract_date"]["anyOf"][0]
        assert contract["formatMinimum"] == "1990-01-01"
        assert debt["daily_rate"]["maximum"] == 0.01

    def test_the_first_as_of_is_the_first_lpr_fixing(self):
        assert json_schema()["properties"]["as_of"]["formatMinimum"] == LPR_FIRST_DATE.isoformat()


class TestAmounts:
    @pytest.mark.parametrize("value", [1e26, 10**30, 2**63, "99999999999999999999999999999亿"])
    def test_an_amount_past_ten_billion_yuan_is_too_large(self, value):
        found = _problems(Debt, {**DEBT, "principal": value})
        assert len(found) == 1
        assert found[0].startswith("principal: ")
        assert found[0].endswith(" is too large; the most allowed is 10,000,000,000.00")

    def test_the_bound_itself_is_accepted(self):
        assert Debt.model_validate({**DEBT, "principal": "100亿"}).principal_fen == 10**12

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
    def test_nan_and_infinity_are_not_numbers(self, value):
        assert "is not a number" in _problems(Debt, {**DEBT, "principal": value})[0]

    def test_a_nan_multiplier_is_not_a_number_rather_than_too_large(self):
        found = _problems(Debt, {**DEBT, "penalty_rate_multiplier": float("nan")})
        assert found == ["penalty_rate_multiplier: nan is not a number; write a number, e.g. 12"]

    def test_a_rate_too_small_to_compute_is_refused(self):
        found = _problems(Debt, {**DEBT, "annual_rate": 1e-300})
        assert found == [
            "annual_rate: 1e-300 is too small to be a rate; write 0 for no interest, or a rate "
            "of at least 0.00000001"
        ]
        assert Debt.model_validate({**DEBT, "annual_rate": 0}).annual_rate == 0


class TestDates:
    @pytest.mark.parametrize("value", [0, 1743465600, 20250401, 1.5, True, "2025-4-1"])
    def test_a_number_is_not_a_date(self, value):
        found = _problems(Case, _case(as_of=value))
        assert len(found) == 1 and "is not a date; write it as YYYY-MM-DD" in found[0]

    @pytest.mark.parametrize("value", ["2019-08-19", "0001-01-01", "9999-12-01", "2101-01-01"])
    def test_as_of_runs_from_the_first_lpr_to_2100(self, value):
        assert _problems(Case, _case(as_of=value)) == [
            f"as_of: '{value}' is outside the dates the workbench can work with; give an as_of "
            "from 2019-08-20 (the first one-year LPR) to 2100-12-31"
        ]

    @pytest.mark.parametrize("value", [date(2025, 4, 1), datetime(2025, 4, 1), "2025-04-01"])
    def test_a_date_may_arrive_as_text_or_as_a_date(self, value):
        # PyYAML keeps dates as text; a YAML 1.2 loader may give date objects
        assert Case.model_validate(_case(as_of=value)).as_of == date(2025, 4, 1)

    def test_a_contract_signed_after_the_case_date_is_refused_at_its_debt(self):
        debts = [DEBT, {**DEBT, "id": "d2", "contract_date": "2025-04-02"}]
        assert _problems(Case, _case(debts=debts)) == [
            "debts[1].contract_date: '2025-04-02' is after the case's date (as_of 2025-04-01); "
            "a contract is signed on or before it: correct the date, or move as_of later"
        ]
        assert _problems(Debt, {**DEBT, "contract_date": "1989-12-31"}) == [
            "contract_date: '1989-12-31' is outside the dates allowed here; give a date from "
            "1990-01-01 to 2100-12-31"
        ]


class TestText:
    def test_numbers_in_text_fields_are_read_as_their_digits(self):
        person = Person.model_validate({"name": 12, "phone": 13800138000, "id_number": 10**14})
        assert (person.name, person.phone, person.id_number) == (
            "12",
            "13800138000",
            "1" + "0" * 14,
        )
        debt = Debt.model_validate({**DEBT, "id": 12, "lender": 95555, "account_number": 123})
        assert (debt.id, debt.lender, debt.account_number) == ("12", "95555", "123")

    @pytest.mark.parametrize("value", [6225880000001234, 441900198205170039, 4.419e17])
    def test_a_long_number_for_an_id_or_account_says_digits_may_be_lost(self, value):
        found = _problems(Debt, {**DEBT, "account_number": value})
        assert len(found) == 1
        assert "(a spreadsheet keeps 15); check it and write it in quotes" in found[0]
        assert "id_number" in _problems(Person, {"id_number": value})[0]


class TestOptions:
    def test_every_horizon_option_is_read_by_the_one_rule(self):
        commands = build_parser()._subparsers._group_actions[0].choices
        with_horizon = {
            name: action
            for name, parser in commands.items()
            for action in parser._actions
            if "--horizon" in action.option_strings
        }
        assert set(with_horizon) >= {"schedule", "compare"}
        for action in with_horizon.values():
            assert action.type is horizon
            assert action.type("600") == 600

    @pytest.mark.parametrize("text", ["0", "-1", "601", "99999999999999999999", "1e3", "", "x"])
    def test_a_horizon_runs_from_1_to_600_months(self, text):
        with pytest.raises(WorkbenchError, match="use 1 to 600 months"):
            horizon(text)

    @pytest.mark.parametrize(
        ("spec", "message"),
        [
            ("d1=reinstalment:term_months=24,annual_rate=1e-300", "too small to be a rate"),
            ("d1=reinstalment:term_months=601", "term_months: 601 is too large"),
            ("d1=settlement:month=2,discount=nan", "discount: nan is not a number"),
            ("d1=custom:payments=1x601", "the most allowed is 600"),
            ("d1=status_quo:mode=fixed,amount=200亿", "the most allowed is 10,000,000,000.00"),
        ],
    )
    def test_plan_values_are_bounded_as_they_are_read(self, spec, message):
        with pytest.raises(PlanError) as info:
            parse_plan_spec(spec)
        assert message in info.value.render("en")
        assert info.value.render("en").startswith("--plan d1.")


def test_control_characters_are_escaped_and_text_is_kept():
    assert escape_controls("a\x1b[2Jb\u202ec\td\n") == "a\\u001b[2Jb\\u202ec\td\n"
    assert escape_controls("招商银行 (CMB)") == "招商银行 (CMB)"
