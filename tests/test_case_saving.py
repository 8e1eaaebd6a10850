"""Reading within bounds and saving safely (issue 15): hostile YAML is refused before anything
is built from it; saves wait for each other, keep the user's comments and layout, write
through symlinks and stay private."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml as pyyaml

from helpers.case import (
    list_samples,
    load_case,
    load_sample,
    parse_case,
    save_case,
    writable_copy,
    yaml_text,
)
from helpers.cli import main
from helpers.errors import CaseError
from helpers.ui import CaseEditor
from tests.support import SAMPLES


def _refused_before_building(text: str, monkeypatch) -> CaseError:
    """Parse ``text``, failing the test if the YAML loader is ever asked to build it."""

    def never(_text):
        raise AssertionError("the YAML loader was reached")

    monkeypatch.setattr(yaml_text, "load_yaml", never)
    monkeypatch.setattr("helpers.case.io.load_yaml", never)
    start = time.monotonic()
    with pytest.raises(CaseError) as info:
        parse_case(text)
    assert time.monotonic() - start < 5
    return info.value


# ---- hostile YAML --------------------------------------------------------------------------
def test_an_alias_bomb_is_refused_before_it_expands(monkeypatch):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for k in range(1, 9):
        prev, name = chr(96 + k), chr(97 + k)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    error = _refused_before_building("\n".join(lines) + "\n", monkeypatch)
    assert "anchor or alias" in error.render("en")


def test_an_alias_to_itself_is_refused(monkeypatch):
    error = _refused_before_building("as_of: &a [*a]\n", monkeypatch)
    assert error.problems[0].key == "errors.yaml_alias"


def test_ten_thousand_levels_of_nesting_are_refused(monkeypatch):
    error = _refused_before_building("a: " + "[" * 10_000 + "]" * 10_000 + "\n", monkeypatch)
    assert error.problems[0].key == "errors.yaml_too_deep"
    assert "16 levels" in error.render("en")


def test_a_50_mb_file_is_refused_without_reading_it_all(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"as_of: 2025-04-01\nnote: ")
        handle.seek(50_000_000)
        handle.write(b"x\n")
    start = time.monotonic()
    assert main(["check", str(path), "--lang", "en"]) == 2
    assert time.monotonic() - start < 5
    assert "too large (at most 1 MB)" in capsys.readouterr().err


def test_yaml_1_2_keeps_times_and_yes_as_text():
    data = yaml_text.load_yaml("a: 1:30:00\nb: yes\nc: 2025-02-30\n")
    assert (data["a"], data["b"], data["c"]) == ("1:30:00", "yes", "2025-02-30")
    assert pyyaml.safe_load("a: 1:30:00")["a"] == 5400  # what YAML 1.1 made of it


def test_an_impossible_date_is_a_field_problem_with_its_line():
    text = (
        (SAMPLES / "li_na_illness.yaml")
        .read_text("utf-8")
        .replace("as_of: 2025-09-10", "as_of: 2025-02-30")
    )
    with pytest.raises(CaseError) as info:
        parse_case(text)
    assert info.value.problems[0].where == "as_of"
    assert info.value.problems[0].line == 5


# ---- saving in place -----------------------------------------------------------------------
@pytest.mark.parametrize("name", list_samples())
def test_a_sample_saved_unchanged_into_cases_is_the_same_file(name, cases_dir):
    target, copied = writable_copy(SAMPLES / f"{name}.yaml")
    assert copied and target.parent == cases_dir
    save_case(load_case(target), target)
    assert target.read_bytes() == (SAMPLES / f"{name}.yaml").read_bytes()
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_one_field_changed_in_the_editor_changes_only_its_line(cases_dir):
    target, _ = writable_copy(SAMPLES / "li_na_illness.yaml")
    original = target.read_text("utf-8").replace(
        "as_of: 2025-09-10", "as_of: 2025-09-10  # the day I read my statements"
    )
    target.write_text("# Li Na's case, kept by hand\n" + original, "utf-8")
    before = target.read_text("utf-8").splitlines()
    app = CaseEditor(target, lang="en")
    app.controls["debts.selector"].value = 2  # 马上消费金融
    app.controls["debts.principal"].value = "9100.00"
    assert app.save() == target
    after = target.read_text("utf-8").splitlines()
    changed = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    assert changed == ["-     principal: 9200.00", "+     principal: 9100.00"]
    assert after[0] == "# Li Na's case, kept by hand"
    assert load_case(target).debt("d3").principal_fen == 910_000


def test_a_symlinked_case_stays_a_link_and_its_target_is_saved(tmp_path):
    real = save_case(load_sample(), tmp_path / "real.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    save_case(load_sample("li_na_illness"), link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_case(real) == load_sample("li_na_illness")


def test_temporaries_of_a_name_with_brackets_are_cleaned(tmp_path):
    target = save_case(load_sample(), tmp_path / "mine[1].yaml")
    stale = tmp_path / ".mine[1].yaml.abc123.saving"
    stale.write_text("half a save", "utf-8")
    save_case(load_sample("li_na_illness"), target)
    assert not stale.exists()


_SAVER = textwrap.dedent(
    """
    import sys
    from helpers.case import load_sample, save_case
    case = load_sample(sys.argv[2])
    for _ in range(int(sys.argv[3])):
        save_case(case, sys.argv[1])
    """
)


def test_two_processes_saving_one_case_200_times_each_all_succeed(tmp_path):
    real = save_case(load_sample(), tmp_path / "real.yaml")
    link = tmp_path / "shared.yaml"
    link.symlink_to(real)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    savers = [
        subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(link), name, "200"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for name in ("li_na_illness", "wang_fang_income_drop")
    ]
    seen = set()
    while any(s.poll() is None for s in savers):
        seen.add(load_case(real).as_of)  # the file always parses, mid-save or not
        time.sleep(0.01)
    for saver in savers:
        assert saver.wait(timeout=120) == 0, saver.stderr.read()
    final = load_case(real)
    assert final in (load_sample("li_na_illness"), load_sample("wang_fang_income_drop"))
    assert link.is_symlink()
    assert oct(real.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]
    assert len(seen) >= 1


def test_a_save_that_cannot_get_the_lock_says_so(tmp_path, monkeypatch):
    from filelock import FileLock

    from helpers.case import saving

    target = save_case(load_sample(), tmp_path / "mine.yaml")
    monkeypatch.setattr(saving, "LOCK_SECONDS", 0.2)
    with FileLock(str(tmp_path / ".mine.yaml.lock")):
        code = subprocess.run(
            [sys.executable, "-c", "import sys\nfrom helpers.case import saving, load_sample\n"
             "saving.LOCK_SECONDS = 0.2\nsaving.save_case(load_sample(), sys.argv[1])",
             str(target)],
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert code.returncode != 0 and "another window is saving this case" in code.stderr
    assert Path(target).read_bytes()  # untouched
