"""Personal data stays private by construction (issue 15): messages never echo a personal value
(the CLI, the apps, a spreadsheet import), and notebooks reach git without outputs or widget
state. (Executed and saved notebooks: tests/test_notebooks.py and the browser test of
JupyterLab.)"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from pydantic import ValidationError

from helpers.case import (
    Case,
    Debt,
    load_sample,
    personal_paths,
    personal_values,
    problems_from_validation,
    redact,
)
from helpers.cli import main
from helpers.errors import Problem
from tests.support import ROOT

BASE = {
    "as_of": "2025-04-01",
    "language": "en",
    "person": {"name": "张伟", "id_number": "330106199003150011", "phone": "13800138000"},
    "debts": [
        {
            "id": "d1",
            "lender": "Some Bank",
            "kind": "bank_loan",
            "principal": 20000,
            "annual_rate": 0.12,
            "guarantor": "张建国",
            "account_number": "6225880000001234",
        }
    ],
}
LONG_PHONE = "13800138000" * 40
LONG_NUMBER = int("6225880000001234" * 3)


def _case_with(section: str, field: str, value) -> dict:
    data = copy.deepcopy(BASE)
    target = data["person"] if section == "person" else data["debts"][0]
    target[field] = value
    return data


# (what is wrong, the case, the path the message names, the values it must not show)
MALFORMED = {
    "phone as a number": (  # read as text: nothing to report, nothing shown
        _case_with("person", "phone", 13800138000123456),
        None,
        ["13800138000123456", "13800138000"],
    ),
    "ID number as a number": (
        _case_with("person", "id_number", 330106199003150011),
        "person.id_number",
        ["330106199003150011"],
    ),
    "name as a mapping": (
        _case_with("person", "name", {"family": "张", "given": "伟", "phone": "13800138000"}),
        "person.name",
        ["张", "伟", "13800138000"],
    ),
    "the person as one line": (
        {**BASE, "person": "张伟 330106199003150011 13800138000"},
        "person",
        ["张伟", "330106199003150011", "13800138000"],
    ),
    "the person as a list": (
        {**BASE, "person": ["张伟", "13800138000"]},
        "person",
        ["张伟", "13800138000"],
    ),
    "too long a phone number": (
        _case_with("person", "phone", LONG_PHONE),
        None,  # valid today; if a bound rejects it, the message still must not show it
        [LONG_PHONE],
    ),
    "too long an account number, as a number": (
        _case_with("debts", "account_number", LONG_NUMBER),
        "debts[0].account_number",
        [str(LONG_NUMBER)],
    ),
    "account number as a mapping": (
        _case_with("debts", "account_number", {"card": "6225880000001234"}),
        "debts[0].account_number",
        ["6225880000001234"],
    ),
    "guarantor as a number": (
        _case_with("debts", "guarantor", 13912345678901234),
        None,
        ["13912345678901234", "13912345678"],
    ),
    "guarantor as a list": (
        _case_with("debts", "guarantor", ["张建国", "13912345678"]),
        "debts[0].guarantor",
        ["张建国", "13912345678"],
    ),
}
FIXES = {  # numbers of 16 digits or more are refused (a spreadsheet may have cut them)
    "en": ("write it as text", "should be a set of 'field: value' lines", "write it in quotes"),
    "zh-CN": ("请写一段文字", "应是一组“字段: 值”", "引号"),
}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("name", list(MALFORMED))
def test_check_names_the_field_and_the_fix_but_never_shows_a_personal_value(
    name, lang, tmp_path, capsys
):
    data, where, secrets = MALFORMED[name]
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    code = main(["check", str(path), "--lang", lang])
    out, err = capsys.readouterr()
    for secret in secrets:
        assert secret not in out + err, (secret, out + err)
    if where is None and code == 0:
        return
    assert code == 2
    assert f"{where}：" in err or f"{where}:" in err, err
    assert any(fix in err for fix in FIXES[lang]), err


def test_the_message_keeps_the_last_four_characters_of_a_number(tmp_path, capsys):
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(_case_with("person", "id_number", 330106199003150011)), "utf-8")
    assert main(["check", str(path), "--lang", "en"]) == 2
    assert (
        "person.id_number: **************0011 is a number of 18 digits" in capsys.readouterr().err
    )


def test_a_cli_run_in_a_fresh_process_shows_no_personal_value(tmp_path):
    from tests.support import run_cli

    path = tmp_path / "case.yaml"
    data = _case_with("person", "id_number", 330106199003150011)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("check", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "330106199003150011" not in result.stdout + result.stderr
    assert "person.id_number: **************0011 is a number of 18 digits" in result.stderr


PERSONAL_PROBLEMS = [
    ("errors.not_text", {}),
    ("errors.invalid", {"detail": "String should have at most 20 characters"}),
    ("errors.invalid", {"detail": "'{raw}' is not allowed here"}),
    ("errors.too_large", {"maximum": 20}),
    ("errors.bad_choice", {"choices": "a, b"}),
    ("errors.not_mapping", {}),
]


@pytest.mark.parametrize("where", ["person.name", "person.phone", "debts[3].guarantor"])
@pytest.mark.parametrize(("key", "params"), PERSONAL_PROBLEMS)
def test_a_personal_value_is_masked_whatever_the_problem(where, key, params):
    raw = "13800138000" if where != "person.name" else "Zhang Wei"
    params = {k: v.format(raw=raw) if isinstance(v, str) else v for k, v in params.items()}
    problem = redact(Problem(where, raw, key, params))
    for lang in ("en", "zh-CN"):
        text = problem.render(lang)
        assert raw not in text and where in text
    assert redact(problem) == problem  # masking twice changes nothing


def test_a_name_is_hidden_entirely_and_a_number_keeps_its_last_four_characters():
    assert redact(Problem("person.name", "Wang Fang", "errors.not_text")).message("en") == (
        "********* is not text; write it as text"
    )
    assert redact(Problem("debts[0].guarantor", "陈建国", "errors.not_text")).message("en") == (
        "*** is not text; write it as text"
    )
    shown = redact(Problem("debts[0].account_number", "6225880000001234", "errors.not_text"))
    assert shown.message("en") == "************1234 is not text; write it as text"


def test_other_fields_still_show_their_value():
    problem = Problem("debts[0].lender", 12, "errors.not_text")
    assert redact(problem) is problem
    assert redact(problem).message("en") == "12 is not text; write it as text"


def test_the_personal_fields_are_those_the_model_marks():
    schema = Case.model_json_schema()
    marked = {
        name
        for definition in schema["$defs"].values()
        for name, prop in definition.get("properties", {}).items()
        if prop.get("personal")
    }
    assert marked == {"name", "id_number", "phone", "guarantor", "account_number", "text"}
    assert {path.rsplit(".", 1)[-1] for path in personal_paths()} == marked | {"person"}


def test_a_spreadsheet_row_never_shows_a_personal_value():
    try:
        Debt.model_validate(
            {"id": "row2", "lender": "x", "kind": "private", "principal": 1, "annual_rate": 0}
            | {"account_number": 6225880000009876, "guarantor": ["陈建国", "13912345678"]}
        )
    except ValidationError as exc:
        problems = problems_from_validation(exc, model=Debt)
    shown = sorted(p.render("en") for p in problems)
    assert [line.split(" is ")[0] for line in shown] == [
        "account_number: ************9876",
        "guarantor: '…'",
    ]
    assert not any(v in line for line in shown for v in ("6225880000009876", "陈建国", "1391234"))


def test_the_editor_never_shows_a_personal_value():
    from helpers.ui.editor.draft import draft_from_case, validate_draft

    draft = draft_from_case(load_sample())
    draft["person"]["id_number"] = 330106199003150011
    draft["debts"][0]["account_number"] = 6225880000009876
    case, problems = validate_draft(draft)
    assert case is None
    texts = [p.render(lang) for p in problems for lang in ("en", "zh-CN")]
    assert len(texts) == 4
    assert not any("330106199003150011" in t or "6225880000009876" in t for t in texts)
    assert any(t.startswith("person.id_number: **************0011 is a number") for t in texts)


def test_the_start_app_never_shows_a_personal_value_of_a_broken_case(cases_dir):
    from helpers.ui.start import StartApp

    (cases_dir / "broken.yaml").write_text(
        yaml.safe_dump(_case_with("person", "id_number", 330106199003150011)), "utf-8"
    )
    app = StartApp("zhang_wei_unemployed", lang="en")
    app.controls["refresh"].click()
    app.controls["case"].value = str(cases_dir / "broken.yaml")
    shown = app.messages.widget.value
    assert "ID number" in shown and "**************0011" in shown  # the form's label
    assert "330106199003150011" not in shown


def test_personal_values_lists_every_marked_value_of_a_case():
    values = personal_values(load_sample("chen_jian_business_loss"))
    assert values[:3] == ["陈建", "441900198205170039", "13700000003"]
    assert {"陈建国", "DG2020011000871", "6214620000009876", "6221550000004321"} <= set(values)


# ---- notebooks in git ---------------------------------------------------------------------------
def _git(repo, *args, check=True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check, timeout=60
    )


def _make(folder, target: str) -> subprocess.CompletedProcess:
    """``make TARGET`` of the project's Makefile in ``folder``, with this Python's environment
    (``-o`` keeps make from reinstalling it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "MAKE"))}
    venv = sys.prefix
    return subprocess.run(
        ["make", "--no-print-directory", "-o", f"{venv}/.installed-stamp", target, f"VENV={venv}"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _executed_notebook() -> dict:
    notebook = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text("utf-8"))
    for number, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = number + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["张伟\n"]}]
    state = {"model": {"state": {"value": "13800000001"}}}
    notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": state}
    return notebook


@pytest.mark.skipif(not shutil.which("git") or not shutil.which("make"), reason="needs git, make")
def test_make_sets_up_the_filter_that_strips_notebooks_on_their_way_into_git(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    for name in ("Makefile", ".gitattributes"):
        shutil.copy(ROOT / name, repo / name)
    _git(repo, "init", "-q")
    attributes = (repo / ".gitattributes").read_bytes()
    for _ in range(2):  # twice: the second run changes nothing
        result = _make(repo, "git-filter")
        assert result.returncode == 0, result.stdout + result.stderr
        assert (repo / ".gitattributes").read_bytes() == attributes
    assert "nbstripout" in _git(repo, "config", "filter.nbstripout.clean").stdout
    path = repo / "notebooks" / "00_start_here.ipynb"
    path.write_text(json.dumps(_executed_notebook(), ensure_ascii=False), "utf-8")
    _git(repo, "add", "notebooks/00_start_here.ipynb")
    staged = _git(repo, "show", ":notebooks/00_start_here.ipynb").stdout
    assert "张伟" not in staged and "13800000001" not in staged
    notebook = json.loads(staged)
    assert "widgets" not in notebook["metadata"]
    assert all(c.get("outputs", []) == [] for c in notebook["cells"])
    # where there is no repository (a downloaded copy), nothing happens and nothing fails
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(ROOT / "Makefile", plain / "Makefile")
    assert _make(plain, "git-filter").returncode == 0
    assert not (plain / ".gitattributes").exists()


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
@pytest.mark.parametrize("target", ["lab", "test"])
def test_make_lab_and_make_test_set_up_the_filter(target):
    venv = sys.prefix
    dry = subprocess.run(
        ["make", "-n", "-o", f"{venv}/.installed-stamp", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "-m nbstripout --install --attributes .gitattributes" in dry.stdout


def test_gitattributes_send_every_notebook_through_the_filter():
    lines = (ROOT / ".gitattributes").read_text("utf-8").splitlines()
    assert "notebooks/*.ipynb filter=nbstripout" in lines


def test_committed_notebooks_are_as_the_filter_leaves_them():
    """So that setting up the filter shows no notebook as changed."""
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    verify = subprocess.run(
        [sys.executable, "-m", "nbstripout", "--verify", *notebooks],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr


# ---- the README ---------------------------------------------------------------------------------
def test_the_readme_keeps_user_files_in_cases_and_asks_for_no_code_editing():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
    commands = [line for block in blocks for line in block.splitlines()]
    commands += [span for span in re.findall(r"`([^`\n]+)`", readme) if span.startswith("cp ")]
    commands = [c.split("#")[0] for c in commands if "-m helpers" in c or c.startswith("cp ")]
    files = re.findall(r"[\w./-]+\.(?:xlsx|csv|yaml|yml|json)\b", "\n".join(commands))
    assert "cases/my_debts.xlsx" in files
    assert [f for f in files if not f.startswith(("cases/", "exports/", "data/samples/"))] == []
    assert "case_path" not in readme and "parameters cell" not in readme
    assert "make test" in readme
