"""Many cases compared at once (`compare_cases`) give what `compare()` gives case by case: the
recommendation and its reason in both languages, and every scenario's best policy and metrics,
to the fen."""

from __future__ import annotations

from helpers.case import list_samples, load_sample
from helpers.caseload import synth_cases
from helpers.scenarios import compare, compare_cases


def test_compare_cases_equals_compare_case_by_case():
    cases = [load_sample(name) for name in list_samples()] + synth_cases(25, seed=31)
    outlines = compare_cases(cases, chunk_elements=5_000)  # several chunks, cases cut across
    assert len(outlines) == len(cases)
    recommended = set()
    for case, outline in zip(cases, outlines, strict=True):
        comparison = compare(case)
        assert outline.recommended == comparison.recommended
        recommended.add(outline.recommended)
        for lang in ("en", "zh-CN"):
            assert outline.reason(lang) == comparison.reason(lang)
        assert [o.scenario.name for o in outline.outcomes] == [
            r.scenario.name for r in comparison.results
        ]
        for result in comparison.results:
            outcome = outline.outcome(result.scenario.name)
            assert outcome.scenario.policy == result.policy, result.scenario.name
            assert outcome.metrics == result.metrics, result.scenario.name
            assert outcome.feasible == result.feasible
            assert outcome.shortfall_fen == result.shortfall_fen
    assert len(recommended) >= 2  # the caseload is not all one answer
