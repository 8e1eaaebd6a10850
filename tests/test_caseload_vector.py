"""The caseload's vectorised runner (issue 19): the cases of a batch compared side by side give
the same rows, cell by cell, as a loop of compare() case by case; bad files, a batch the
vectorised engine fails on and a case without debts are handled as the loop handles them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import helpers.caseload.vectorised as vectorised
from helpers.caseload import (
    batch_size,
    case_paths,
    loop_rows,
    run_caseload,
    synth_cases,
    vector_rows,
    write_cases,
)
from tests.support import SAMPLES
from tests.test_caseload import BAD, write_bad_files


@pytest.fixture(scope="module")
def caseload_dir(tmp_path_factory) -> Path:
    """The samples, 40 synthetic cases and the bad files of tests/test_caseload.py."""
    folder = tmp_path_factory.mktemp("caseload")
    for path in SAMPLES.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    write_cases(synth_cases(40, seed=23), folder)
    write_bad_files(folder)
    return folder


def cells(rows):
    return [row.cells for row in rows]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_side_by_side_rows_equal_the_loop_cell_by_cell(caseload_dir, lang):
    files = case_paths([caseload_dir])
    labels = [None] * len(files)
    # batches of 7: bad files and good ones mixed in most batches, the last one short
    side_by_side = vector_rows(files, labels, lang=lang, batch=7)
    assert cells(side_by_side) == cells(loop_rows(files, labels, lang=lang))
    assert [row.personal for row in side_by_side] == [
        row.personal for row in loop_rows(files, labels, lang=lang)
    ]
    loaded = [row for row in side_by_side if row.loaded]
    assert len(loaded) == 45 and not any(row.cells["problems"] for row in loaded)
    assert len(side_by_side) - len(loaded) == len(BAD)


def test_a_batch_the_engine_fails_on_is_done_case_by_case(caseload_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise FloatingPointError("a fault in the vectorised engine")

    monkeypatch.setattr(vectorised, "compare_cases", broken)
    files = case_paths([caseload_dir])[:12]
    labels = [f"case {k}" for k in range(12)]
    assert cells(vector_rows(files, labels, lang="en")) == cells(
        loop_rows(files, labels, lang="en")
    )


def test_progress_is_reported_row_by_row(caseload_dir):
    files = case_paths([caseload_dir])
    seen = []
    vector_rows(files, [None] * len(files), lang="en", batch=20,
                progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    total = len(files)  # 5 samples + 40 synthetic + the bad files
    assert seen == [(done, total) for done in range(1, total + 1)]


def test_the_default_runner_of_a_caseload_is_the_vectorised_one(caseload_dir):
    frame = run_caseload([caseload_dir], lang="en", redact=False)
    again = run_caseload([caseload_dir], lang="en", redact=False, runner=loop_rows)
    assert frame.equals(again)


def test_batch_sizes():
    # 10 steps of progress for a short caseload, at least 25 cases a batch, at most 1,000
    assert [batch_size(n) for n in (0, 40, 250, 1_000, 4_000, 100_000)] == [
        25, 25, 25, 100, 400, 1_000,
    ]  # fmt: skip
