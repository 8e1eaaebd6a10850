"""The advisor's report (report.html): made by the report notebook under papermill for two samples
in both languages, shown without code, with the case's figures and every plotly figure, asking
nothing of another machine; a bad case, a bad journal and a failing notebook give clear errors;
nothing is written outside the working folder."""

from __future__ import annotations

import ast
import json
import re
import tempfile
import tomllib
from pathlib import Path

import pytest
import yaml

from helpers.case import list_samples, load_case
from helpers.errors import CaseError
from helpers.journal import Entry
from helpers.money import format_fen
from helpers.pack.report import (
    REPORT_NOTEBOOK,
    ReportError,
    external_links,
    report_html,
    write_entries,
)
from helpers.pack.report_parts import report_sections
from helpers.plans import Reinstalment
from helpers.scenarios import Scenario, compare, scenario_to_data
from tests.support import ROOT, SAMPLES

pytestmark = pytest.mark.slow

RUNS = [("zhang_wei_unemployed", "zh-CN"), ("zhang_wei_unemployed", "en")]
RUNS += [("li_na_illness", "zh-CN"), ("li_na_illness", "en")]
FIGURE_DIV = 'class="plotly-graph-div"'


def _entries() -> list[Entry]:
    """Two contacts with Zhang Wei's card bank (the second's summary tries to end the page's
    scripts) and a collector's night call."""
    return [
        Entry(
            when="2025-04-02 10:15",
            debt_id="d1",
            lender="招商银行",
            channel="hotline",
            initiator="me",
            summary="申请个性化分期",
            outcome="refused",
        ),
        Entry(
            when="2025-04-09 15:00",
            debt_id="d1",
            lender="招商银行",
            channel="chat",
            initiator="me",
            summary="</script><b>回电</b>",
            outcome="counter_offer",
        ),
        # a collector's call at night about an internet loan: a breach of the 2025 guideline
        Entry(
            when="2025-04-10 22:30",
            debt_id="d4",
            lender="借呗",
            channel="collector_call",
            initiator="collector",
            summary="催收来电",
        ),
    ]


def _chosen_li_na(folder: Path) -> Path:
    """Li Na's case with a scenario chosen in notebook 03: her card re-installed over 24 months."""
    data = yaml.safe_load((SAMPLES / "li_na_illness.yaml").read_text("utf-8"))
    data["chosen_scenario"] = scenario_to_data(Scenario("custom", {"d1": Reinstalment(24)}))
    path = folder / "li_na_illness.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Each run's page, case, entries, progress and working folder; HOME and the temporary
    folder pointed at empty folders meanwhile, to see that nothing is written there."""
    root = tmp_path_factory.mktemp("reports")
    home, temporary = root / "home", root / "tmp"
    home.mkdir()
    temporary.mkdir()
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("TMPDIR", str(temporary))
        patch.setattr(tempfile, "tempdir", str(temporary))
        for sample, lang in RUNS:
            inputs = root / f"{sample}-{lang}-in"
            inputs.mkdir()
            if sample == "li_na_illness":
                case_file, entries, journal = _chosen_li_na(inputs), [], None
            else:
                case_file, entries = SAMPLES / f"{sample}.yaml", _entries()
                journal = write_entries(entries, inputs / "journal.json")
            work, steps = root / f"{sample}-{lang}-work", []
            page = report_html(
                case_file,
                lang,
                journal_file=journal,
                work_dir=work,
                progress=lambda fraction, text, steps=steps: steps.append((fraction, text)),
            )
            made[sample, lang] = {
                "page": page.decode("utf-8"),
                "case": load_case(case_file),
                "entries": entries,
                "steps": steps,
                "work": work,
                "inputs": inputs,
            }
    made["home"], made["tmp"] = home, temporary
    return made


@pytest.mark.parametrize(("sample", "lang"), RUNS)
def test_the_report_shows_no_code_and_no_prompt(reports, sample, lang):
    page = reports[sample, lang]["page"]
    assert page.startswith("<!DOCTYPE html>")
    body = page[page.index("<main>") :]  # the page's style sheets name prompts and editors
    assert "In&nbsp;[" not in body and "In [" not in body and "Out[" not in body
    assert "jp-InputArea-editor" not in body and "jp-InputPrompt" not in body
    # the notebook's source, its parameters and its developer's note are not on the page
    for source in ("report_case(", "Report(case", "report.summary()", "case_path", "papermill"):
        assert source not in page
    assert str(SAMPLES) not in page and str(reports[sample, lang]["inputs"]) not in page


@pytest.mark.parametrize(("sample", "lang"), RUNS)
def test_the_report_asks_nothing_of_another_machine(reports, sample, lang):
    page = reports[sample, lang]["page"]
    assert external_links(page) == []
    # plotly.js is inlined once, and no script or style sheet is linked at all
    assert page.count("Plotly.newPlot") >= 5 and re.findall(r"<script[^>]*\ssrc=", page) == []
    assert re.findall(r"<link[^>]*stylesheet", page) == []
    assert page.count("window.PlotlyConfig") == 1  # what plotly writes before its bundle


def test_the_link_finder_finds_what_a_cdn_template_would_link():
    page = (
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js">'
        '</script><link rel="stylesheet" href="//fonts.example/css"><img src="chart.png">'
        "<style>@import 'https://fonts.example/a.css';</style>"
        '<script>var a = "<a href=\\"https://plotly.com\\">";</script>'
    )
    assert external_links(page) == [
        "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js",
        "//fonts.example/css",
        "https://fonts.example/a.css",
    ]


@pytest.mark.parametrize(("sample", "lang"), RUNS)
def test_every_figure_the_report_makes_is_on_the_page(reports, sample, lang):
    run = reports[sample, lang]
    made = sum(s.figures for s in report_sections(run["case"], lang, run["entries"]))
    # budget 1 + debts (waiting, credit timeline) 2 + scenarios (dues, cost) 2, + the journal's
    # timeline when there are contacts
    assert made == (6 if run["entries"] else 5)
    assert run["page"].count(FIGURE_DIV) == made
    assert [f"report-figure-{k}" in run["page"] for k in range(1, made + 2)] == [True] * made + [
        False
    ]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_zhang_weis_report_shows_his_capacity_recommendation_and_contacts(reports, lang):
    run = reports["zhang_wei_unemployed", lang]
    page = run["page"]
    # April 2025: income 6,300 − costs 5,720 − reserve 200 = 380 yuan for unsecured lenders
    assert format_fen(38_000, lang) in page
    assert "2025-04" in page
    comparison = compare(run["case"])
    recommended = comparison.result(comparison.recommended).scenario.title(lang)
    assert recommended in page
    # the journal: its outcomes in the language, the summary escaped in the table and the figure
    outcomes = {"zh-CN": ("被拒绝", "对方还价"), "en": ("refused", "counter-offer")}[lang]
    assert all(outcome in page for outcome in outcomes)
    assert "申请个性化分期" in page
    assert "</script><b>回电" not in page and "&lt;/script&gt;&lt;b&gt;回电" in page
    # the night call flagged with its rule (journal.rule.night_call) and the complaint line
    rule = {
        "zh-CN": "互联网消费贷款不得在 22:00 至次日 08:00 之间致电催收",
        "en": "no collection calls for an internet consumer loan between 22:00 and 08:00",
    }[lang]
    assert rule in page and "12378" in page


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_li_nas_report_shows_her_shortfall_her_choice_and_no_contacts(reports, lang):
    page = reports["li_na_illness", lang]["page"]
    # September 2025: income 2,600 + 1,000 = 3,600; costs 1,500 + 120 + 220 + 100 + 200 + 1,500
    # + 1,300 + 100 = 5,040; reserve 100: 3,600 − 5,040 − 100 = −1,540 yuan
    assert format_fen(-154_000, lang) in page
    chosen = {
        "zh-CN": "借款人选定的方案是“您调整的方案”",  # scenarios.scenario.custom
        "en": "The borrower chose “your scenario”",
    }
    assert chosen[lang] in page
    assert {"zh-CN": "还没有联系记录", "en": "No contacts recorded yet"}[lang] in page
    # a ladder for each of her four lenders, all unsecured
    for lender in ("中信银行", "微粒贷", "马上消费金融", "交通银行"):
        assert re.search(rf"<h3>{lender} ?[（(]d\d[）)]</h3>", page), lender


def test_the_page_is_titled_and_tagged_in_its_language(reports):
    zh = reports["zhang_wei_unemployed", "zh-CN"]["page"]
    en = reports["li_na_illness", "en"]["page"]
    assert '<html lang="zh">' in zh and "<title>协商还款情况报告（供顾问参阅）</title>" in zh
    assert '<html lang="en">' in en and "report for the advisor</title>" in en


def test_progress_is_told_from_start_to_finish(reports):
    steps = reports["zhang_wei_unemployed", "en"]["steps"]
    fractions = [fraction for fraction, _ in steps]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions) and len(steps) >= 8  # a step per cell, and more
    assert steps[-1][1] == "the report is made"


def test_nothing_is_written_outside_the_working_folder(reports):
    assert list(reports["home"].iterdir()) == [] and list(reports["tmp"].iterdir()) == []
    for sample, lang in RUNS:
        run = reports[sample, lang]
        # the executed notebook stays (for a look when something fails); the kernel's files go
        assert sorted(p.name for p in run["work"].iterdir()) == ["report.ipynb"]
        expected = ["li_na_illness.yaml"] if sample == "li_na_illness" else ["journal.json"]
        assert sorted(p.name for p in run["inputs"].iterdir()) == expected


@pytest.mark.parametrize(
    "sample", [s for s in list_samples() if s not in {sample for sample, _ in RUNS}]
)
def test_the_report_runs_on_every_other_sample_in_its_language(sample, tmp_path):
    case_file = SAMPLES / f"{sample}.yaml"
    lang = load_case(case_file).language
    page = report_html(case_file, lang, work_dir=tmp_path / "work").decode("utf-8")
    assert page.count(FIGURE_DIV) == 5 and external_links(page) == []  # no contacts: 5 figures
    assert f'<html lang="{lang.split("-")[0]}">' in page


def test_a_bad_case_file_fails_before_any_kernel_starts(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("as_of: 2025-04-01\nhousehold: {size: 0}\n", "utf-8")
    with pytest.raises(CaseError) as caught:
        report_html(bad, "zh-CN", work_dir=tmp_path / "work")
    assert "bad.yaml" in caught.value.render("zh-CN")
    assert "household.size" in caught.value.render("en")
    assert not (tmp_path / "work").exists()


def test_a_journal_that_is_not_a_list_of_entries_is_named(tmp_path):
    journal = tmp_path / "journal.json"
    journal.write_text('{"when": "2025-04-02"}', "utf-8")
    with pytest.raises(ReportError) as caught:
        report_html(
            SAMPLES / "li_na_illness.yaml", "en", journal_file=journal, work_dir=tmp_path / "w"
        )
    assert caught.value.render("en") == (
        "journal.json: the journal file cannot be read (not a list of entries); "
        "it should be a list of entries (JSON)"
    )
    assert "联系记录文件无法读取" in caught.value.render("zh-CN")


def test_a_notebook_that_fails_in_the_kernel_gives_a_clear_error(tmp_path, monkeypatch):
    notebook = json.loads(REPORT_NOTEBOOK.read_text("utf-8"))
    notebook["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "fails",
            "metadata": {},
            "outputs": [],
            "source": "1 / 0",
        }
    )
    broken = tmp_path / "report.ipynb"
    broken.write_text(json.dumps(notebook), "utf-8")
    monkeypatch.setattr("helpers.pack.report.REPORT_NOTEBOOK", broken)
    with pytest.raises(ReportError) as caught:
        report_html(SAMPLES / "li_na_illness.yaml", "en", work_dir=tmp_path / "work")
    english, chinese = caught.value.render("en"), caught.value.render("zh-CN")
    assert english.startswith("report.ipynb: the report notebook failed in cell ")
    assert "ZeroDivisionError: division by zero" in english and "Traceback" not in english
    assert "报告笔记本在第" in chinese and "ZeroDivisionError" in chinese
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["report.ipynb"]


def test_a_cell_that_runs_too_long_is_stopped_with_a_clear_error(tmp_path, monkeypatch):
    notebook = json.loads(REPORT_NOTEBOOK.read_text("utf-8"))
    notebook["cells"].insert(
        2,
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "slow",
            "metadata": {},
            "outputs": [],
            "source": "import time\ntime.sleep(60)",
        },
    )
    slow = tmp_path / "report.ipynb"
    slow.write_text(json.dumps(notebook), "utf-8")
    monkeypatch.setattr("helpers.pack.report.REPORT_NOTEBOOK", slow)
    monkeypatch.setattr("helpers.pack.report.REPORT_TIMEOUT_S", 3)
    with pytest.raises(ReportError) as caught:
        report_html(SAMPLES / "li_na_illness.yaml", "en", work_dir=tmp_path / "work")
    english = caught.value.render("en")
    assert english.startswith("report.ipynb: the report notebook could not run (CellTimeoutError")
    assert "报告笔记本无法运行" in caught.value.render("zh-CN")
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["report.ipynb"]


def test_the_notebook_is_committed_clean_and_holds_only_display_calls():
    notebook = json.loads(REPORT_NOTEBOOK.read_text("utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "widgets" not in notebook["metadata"]
    parameters = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
    assert len(parameters) == 1
    assert re.findall(r"^(\w+) = ", "".join(parameters[0]["source"]), re.M) == [
        "case_path",
        "lang",
        "journal_path",
    ]
    for cell in code:
        tree = ast.parse("".join(cell["source"]))
        defined = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)]
        assert defined == []


def test_the_notebook_is_installed_with_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    data = project["tool"]["setuptools"]["package-data"]["helpers"]
    assert "pack/*.ipynb" in data
    assert REPORT_NOTEBOOK.name == "report.ipynb" and REPORT_NOTEBOOK.is_file()
