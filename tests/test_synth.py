"""Synthetic caseloads (helpers.caseload.synth, ``python -m helpers synth``): every case valid and
read back equal, the engine and the comparison run on them, the same seed writes the same bytes,
the proportions follow the module's table, the command refuses bad options."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from helpers.case import load_case, parse_case, personal_values
from helpers.case.saving import case_to_yaml
from helpers.caseload.synth import (
    BLOCK,
    HARDSHIP_SHARES,
    OVERDUE_SHARES,
    PROFILE_SHARES,
    SECURED_SHARES,
    UNSECURED_SHARES,
    synth_case,
    synth_cases,
    synth_name,
    write_cases,
)
from helpers.cli import main
from helpers.engine import ScenarioSpec, project_batch
from helpers.scenarios import compare


@pytest.fixture(scope="module")
def many():
    return synth_cases(5000, seed=11)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_case_validates_and_reads_back_equal(seed, tmp_path):
    cases = synth_cases(70, seed)
    paths = write_cases(cases, tmp_path)
    assert [p.name for p in paths[:2]] == ["synth_00001.yaml", "synth_00002.yaml"]
    for case, path in zip(cases, paths, strict=True):
        assert load_case(path) == case
        assert parse_case(case_to_yaml(case)) == case
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in paths]  # no leftovers


def test_the_engine_and_the_comparison_run_on_a_sample():
    for case in synth_cases(20, seed=4):
        batch = project_batch(case, [ScenarioSpec(), ScenarioSpec(policy="avalanche")], horizon=24)
        assert batch.row(0).balance_left_fen >= 0
        comparison = compare(case)
        assert comparison.recommended in {r.scenario.name for r in comparison.results}


def test_a_caseload_is_drawn_by_blocks_and_a_longer_one_extends_a_shorter_one():
    whole = synth_cases(BLOCK + 5, seed=9)
    assert synth_cases(3, seed=9) == whole[:3]
    assert synth_cases(10, seed=9, first=BLOCK - 4) == whole[BLOCK - 5 :]  # across two blocks
    assert [c.person.phone for c in whole[BLOCK - 1 : BLOCK + 1]] == ["17000001000", "17000001001"]
    one = synth_case(np.random.default_rng(9), 7)
    assert one == synth_case(np.random.default_rng(9), 7) and one.person.phone == "17000000007"


def test_same_seed_same_bytes_and_different_seeds_different_cases(tmp_path):
    first = write_cases(synth_cases(30, seed=5), tmp_path / "a")
    again = write_cases(synth_cases(30, seed=5), tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    one, two = synth_cases(30, seed=5), synth_cases(30, seed=6)
    # two cases of different seeds could coincide only by a fluke; here every pair differs
    assert sum(a != b for a, b in zip(one, two, strict=True)) == 30
    assert len({case_to_yaml(c) for c in one}) == 30  # and the cases of one seed differ too


def test_personal_fields_are_fake_but_shaped_like_real_ones():
    case = synth_cases(12, seed=2)[11]  # case number 12
    assert case.person.phone == "17000000012"
    id_number = case.person.id_number
    # GB 11643 check digit: weights 2^(17-i) mod 11, check = "10X98765432"[sum mod 11]
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    assert weights[:3] == [7, 9, 10]  # the standard's first weights
    total = sum(int(c) * w for c, w in zip(id_number[:17], weights, strict=True))
    assert len(id_number) == 18 and id_number[17] == "10X98765432"[total % 11]
    assert id_number[14:16] == "00"  # a sequence no one is given first: obviously made up
    numbers = [d.account_number for d in case.debts if d.account_number]
    assert numbers and all(n.endswith("00000012") for n in numbers)
    assert case.person.name in personal_values(case) and len(personal_values(case)) >= 3


def _tolerance(p: float) -> float:
    """Four standard errors of a share over 5,000 draws. Debts of one case share its profile, so
    per-debt shares are not 15,000 independent draws; counting each case as one draw (5,000)
    overstates the error, which is the safe side. The seed is fixed, so the test is deterministic;
    with another seed a 4-sigma miss would happen about once in 16,000 checks."""
    return 4 * math.sqrt(p * (1 - p) / 5000)


def _check(counts: dict[str, int], expected: dict[str, float]) -> None:
    total = sum(counts.values())
    for key, share in expected.items():
        assert abs(counts.get(key, 0) / total - share) <= _tolerance(share), key


def test_hardships_kinds_and_overdue_states_follow_the_table(many):
    hardships: dict[str, int] = {}
    kinds: dict[str, int] = {}
    bands: dict[str, int] = {}
    secured = {"mortgage": 0, "car": 0}
    for case in many:
        hardships[case.hardship.kind.value] = hardships.get(case.hardship.kind.value, 0) + 1
        for debt in case.debts:
            kind = debt.kind.value
            if kind in secured:
                secured[kind] += 1
            else:
                kinds[kind] = kinds.get(kind, 0) + 1
            days = debt.days_overdue
            band = "current" if days == 0 else "1-30" if days <= 30 else "31-90"
            band = "90+" if days > 90 else band
            bands[band] = bands.get(band, 0) + 1
    _check(hardships, HARDSHIP_SHARES)
    _check(kinds, UNSECURED_SHARES)
    # overall overdue shares: profile shares 0.3/0.4/0.3 times each profile's row, e.g. current
    # 0.3 × 0.80 + 0.4 × 0.40 + 0.3 × 0.10 = 0.24 + 0.16 + 0.03 = 0.43; 1–30: 0.045 + 0.12 +
    # 0.045 = 0.21; 31–90: 0.015 + 0.08 + 0.09 = 0.185; 90+: 0 + 0.04 + 0.135 = 0.175
    assert PROFILE_SHARES == (0.30, 0.40, 0.30) and OVERDUE_SHARES[0] == (0.80, 0.15, 0.05, 0.0)
    _check(bands, {"current": 0.43, "1-30": 0.21, "31-90": 0.185, "90+": 0.175})
    # a mortgage in 0.3 × 0.10 + 0.4 × 0.20 + 0.3 × 0.40 = 0.23 of cases; a car loan in
    # 0.3 × 0.10 + 0.4 × 0.15 + 0.3 × 0.25 = 0.165
    assert SECURED_SHARES == {"mortgage": (0.10, 0.20, 0.40), "car": (0.10, 0.15, 0.25)}
    for kind, share in (("mortgage", 0.23), ("car", 0.165)):
        assert abs(secured[kind] / len(many) - share) <= _tolerance(share), kind


def test_some_cases_are_hard_and_some_easy(many):
    from helpers.budget import monthly_budget

    sample = many[:600]
    stuck = sum(max(monthly_budget(c, horizon=3).capacity_fen) <= 0 for c in sample)
    # hard cases (0.30) carry nothing until recovery, at least 6 months ahead
    assert 0.22 <= stuck / len(sample) <= 0.38
    late = sum(any(d.days_overdue > 90 for d in c.debts) for c in sample)
    on_time = sum(all(d.days_overdue == 0 for d in c.debts) for c in sample)
    assert late / len(sample) >= 0.25 and on_time / len(sample) >= 0.15


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(["synth", *argv, "--lang", "en"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--n", "0"], "--n:"),
        (["--n", "1000001"], "--n:"),
        (["--n", "ten"], "--n"),
        (["--n", "2", "--seed", "-1"], "--seed:"),
    ],
)
def test_bad_numbers_exit_2_naming_the_option(argv, option, capsys, tmp_path):
    code, text = _run(capsys, *argv, "--out", str(tmp_path / "out"))
    assert code == 2 and option in text
    assert not (tmp_path / "out" / synth_name(1)).exists()


def test_an_out_that_is_a_file_or_cannot_be_written_exits_2(capsys, tmp_path):
    afile = tmp_path / "cases.txt"
    afile.write_text("mine", encoding="utf-8")
    code, text = _run(capsys, "--n", "2", "--out", str(afile))
    assert code == 2 and text.startswith("--out:") and "is a file" in text
    code, text = _run(capsys, "--n", "2", "--out", str(afile / "inside"))
    assert code == 2 and text.startswith("--out:") and "cannot write" in text
    if sys.platform == "linux":  # no folder can be made in /proc, even by root
        code, text = _run(capsys, "--n", "2", "--out", "/proc/synth-cases")
        assert code == 2 and text.startswith("--out:") and "cannot write" in text
    assert afile.read_text(encoding="utf-8") == "mine"


def test_existing_cases_are_kept_unless_force(capsys, tmp_path):
    out = tmp_path / "out"
    code, text = _run(capsys, "--n", "4", "--seed", "1", "--out", str(out))
    assert code == 0 and text.startswith("4 synthetic cases written")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, text = _run(capsys, "--n", "6", "--seed", "2", "--out", str(out))
    assert code == 2 and "4 case files are already in" in text and "--force" in text
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing written
    code, _ = _run(capsys, "--n", "6", "--seed", "2", "--out", str(out), "--force")
    assert code == 0
    fresh = write_cases(synth_cases(6, seed=2), tmp_path / "fresh")
    assert [(out / p.name).read_bytes() for p in fresh] == [p.read_bytes() for p in fresh]


def test_write_cases_refuses_to_overwrite_unless_forced(tmp_path):
    from helpers.errors import CaseError

    write_cases(synth_cases(1, seed=1), tmp_path)
    with pytest.raises(CaseError, match="1 case file is already there"):
        write_cases(synth_cases(2, seed=3), tmp_path)
    assert not (tmp_path / synth_name(2)).exists()
    assert (
        load_case(write_cases(synth_cases(1, seed=3), tmp_path, force=True)[0])
        == (synth_cases(1, seed=3)[0])
    )


def test_the_command_writes_block_by_block_the_same_files(capsys, tmp_path, monkeypatch):
    import helpers.caseload.synth as synth
    import helpers.cli.synth_commands as command

    monkeypatch.setattr(synth, "BLOCK", 3)
    monkeypatch.setattr(command, "BLOCK", 3)  # 7 cases: blocks of 3, 3 and 1
    code, text = _run(capsys, "--n", "7", "--seed", "4", "--out", str(tmp_path / "out"))
    assert code == 0 and text.startswith("7 synthetic cases written")
    whole = write_cases(synth_cases(7, seed=4), tmp_path / "whole")
    assert [(tmp_path / "out" / p.name).read_bytes() for p in whole] == [
        p.read_bytes() for p in whole
    ]
    assert len(list((tmp_path / "out").iterdir())) == 7
