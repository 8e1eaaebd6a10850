"""The plans of a batch as arrays: for each debt, a table of its distinct plans (row 0: no plan)
and, for each scenario, the row that applies. A sweep of 100,000 scenarios over a dozen distinct
plans encodes each plan once.

>>> from helpers.case import load_sample
>>> from helpers.engine import contract_start
>>> from helpers.plans import Reinstalment
>>> case = load_sample()
>>> book = PlanBook(case, [contract_start(d, case.as_of) for d in case.debts], horizon=12)
>>> book.add(2, Reinstalment(term_months=24)), book.add(2, Reinstalment(term_months=24))
(1, 1)
>>> book.fields(2)["term"].tolist(), book.fields(2)["kind"].tolist()
([0.0, 24.0], [0.0, 3.0])
"""

from __future__ import annotations

import numpy as np

from helpers.case import Case
from helpers.engine.contract import ContractStart
from helpers.engine.vector.setup import RateTable
from helpers.plans import (
    Holiday,
    Plan,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
    agreement_rate,
    check_plan,
)
from helpers.rates import exact_rate

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

NONE, STATUS_QUO, WAIVER, REINSTALMENT, HOLIDAY_PLAN, STEP_UP, SETTLEMENT, CUSTOM = range(8)
NEVER = -1

FIELDS = (
    "kind",
    "start",
    "cap",  # status quo: -1 pays the contract's dues, else at most this
    "waive_penalty",
    "waive_charges",
    "waive_share",  # rate id
    "lump_amount",  # settlement: -1 when given as a discount
    "discount",  # rate id
    "lump_month",
    "term",  # re-instalment and step-up term; a holiday's term (0: none given)
    "plan_rate",  # rate id of the plan's monthly rate
    "fee_rate",  # rate id of a monthly fee on the base, -1 for none
    "down",
    "holiday_months",
    "holiday_accrues",
    "holiday_capitalise",
    "low",  # step-up: the low payment
    "list_len",  # step-up low months, or the custom schedule's length
    "list_row",  # custom schedule: its row in the table of schedules, -1 for none
    "switch",  # step-up: the month the level instalments start, -1 for none
)


class PlanBook:
    """Distinct plans per debt, their fields as numbers, and the custom schedules' table."""

    def __init__(
        self,
        case: Case,
        starts: list[ContractStart],
        *,
        horizon: int,
        share: PlanBook | None = None,
    ) -> None:
        """``share``: a book of another case in the same chunk, whose table of rates and of
        custom schedules this one adds to (one id per rate and schedule in the chunk), and whose
        plans already encoded it reuses."""
        self.case, self.starts, self.horizon = case, starts, horizon
        self.rates = share.rates if share else RateTable()
        self._rows: list[dict[Plan, int]] = [{} for _ in starts]
        self._values: list[list[list[float]]] = [[self.none_row()] for _ in starts]
        self.schedules: list[tuple[int, ...]] = share.schedules if share else []
        self._schedule_rows: dict[tuple[int, ...], int] = share._schedule_rows if share else {}
        self._encoded: dict[tuple, list[float]] = share._encoded if share else {}

    def add(self, debt_index: int, plan: Plan | None) -> int:
        """The row of ``plan`` in the debt's table (checked and encoded when new)."""
        if plan is None:
            return 0
        rows = self._rows[debt_index]
        row = rows.get(plan)
        if row is None:
            start = self.starts[debt_index]
            # a plan's fields depend on the debt's quote and rate only (for its agreement rate)
            key = (plan, start.quote, start.agreement_monthly)
            values = self._encoded.get(key)
            if values is None:
                check_plan(plan, self.case.debts[debt_index], horizon=self.horizon)
                values = self._encoded[key] = self._encode(plan, start)
            row = rows[plan] = len(self._values[debt_index])
            self._values[debt_index].append(values)
        return row

    def fields(self, debt_index: int) -> dict[str, np.ndarray]:
        """The debt's plan table: one array per field, indexed by row."""
        table = self.table(debt_index)
        return {name: table[:, k] for k, name in enumerate(FIELDS)}

    def table(self, debt_index: int) -> np.ndarray:
        """The debt's plan table as one array: a row per plan, a column per field
        (:data:`FIELDS`).

        >>> from helpers.case import load_sample
        >>> from helpers.engine import contract_start
        >>> from helpers.plans import Waiver
        >>> case = load_sample()
        >>> book = PlanBook(case, [contract_start(d, case.as_of) for d in case.debts], horizon=6)
        >>> book.add(0, Waiver(penalty=True)), book.table(0).shape   # no plan, then the waiver
        (1, (2, 20))
        """
        return np.array(self._values[debt_index], dtype=np.float64)

    def schedule_table(self) -> np.ndarray:
        """The custom schedules, one per row, padded with zeros."""
        width = max((len(s) for s in self.schedules), default=1)
        table = np.zeros((max(1, len(self.schedules)), width))
        for k, payments in enumerate(self.schedules):
            table[k, : len(payments)] = payments
        return table

    @staticmethod
    def none_row() -> list[float]:
        """The fields of "no plan": the debt runs on its contract."""
        values = dict.fromkeys(FIELDS, 0.0)
        values.update(
            start=NEVER, cap=-1, fee_rate=-1, list_row=-1, switch=NEVER, lump_month=NEVER
        )
        return [values[name] for name in FIELDS]

    def _encode(self, plan: Plan, debt: ContractStart) -> list[float]:
        rates = self.rates
        values = dict(zip(FIELDS, self.none_row(), strict=True))
        values["start"] = plan.start
        waiver = plan if isinstance(plan, Waiver) else getattr(plan, "waiver", None)
        if waiver is not None:
            values["waive_penalty"] = float(waiver.penalty)
            values["waive_charges"] = float(waiver.charges)
            values["waive_share"] = rates.id(exact_rate(waiver.interest_share))
        if isinstance(plan, StatusQuo):
            values["kind"] = STATUS_QUO
            values["cap"] = {"nothing": 0, "minimum": -1, "fixed": plan.amount_fen}[plan.mode]
        elif isinstance(plan, Waiver):
            values["kind"] = WAIVER
        elif isinstance(plan, Settlement):
            values["kind"] = SETTLEMENT
            values["lump_month"] = plan.month
            if plan.amount_fen is not None:
                values["lump_amount"] = plan.amount_fen
            else:
                values["lump_amount"] = -1
                values["discount"] = rates.id(exact_rate(plan.discount))
        elif isinstance(plan, Holiday):
            values["kind"] = HOLIDAY_PLAN
            values["holiday_months"] = plan.months
            values["holiday_accrues"] = float(plan.interest == "accrue")
            values["holiday_capitalise"] = float(plan.capitalise)
            values["term"] = plan.term_months or 0
        else:
            monthly, fee = agreement_rate(
                plan, quote=debt.quote, contract_monthly=debt.agreement_monthly
            )
            values["plan_rate"] = rates.id(monthly)
            values["fee_rate"] = -1 if fee is None else rates.id(fee)
            if isinstance(plan, Reinstalment):
                values["kind"] = REINSTALMENT
                values["term"] = plan.term_months
                values["down"] = plan.down_payment_fen
            elif isinstance(plan, StepUp):
                values["kind"] = STEP_UP
                values["term"] = plan.term_months
                values["low"] = plan.low_payment_fen
                values["list_len"] = plan.low_months
                values["switch"] = plan.start + plan.low_months
            else:
                values["kind"] = CUSTOM
                values["list_len"] = len(plan.payments_fen)
                values["list_row"] = self._schedule_row(tuple(plan.payments_fen))
        return [float(values[name]) for name in FIELDS]

    def _schedule_row(self, payments: tuple[int, ...]) -> int:
        row = self._schedule_rows.get(payments)
        if row is None:
            row = self._schedule_rows[payments] = len(self.schedules)
            self.schedules.append(payments)
        return row
