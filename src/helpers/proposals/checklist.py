"""The evidence checklist: the documents usual for the case's hardship, merged with the
documents the case records (their status kept there: missing, requested, ready, submitted),
and which lender's application attaches each one.

Rules:

- **Usual documents** by hardship kind: :data:`helpers.case.EVIDENCE_FOR_HARDSHIP`, from
  DOMAIN.md ("Prepare evidence for the hardship"; bank statements added for unemployment, to
  show that pay has stopped). A usual kind the case does not record yet is listed as missing.
- **Attached** (:func:`cited_evidence`): every document of the case that is ready or submitted
  (:data:`CITABLE`) goes with the application to every unsecured lender but a relative or
  friend, who is talked to rather than applied to (shown the documents if they ask). Every
  document the case records supports the hardship (that is what an evidence item is), so a
  document beyond the usual list (a family emergency's hospital records) is attached too.

Which documents does Li Na attach, and what is she still waiting for?

>>> from helpers.case import load_sample
>>> case = load_sample("li_na_illness")
>>> [e.item for e in cited_evidence(case, "d1")]
['病理诊断报告', '住院病历和出院小结', '医疗费用发票']
>>> [(c.name, c.status.value) for c in evidence_checklist(case) if not c.citable]
[('单位出具的病假工资证明', 'requested')]
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.case import (
    EVIDENCE_FOR_HARDSHIP,
    Case,
    EvidenceItem,
    EvidenceKind,
    EvidenceStatus,
    LenderKind,
)
from helpers.scenarios import unsecured_ids

__all__ = [
    "CITABLE",
    "ChecklistItem",
    "usual_evidence",
    "applying_debts",
    "cited_evidence",
    "evidence_checklist",
]

# Statuses of a document in hand: it can go with an application.
CITABLE = frozenset({EvidenceStatus.READY, EvidenceStatus.SUBMITTED})


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the checklist.

    ``name`` is the case's own wording, or None for a usual document the case does not record
    yet (shown by its kind's label); ``usual`` says whether the kind is usual for the hardship;
    ``cited_by`` lists the ids of the debts whose applications attach it.
    """

    kind: EvidenceKind
    name: str | None
    status: EvidenceStatus
    usual: bool
    cited_by: tuple[str, ...]
    note: str | None = None

    @property
    def in_case(self) -> bool:
        """Whether the case records this document.

        >>> ChecklistItem(EvidenceKind.PAY_SLIPS, None, EvidenceStatus.MISSING, True, ()).in_case
        False
        """
        return self.name is not None

    @property
    def citable(self) -> bool:
        """Whether the document is in hand (ready or submitted).

        >>> ChecklistItem(EvidenceKind.OTHER, "x", EvidenceStatus.READY, False, ()).citable
        True
        """
        return self.status in CITABLE


def usual_evidence(case: Case) -> tuple[EvidenceKind, ...]:
    """The kinds of document usual for the case's hardship; none when no hardship is named.

    What does a business owner whose shop closed usually show?

    >>> from helpers.case import load_sample
    >>> [k.value for k in usual_evidence(load_sample("chen_jian_business_loss"))]
    ['business_accounts', 'tax_records', 'closure_notice']
    """
    if case.hardship is None:
        return ()
    return EVIDENCE_FOR_HARDSHIP[case.hardship.kind]


def applying_debts(case: Case) -> tuple[str, ...]:
    """The debts whose lenders get an application with documents: the unsecured ones, but a
    relative's or friend's loan.

    >>> from helpers.case import load_sample
    >>> applying_debts(load_sample())
    ('d1', 'd2', 'd3', 'd4')
    """
    unsecured = set(unsecured_ids(case))
    return tuple(d.id for d in case.debts if d.id in unsecured and d.kind != LenderKind.PRIVATE)


def cited_evidence(case: Case, debt_id: str) -> tuple[EvidenceItem, ...]:
    """The documents the application to ``debt_id``'s lender attaches: every ready or submitted
    one, for a lender that gets an application (:func:`applying_debts`); none otherwise.

    Which documents go to 招商银行, and to Zhang Wei's cousin?

    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> [e.item for e in cited_evidence(case, "d1")], cited_evidence(case, "d5")
    (['解除劳动合同通知书'], ())
    """
    case.debt(debt_id)  # an unknown id is a KeyError, as for the case itself
    if debt_id not in applying_debts(case):
        return ()
    return tuple(e for e in case.evidence if e.status in CITABLE)


def evidence_checklist(case: Case) -> tuple[ChecklistItem, ...]:
    """The checklist: each usual kind with the case's documents of that kind (or a missing line
    when there is none), then the case's other documents, in the case's order.

    Examples
    --------
    What has Zhang Wei got, and what is still to get?

    >>> from helpers.case import load_sample
    >>> for c in evidence_checklist(load_sample()):
    ...     print(c.kind.value, c.status.value, c.usual, c.cited_by)
    termination_notice ready True ('d1', 'd2', 'd3', 'd4')
    unemployment_registration requested True ()
    bank_statements missing True ()
    """
    applying = applying_debts(case)
    usual = usual_evidence(case)

    def line(item: EvidenceItem) -> ChecklistItem:
        cited = applying if item.status in CITABLE else ()
        usual_kind = item.kind in usual
        return ChecklistItem(item.kind, item.item, item.status, usual_kind, cited, item.note)

    lines: list[ChecklistItem] = []
    for kind in usual:
        recorded = [line(e) for e in case.evidence if e.kind == kind]
        lines += recorded or [ChecklistItem(kind, None, EvidenceStatus.MISSING, True, ())]
    lines += [line(e) for e in case.evidence if e.kind not in usual]
    return tuple(lines)
