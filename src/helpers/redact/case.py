"""A case as it may leave the machine: personal fields replaced, free text scrubbed.

What the model marks personal (:func:`helpers.case.personal_paths`) is replaced: the person's
name by a label ("借款人" / "the borrower") and a guarantor's by another, unless names are kept;
the ID number and the phone dropped; account numbers masked to their last four digits; an edited
draft's text scrubbed like any free text. Every other text of the case (the hardship in the
borrower's words, notes, evidence, approaches) is scrubbed (:func:`helpers.redact.scrub`) of the
case's personal values and of anything shaped like an ID, phone or card number. The figures are
untouched: a redacted case computes the same budget, debts and scenarios.

>>> from helpers.case import load_sample
>>> safe = redacted_case(load_sample("li_na_illness"), "zh-CN")
>>> safe.person.name, safe.person.phone, safe.debts[0].account_number
('借款人', None, '************2468')
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from helpers.case import Case, personal_values
from helpers.i18n import t
from helpers.redact.text import masked_number, scrub

__all__ = ["case_labels", "redacted_case", "scrub_case_text"]


def case_labels(case: Case, lang: str, *, keep_names: bool = False) -> dict[str, str]:
    """What each name of the case becomes: the person → "借款人" / "the borrower", each
    guarantor → "担保人" / "the guarantor" (none when names are kept).

    >>> from helpers.case import load_sample
    >>> case_labels(load_sample("chen_jian_business_loss"), "en")
    {'陈建': 'the borrower', '陈建国': 'the guarantor'}
    """
    if keep_names:
        return {}
    labels = {}
    if case.person.name:
        labels[case.person.name] = t("redact.borrower", lang)
    for debt in case.debts:
        if debt.guarantor:
            labels.setdefault(debt.guarantor, t("redact.guarantor", lang))
    return labels


def scrub_case_text(case: Case, text: str, lang: str, *, keep_names: bool = False) -> str:
    """Any text that goes with ``case`` (a journal summary, a draft), scrubbed of the case's
    personal values and of anything shaped like one.

    >>> from helpers.case import load_sample
    >>> scrub_case_text(load_sample(), "张伟说：打 13800138000 找我", "zh-CN")
    '借款人说：打 *********** 找我'
    """
    labels = case_labels(case, lang, keep_names=keep_names)
    values = [v for v in personal_values(case) if "\n" not in v and len(v) <= 64]
    if keep_names:
        values = [v for v in values if v not in _names(case)]
    return scrub(text, values, labels)


def _names(case: Case) -> set[str]:
    return {case.person.name, *(d.guarantor for d in case.debts)} - {None}


def redacted_case(case: Case, lang: str, *, keep_names: bool = False) -> Case:
    """The case with its personal fields replaced and its free text scrubbed (see the module).

    Chen Jian's business loan names a guarantor and has the contract number DG2020011000871:

    >>> from helpers.case import load_sample
    >>> case = load_sample("chen_jian_business_loss")
    >>> safe = redacted_case(case, "en")
    >>> [d.guarantor for d in safe.debts if d.guarantor], safe.debts[0].account_number
    (['the guarantor'], '***********0871')
    >>> redacted_case(case, "en", keep_names=True).person.name
    '陈建'
    """
    labels = case_labels(case, lang, keep_names=keep_names)

    def text(value: str) -> str:
        return scrub_case_text(case, value, lang, keep_names=keep_names)

    def walk(model: BaseModel) -> dict[str, Any]:
        update: dict[str, Any] = {}
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, str) and type(value) is str:
                new = text(value)
            elif isinstance(value, BaseModel):
                new = model_copy(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
                new = tuple(model_copy(part) for part in value)
            else:
                continue
            if new != value:
                update[name] = new
        return update

    def model_copy(model: BaseModel) -> BaseModel:
        return model.model_copy(update=walk(model))

    person = case.person.model_copy(
        update={
            "name": labels.get(case.person.name, case.person.name),
            "id_number": None,
            "phone": None,
        }
    )
    debts = tuple(
        debt.model_copy(
            update={
                "guarantor": labels.get(debt.guarantor, debt.guarantor),
                "account_number": masked_number(debt.account_number)
                if debt.account_number
                else None,
            }
        )
        for debt in case.debts
    )
    return model_copy(case.model_copy(update={"person": person, "debts": debts}))
