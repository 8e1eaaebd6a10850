"""The caseload app (notebook 06), driven without a browser on a small synthetic caseload with a
broken file mixed in: one row per file, sorting and filters, the scatter and the class counts,
opening a case in notebook 00, the redacted export, and a folder that names no case."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import load_workbook

from helpers import paths
from helpers.case import current_case_path, load_case, personal_values
from helpers.caseload import loop_rows, synth_cases, write_cases
from helpers.i18n import label
from helpers.rules import OverdueClass
from helpers.ui import CaseloadApp, caseload_app
from helpers.ui.caseload_view import EXAMPLE_CASES, example_caseload
from tests.page_text import foreign_words, widget_texts, without
from tests.test_page_language import _FILES, EN_ALLOWLIST, ZH_ALLOWLIST

CASES = 12  # synthetic cases written, plus one broken file: 13 files


@pytest.fixture(scope="module")
def caseload(tmp_path_factory):
    folder = tmp_path_factory.mktemp("caseload")
    write_cases(synth_cases(CASES, seed=11), folder)
    (folder / "broken.yaml").write_text("as_of: 2025-04-01\ndebts: [\n", "utf-8")
    (folder / "notes.txt").write_text("not a case file", "utf-8")  # not .yaml: not read
    return folder


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CASES_DIR", tmp_path / "cases")
    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path / "exports")
    return tmp_path


@pytest.fixture
def app(caseload):
    return CaseloadApp(str(caseload), lang="en")


def _table_cases(app) -> list[str]:
    """The case names in the page's table, in its order (the second cell of each body row)."""
    body = app.table.value.split("<tr>")[2:]  # [0]: before the table, [1]: the header row
    return [html.unescape(row.split("</td>")[1].rsplit(">", 1)[1]) for row in body]


def test_the_table_has_one_row_per_file_and_the_broken_one_with_its_problem(app):
    # 12 cases written + broken.yaml = 13 files (notes.txt is not a case file)
    assert app.progress_label.value == "13 / 13" and app.progress.value == app.progress.max == 13
    assert len(app.frame) == 13 and len(_table_cases(app)) == 13
    files = [f"synth_{k:05d}" for k in range(1, 13)] + ["broken"]
    assert sorted(_table_cases(app)) == sorted(files)
    broken = app.frame[app.frame["case"] == "broken"].iloc[0]
    assert not broken["loaded"] and "does not parse" in broken["problems"]
    assert _table_cases(app)[-1] == "broken"  # unranked, last
    assert html.escape(broken["problems"], quote=False).split(";")[0] in app.table.value
    assert app.summary.value.startswith("<b>13 files: 12 loaded and analysed, 1 with problems;")
    app.controls["status"].value = "failed"
    assert _table_cases(app) == ["broken"]
    app.controls["status"].value = "loaded"
    assert len(_table_cases(app)) == 12 and "broken" not in _table_cases(app)


def test_sorting_by_what_is_owed_puts_the_largest_first_and_the_broken_file_last(app):
    app.controls["sort"].value = "total_owed"
    app.controls["descending"].value = True
    owed = {c: v for c, v in zip(app.frame["case"], app.frame["total_owed"], strict=True)}
    expected = sorted((c for c in owed if c != "broken"), key=lambda c: -owed[c]) + ["broken"]
    assert _table_cases(app) == expected
    app.controls["descending"].value = False
    assert _table_cases(app) == expected[-2::-1] + ["broken"]  # empty cells stay last


def test_filter_feasible_no_gives_exactly_the_rows_whose_plan_the_budget_cannot_carry(app):
    frame = app.frame
    app.controls["feasible"].value = "no"
    infeasible = set(frame[frame["feasible"] == False]["case"])  # noqa: E712
    assert set(_table_cases(app)) == infeasible
    app.controls["feasible"].value = "yes"
    feasible = set(frame[frame["feasible"] == True]["case"])  # noqa: E712
    assert set(_table_cases(app)) == feasible
    assert len(feasible) + len(infeasible) == 12  # the broken file is neither
    assert f"the budget carries the plan of {len(feasible)}." in app.summary.value


def test_the_class_filter_and_the_search_keep_only_the_matching_cases(app):
    frame = app.frame
    worst = frame["worst_class"].dropna().iloc[0]
    app.controls["credit_class"].value = worst
    assert set(_table_cases(app)) == set(frame[frame["worst_class"] == worst]["case"])
    app.controls["credit_class"].value = ""
    app.controls["search"].value = "SYNTH_0000"  # synth_00001 … synth_00009
    assert sorted(_table_cases(app)) == [f"synth_{k:05d}" for k in range(1, 10)]
    app.controls["search"].value = "nobody"
    assert "No case matches the filters." in app.table.value


def test_the_scatter_has_a_point_per_loaded_case_at_what_it_owes_in_yuan(app):
    loaded = app.frame[app.frame["loaded"]]
    xs = [x for trace in app.scatter.data for x in trace.x]
    assert len(xs) == 12
    # x in yuan: fen / 100, e.g. 5,978,409 fen are 59,784.09 yuan
    assert sorted(Decimal(str(x)) * 100 for x in xs) == sorted(Decimal(int(v)) for v in
                                                               loaded["total_owed"])  # fmt: skip
    hover = " ".join(h for trace in app.scatter.data for h in trace.hovertext)
    assert all(f"{case}<br>recommended: " in hover for case in loaded["case"])
    bands = {trace.name for trace in app.scatter.data}
    named = {"due within 7 days", "due within 30 days", "later than 30 days", "no due date"}
    assert bands <= named


def test_each_point_is_coloured_by_the_sooner_of_its_next_due_date_and_its_90_days(app):
    frame = app.frame.set_index("case")
    for trace in app.scatter.data:
        for hover in trace.hovertext:
            row = frame.loc[hover.split("<br>")[0]]
            days = [int(d) for d in (row["next_due_days"], row["days_to_90"]) if pd.notna(d)]
            if trace.name == "due within 7 days":
                assert min(days) <= 7
            elif trace.name == "due within 30 days":
                assert 7 < min(days) <= 30
            elif trace.name == "later than 30 days":
                assert min(days) > 30
            else:
                assert days == []


def test_sorting_by_credit_class_goes_from_normal_to_loss_not_by_name(app):
    app.controls["sort"].value = "worst_class"
    order = {label("rules.overdue_class", c.value, "en"): k for k, c in enumerate(OverdueClass)}
    shown = [c for c in app.shown["worst_class"] if pd.notna(c)]
    assert len(shown) == 12
    assert [order[c] for c in shown] == sorted(order[c] for c in shown)


def test_the_class_counts_sum_to_the_loaded_cases(app):
    (bars,) = app.classes.data
    assert sum(bars.y) == 12
    counts = app.frame["worst_class"].value_counts()
    assert {name: int(count) for name, count in counts.items()} == dict(
        zip(bars.x, bars.y, strict=True)
    )


def test_opening_a_case_makes_it_the_current_case_of_notebook_00(app, caseload, folders):
    choices = [value for _, value in app.controls["open_case"].options]
    assert len(choices) == 12 and "broken" not in choices  # only loaded cases can be opened
    app.controls["open_case"].value = "synth_00005"
    app.controls["open"].click()
    assert (folders / "cases" / ".current").read_text("utf-8").strip() == str(
        (caseload / "synth_00005.yaml").resolve()
    )
    assert current_case_path() == (caseload / "synth_00005.yaml").resolve()
    assert 'href="00_start_here.ipynb"' in app.open_link.value


def test_the_redacted_export_names_no_file_and_no_personal_value(app, caseload, folders):
    app.controls["export"].click()
    out = folders / "exports" / "caseload_redacted.xlsx"
    assert app.messages.kind == "ok" and "caseload_redacted.xlsx" in app.messages.lines[0]
    cells = [str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row
             if c is not None]  # fmt: skip
    assert len(load_workbook(out).active["B"]) == 14  # the header and 13 rows
    secrets = {"broken"} | {p.stem for p in caseload.glob("*.yaml")}
    for path in caseload.glob("synth_*.yaml"):
        secrets |= {v for v in personal_values(load_case(path)) if len(v) >= 2}
    assert [c for c in cells for s in secrets if s in c] == []
    assert "case 0001" in cells and "case 0013" in cells  # the labels of 13 files, not names
    # unticked: the advisor's own table, by file name
    app.controls["redact"].value = False
    app.controls["export"].click()
    plain = load_workbook(folders / "exports" / "caseload.xlsx").active
    assert "synth_00001" in [c.value for c in plain["B"]]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("empty", "holds no case file (.yaml)"),
        ("empty/*.yaml", "matches no file; check the pattern"),
        ("no/such/folder", "There is no folder or file"),
    ],
)
def test_a_folder_with_no_case_is_said_in_the_page_and_the_last_run_stays(app, folders, typed,
                                                                          said):  # fmt: skip
    (folders / "empty").mkdir()
    (folders / "empty" / "readme.txt").write_text("no case here", "utf-8")
    app.controls["folder"].value = str(folders / typed)
    app.controls["run"].click()
    assert app.messages.kind == "error" and said in app.messages.lines[0]
    assert len(app.frame) == 13 and app.output.outputs == ()
    app.controls["lang"].value = "zh-CN"
    assert "请" in app.messages.lines[0]


def test_a_chinese_page_shows_no_english_and_switching_back_leaves_no_chinese(caseload):
    app = caseload_app(str(caseload), "zh-CN")
    # the cases' own names and their debts' ids (d1, d2, …: a case's text) are in no language
    exempt = set(app.frame["case"]) | {str(caseload)} | {f"d{k}" for k in range(1, 20)}
    # and the YAML parser's own words, quoted in brackets in the broken file's problem
    exempt |= set(re.findall(r"（([^）]*)）", " ".join(app.frame["problems"])))
    assert "优先顺序" in app.table.value and "个文件" in app.summary.value
    for lang, allowed in (("zh-CN", ZH_ALLOWLIST), ("en", EN_ALLOWLIST)):
        if lang == "en":
            app.controls["lang"].value = "en"
        texts = [
            _FILES.sub(" ", without(text, exempt))
            for text in widget_texts(app.view, skip=[app.output])
        ]
        found = [w for text in texts for w in foreign_words(text, lang, allowed)]
        assert [w for w in found if w not in EN_ALLOWLIST] == [], lang
    # the cases' own words (their credit classes) were computed again in English
    english = {label("rules.overdue_class", c.value, "en") for c in OverdueClass}
    assert set(app.frame["worst_class"].dropna()) <= english


def test_an_empty_folder_box_shows_the_made_up_example_outside_the_project(folders):
    app = caseload_app("", "zh-CN")
    assert app.source[1] == "example" and len(app.frame) == EXAMPLE_CASES
    assert f"示例：{EXAMPLE_CASES} 个虚构案例" in app.where.value
    assert not example_caseload().resolve().is_relative_to(paths.PROJECT_DIR.resolve())


def test_an_empty_folder_box_runs_the_advisors_own_caseload_when_there_is_one(folders):
    write_cases(synth_cases(2, seed=4), folders / "cases" / "caseload")
    app = caseload_app("", "en")
    assert app.source[1] == "advisor" and len(app.frame) == 2
    assert "your cases: cases/caseload" in app.where.value


def test_the_app_runs_the_cases_with_the_runner_it_is_given(caseload):
    calls = []

    def runner(files, labels, *, lang, progress=None):
        calls.append((len(files), lang))
        return loop_rows(files, labels, lang=lang, progress=progress)

    app = CaseloadApp(str(caseload), lang="en", runner=runner)
    assert calls == [(13, "en")] and len(app.frame) == 13
    app.controls["export"].click()  # the export redacts the same rows: no second run
    assert calls == [(13, "en")]
