import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
import yaml

from helpers.case import (
    case_to_yaml,
    list_cases,
    list_samples,
    load_case,
    load_sample,
    parse_case,
    save_case,
    writable_copy,
)
from helpers.errors import CaseError
from tests.support import SAMPLES


@pytest.mark.parametrize("name", list_samples())
def test_a_round_trip_keeps_every_field(name, tmp_path):
    case = load_sample(name)
    saved = save_case(case, tmp_path / f"{name}.yaml")
    again = load_case(saved)
    assert again == case
    assert again.model_dump() == case.model_dump()
    # and a second save writes the same bytes
    second = save_case(again, tmp_path / "second.yaml")
    assert second.read_bytes() == saved.read_bytes()


def test_saved_files_write_yuan_with_two_decimals_and_plain_dates(tmp_path):
    text = case_to_yaml(load_sample())
    assert "principal: 28000.00" in text
    assert "as_of: 2025-04-01" in text
    assert "daily_rate: 0.0005" in text
    # a plain YAML reader sees numbers and dates, not strings
    data = yaml.safe_load(text)
    assert data["debts"][0]["principal"] == 28000.0


def test_the_file_written_is_valid_for_a_plain_safe_loader(tmp_path):
    for name in list_samples():
        yaml.safe_load(case_to_yaml(load_sample(name)))


def test_unknown_yaml_tags_are_refused_by_the_safe_loader():
    text = "as_of: 2025-04-01\nperson: !!python/object/apply:os.system ['echo hacked']\n"
    with pytest.raises(CaseError) as info:
        parse_case(text)
    assert "line 2: person: uses the YAML tag" in info.value.render("en")


def test_samples_are_read_only(tmp_path):
    with pytest.raises(CaseError, match="read-only"):
        save_case(load_sample(), SAMPLES / "zhang_wei_unemployed.yaml")


def test_changing_a_sample_first_copies_it_into_cases(cases_dir):
    target, copied = writable_copy(SAMPLES / "li_na_illness.yaml")
    assert (target, copied) == (cases_dir / "li_na_illness.yaml", True)
    assert target.read_bytes() == (SAMPLES / "li_na_illness.yaml").read_bytes()
    target.write_text(target.read_text("utf-8") + "# my edit\n", "utf-8")
    again, copied = writable_copy(SAMPLES / "li_na_illness.yaml")
    assert (again, copied) == (target, False)
    assert target.read_text("utf-8").endswith("# my edit\n")  # an existing copy is kept


class _FailingFile:
    """A file object that writes half of what it is given, then fails like a full disk."""

    def __init__(self, real):
        self.real = real

    def write(self, text):
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise OSError(28, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()
        return False


def test_a_save_failing_part_way_leaves_the_target_and_no_temporary_file(tmp_path, monkeypatch):
    from helpers.case import saving as case_io

    target = save_case(load_sample(), tmp_path / "mine.yaml")
    before = target.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(case_io.os, "fdopen", lambda *a, **k: _FailingFile(real_fdopen(*a, **k)))
    changed = load_sample("li_na_illness")
    with pytest.raises(OSError, match="No space"):
        save_case(changed, target)
    assert target.read_bytes() == before
    # only the case and its (empty) lock file
    assert sorted(p.name for p in tmp_path.iterdir()) == [".mine.yaml.lock", "mine.yaml"]


_KILLED_SAVE = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from helpers.case import saving as case_io, load_sample, save_case

    real_fdopen = os.fdopen
    marker = Path(sys.argv[2])

    class Slow:
        def __init__(self, real):
            self.real = real
        def write(self, text):
            self.real.write(text[: len(text) // 2])
            self.real.flush()
            marker.write_text("half written")
            time.sleep(60)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return False

    case_io.os.fdopen = lambda *a, **k: Slow(real_fdopen(*a, **k))
    save_case(load_sample("chen_jian_business_loss"), sys.argv[1])
    """
)


def test_a_save_killed_mid_write_leaves_the_target_and_the_next_save_cleans_up(tmp_path):
    target = save_case(load_sample(), tmp_path / "mine.yaml")
    before = target.read_bytes()
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", _KILLED_SAVE, str(target), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the saving process ended before writing"
            assert time.monotonic() < deadline, "the saving process never started writing"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == before
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]
    assert len(leftovers) == 1 and 0 < leftovers[0].stat().st_size
    # the leftover is ignored when loading and listing...
    assert load_case(target) == load_sample()
    assert list_cases(tmp_path) == [target]
    # ...and removed by the next save
    save_case(load_sample("li_na_illness"), target)
    assert not leftovers[0].exists()
    assert load_case(target) == load_sample("li_na_illness")


def test_gb18030_case_files_are_read(tmp_path):
    text = case_to_yaml(load_sample())
    path = tmp_path / "gbk.yaml"
    path.write_bytes(text.encode("gb18030"))
    assert load_case(path) == load_sample()


def test_problems_carry_the_line_of_the_field():
    text = textwrap.dedent(
        """\
        as_of: 2025-04-01
        debts:
          - lender: 招商银行
            kind: credit_card
            principal: 1000
            annual_rate: 18
        """
    )
    with pytest.raises(CaseError) as info:
        parse_case(text, source="x.yaml")
    assert info.value.render("en").splitlines() == [
        "x.yaml: 1 problem",
        "line 6: debts[0].annual_rate: 18 is not a fraction; did you mean 0.18?",
    ]


def test_an_edited_draft_is_kept_as_a_block_and_a_bad_one_is_named():
    text = textwrap.dedent(
        """\
        as_of: 2025-04-01
        person: {name: 张伟}
        debts:
          - lender: 招商银行
            kind: credit_card
            principal: 1000
            annual_rate: 0.18
        drafts:
          - debt: d1
            lang: zh-CN
            kind: chat
            text: |
              您好，我是张伟。
              想协商还款。
            based_on: 0123456789abcdef
          - debt: d1
            lang: fr
            kind: letter
            text: 张伟的信
            based_on: xyz
        """
    )
    with pytest.raises(CaseError) as info:
        parse_case(text, source="x.yaml")
    lines = info.value.render("en").splitlines()
    assert lines == [
        "x.yaml: 2 problems",
        "line 17: drafts[1].lang: 'fr' is not one of the choices: zh-CN, en",
        "line 18: drafts[1].kind: 'letter' is not one of the choices: application, call_script, "
        "chat, checklist",
    ]  # based_on "xyz" is no problem: it only marks the edit as made on other figures
    good = text[: text.index("  - debt: d1\n    lang: fr")]
    case = parse_case(good)
    assert case.drafts[0].text == "您好，我是张伟。\n想协商还款。"
    assert "text: |-\n" in case_to_yaml(case)  # written back as a block, as the user wrote it
