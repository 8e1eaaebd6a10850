"""The evidence checklist for people: a table, and Markdown check-box lines under a header.

What does Zhao Min still have to get, and what goes to her lenders?

>>> from helpers.case import load_sample
>>> for line in checklist_lines(load_sample("zhao_min_family_rural"), "en")[1:]:
...     print(line)
- [x] 死亡证明: ready; attach for 信阳农商银行, 分期乐
- [x] 父亲的住院病历和费用清单: ready; attach for 信阳农商银行, 分期乐
- [ ] 村委会出具的家庭困难证明: requested; not yet attached
"""

from __future__ import annotations

import pandas as pd

from helpers.case import Case
from helpers.i18n import join_list, label, t
from helpers.proposals.checklist import ChecklistItem, evidence_checklist, usual_evidence

__all__ = ["CHECKLIST_COLUMNS", "item_name", "checklist_frame", "checklist_lines"]

CHECKLIST_COLUMNS = ("item", "kind", "status", "for_hardship", "cited_by")


def item_name(item: ChecklistItem, lang: str) -> str:
    """The document's name: the case's wording, or its kind's label marked as not yet recorded.

    >>> from helpers.case import load_sample
    >>> items = evidence_checklist(load_sample("wang_fang_income_drop"))
    >>> item_name(items[0], "en"), item_name(items[1], "zh-CN")
    ('Pay slips for the last 6 months', 'Bank statements')
    """
    if item.name is not None:
        return item.name
    name = label("case.evidence_kind", item.kind, lang)
    return t("proposals.checklist.not_recorded", lang, name=name)


def _lenders(case: Case, item: ChecklistItem, lang: str) -> str:
    if not item.cited_by:
        return t("proposals.checklist.nobody", lang)
    return join_list([case.debt(debt_id).lender for debt_id in item.cited_by], lang)


def checklist_frame(case: Case, lang: str) -> pd.DataFrame:
    """The checklist as a table (columns :data:`CHECKLIST_COLUMNS`, translated).

    >>> from helpers.case import load_sample
    >>> frame = checklist_frame(load_sample(), "zh-CN")
    >>> frame.iloc[0].tolist()[1:4]
    ['解除劳动合同通知书', '已备好', '是']
    >>> frame.iloc[0, 4]
    '招商银行、建设银行、招联消费金融、借呗'
    """
    yes, no = t("proposals.checklist.yes", lang), t("proposals.checklist.no", lang)
    rows = [
        [
            item_name(item, lang),
            label("case.evidence_kind", item.kind, lang),
            label("case.evidence_status", item.status, lang),
            yes if item.usual else no,
            _lenders(case, item, lang),
        ]
        for item in evidence_checklist(case)
    ]
    columns = [t(f"proposals.checklist.col.{name}", lang) for name in CHECKLIST_COLUMNS]
    return pd.DataFrame(rows, columns=columns)


def checklist_lines(case: Case, lang: str) -> list[str]:
    """A header naming the usual documents, then one Markdown check-box line per document:
    ticked when in hand, with its status and the lenders it goes to.

    >>> from helpers.case import load_sample
    >>> print(checklist_lines(load_sample(), "zh-CN")[0])  # doctest: +ELLIPSIS
    失业的常用证明：解除劳动合同通知书、失业登记证明、银行流水。已备好或已提交的材料随每份申请提交...
    """
    if case.hardship is None:
        header = t("proposals.checklist.header_none", lang)
    else:
        kinds = [label("case.evidence_kind", k, lang) for k in usual_evidence(case)]
        hardship = label("case.hardship_kind", case.hardship.kind, lang)
        header = t(
            "proposals.checklist.header", lang, hardship=hardship, kinds=join_list(kinds, lang)
        )
    lines = [header]
    for item in evidence_checklist(case):
        cited = _lenders(case, item, lang)
        if item.cited_by:
            cited = t("proposals.checklist.cited", lang, lenders=cited)
        lines.append(
            t(
                "proposals.checklist.line",
                lang,
                mark="x" if item.citable else " ",
                item=item_name(item, lang),
                status=label("case.evidence_status", item.status, lang),
                cited=cited,
            )
        )
    return lines
