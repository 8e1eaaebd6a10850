"""An offer's words: the legal-line sentence says "exactly on it does not cross" only for a
rate exactly on the line, and the offers package's messages name the fields in words (the
notebook's form and the command line share them), never a command-line flag."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import helpers
from helpers.offers import OfferError, OfferTerms, reasons, schedule_offer
from tests.test_offers import BIG, _case, _evaluate

CATALOGUE = Path(helpers.__file__).parent / "i18n" / "locales" / "offers.yaml"
ON = {"en": "exactly on", "zh-CN": "恰好等于"}
# the offer's field names, stable: the notebook maps them to its form's labels
FIELDS = {"monthly", "months", "annual_rate", "monthly_fee_rate", "down", "waive"}


def _line_sentence(result, lang: str) -> str:
    return reasons(result, lang)[-2]  # the legal line, before the verdict


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_a_rate_exactly_on_the_line_says_so(lang):
    # 10,404.00 × 2 on 20,200.00 is 2% a month, 24.00% a year: exactly the 24% line
    # (tests/test_offers.py works it out), which does not cross it.
    result = _evaluate(OfferTerms("d1", 2, 1_040_400), [1_040_400] * 2 + [BIG] * 4)
    assert not result.crosses_line
    assert ON[lang] in _line_sentence(result, lang)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_a_rate_far_below_the_line_does_not_mention_being_on_it(lang):
    # Interest-free, 4 × 5,050.00: 0% against the 24% line.
    result = _evaluate(OfferTerms("d1", 4, annual_rate=0.0), [505_000] * 4 + [BIG] * 2)
    sentence = _line_sentence(result, lang)
    assert ON[lang] not in sentence
    assert ("below" if lang == "en" else "低于") in sentence


def test_a_rate_a_hair_over_the_line_crosses_it():
    result = _evaluate(OfferTerms("d1", 2, annual_rate=0.2401), [BIG] * 6)
    sentence = _line_sentence(result, "en")
    assert "is above" in sentence and "exactly on" not in sentence


def test_a_rate_a_hair_under_the_line_is_below_it():
    # 23.99% a year: below the line, not on it
    result = _evaluate(OfferTerms("d1", 2, annual_rate=0.2399), [BIG] * 6)
    assert "is below" in _line_sentence(result, "en")


def _offer_texts() -> list[tuple[str, str, str]]:
    catalogue = yaml.safe_load(CATALOGUE.read_text("utf-8"))
    return [
        (key, lang, text)
        for key, texts in catalogue.items()
        if key.startswith("offers.")
        for lang, text in texts.items()
    ]


@pytest.mark.parametrize(("key", "lang", "text"), _offer_texts())
def test_no_offer_text_names_a_command_line_flag_or_a_field_key(key, lang, text):
    for flag_or_key in ("--", "annual_rate", "monthly_fee_rate", "interest=", "_field"):
        assert flag_or_key not in text, (key, lang)


@pytest.mark.parametrize(
    ("terms", "words"),
    [
        (OfferTerms("d1", 12), ["monthly amount", "annual rate", "monthly fee rate"]),
        (OfferTerms("d1", 2, 1_025_300, annual_rate=0.12), ["monthly amount", "annual rate"]),
        (OfferTerms("d1", 2, 1_025_300, monthly_fee_rate=0.01), ["monthly fee rate"]),
        (OfferTerms("d1", 2, 1_000_000), ["monthly amount", "waiver"]),
        (OfferTerms("d1", 2, 1_000_000, interest_share=2.0), ["0.5 for half"]),
    ],
)
def test_offer_problems_name_the_fields_in_words_and_keep_the_field_names(terms, words):
    with pytest.raises(OfferError) as caught:
        schedule_offer(_case(), terms)
    problem = caught.value.problems[0]
    assert problem.where in FIELDS
    en = problem.message("en")
    assert all(word in en for word in words), en
    assert "--" not in en and "--" not in problem.message("zh-CN")


def test_a_page_names_the_field_by_its_label_and_the_message_stays_in_words():
    # the notebook passes its own label function (field name → the form's label)
    with pytest.raises(OfferError) as caught:
        schedule_offer(_case(), OfferTerms("d1", 12))
    labels = {"monthly": "每月还款"}
    shown = caught.value.render("zh-CN", label=lambda key, lang, near=None: labels.get(key, key))
    assert shown.startswith("每月还款：没有每月还款额，也没有利率")
