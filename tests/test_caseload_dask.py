"""The caseload past one machine (issue 19): on a 2-worker Dask ``LocalCluster`` the rows equal
the single-process run's exactly, and ``compare()`` case by case; bad files behave the same;
``--workers`` and ``--scheduler`` are checked, and the cluster's processes are gone after a run."""

from __future__ import annotations

import os
import shutil
import socket
import time
from functools import partial
from pathlib import Path

import pandas as pd
import psutil
import pytest

import helpers.cli.caseload_commands as caseload_commands
from helpers.case import load_case
from helpers.caseload import case_paths, run_caseload, synth_cases, write_cases
from helpers.cli.caseload_commands import SCHEDULER_TIMEOUT, runner
from helpers.i18n import t
from helpers.scenarios import compare
from tests.support import SAMPLES, run_in_process
from tests.test_caseload import BAD, write_bad_files

SEED = 19  # the number: any seed would do


@pytest.fixture(scope="module")
def cluster_runner():
    """``dask_rows`` on a 2-worker LocalCluster started as ``--workers 2`` starts it."""
    with runner(workers=2) as rows:
        yield rows


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    """The five samples and the five bad files of tests/test_caseload.py in one folder."""
    for path in SAMPLES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    write_bad_files(tmp_path)
    return tmp_path


def _recommended(path: Path) -> tuple[str, bool, int]:
    """compare() on the case at ``path``: its recommended scenario, whether that is feasible, and
    its total cost (what the scenario pays plus what it leaves owed)."""
    comparison = compare(load_case(path))
    best = comparison.result(comparison.recommended)
    total = best.metrics.total_paid_fen + best.metrics.balance_left_fen
    return comparison.recommended, best.feasible, total


@pytest.mark.slow
def test_300_synthetic_cases_on_2_workers_equal_one_process_and_compare(tmp_path, cluster_runner):
    write_cases(synth_cases(300, SEED), tmp_path)
    single = run_caseload([tmp_path], lang="en", redact=False)
    cluster = run_caseload([tmp_path], lang="en", redact=False, runner=cluster_runner)
    assert len(single) == 300 and single["loaded"].all()  # every synthetic case is valid
    pd.testing.assert_frame_equal(cluster, single)  # every cell, every dtype, the same order
    # and each row (the cluster's) equals compare() on its case, to the fen: compare() runs on
    # the two workers, 300 cases in half the time (the workers' rows equal this process's above)
    rows = cluster.to_dict("records")
    client = cluster_runner.keywords["client"]
    paths = [tmp_path / f"{row['case']}.yaml" for row in rows]
    checked = client.gather(client.map(_recommended, paths, pure=False))
    for row, (recommended, feasible, total) in zip(rows, checked, strict=True):
        assert row["recommended"] == recommended, row["case"]
        assert row["feasible"] == feasible, row["case"]
        assert row["total_cost"] == total, row["case"]


def test_bad_files_on_the_cluster_are_listed_and_never_stop_it(mixed_dir, cluster_runner):
    # batches of 3 files: 10 files make 4 batches, each mixing good and bad files
    # (sorted: broken, chen_jian, folder | li_na, list, negative | not_text, wang_fang,
    # zhang_wei | zhao_min)
    seen = []
    rows = partial(cluster_runner, chunk=3)
    frame = run_caseload([mixed_dir], lang="en", redact=False, runner=rows,
                         progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    pd.testing.assert_frame_equal(frame, run_caseload([mixed_dir], lang="en", redact=False))
    by_case = frame.set_index("case")
    for name, message in BAD.items():
        assert not by_case.loc[name, "loaded"], name
        assert message in by_case.loc[name, "problems"], name
    assert frame["loaded"].sum() == 5 and frame["triage_rank"].notna().sum() == 5
    # one report per batch, as it completes: the cases done grow 3 or 1 at a time to 10
    assert len(seen) == 4 and seen[-1] == (10, 10)
    steps = [b[0] - a[0] for a, b in zip([(0, 10), *seen], seen, strict=False)]
    assert sorted(steps) == [1, 3, 3, 3]


def test_dask_rows_gives_the_rows_in_the_order_of_the_files(mixed_dir, cluster_runner):
    files = case_paths([mixed_dir])
    labels = [f"#{k}" for k in range(len(files))]
    rows = cluster_runner(files, labels, lang="en", chunk=4)
    assert [row.cells["case"] for row in rows] == labels


def _worker_pids_recorded(into: list[int], listening: list[str]):
    """``dask_rows`` that first records the PIDs of the cluster's worker processes, and the
    addresses this process and the workers listen on."""
    real = caseload_commands.dask_rows

    def recording(*args, client, **kwargs):
        into.extend(client.run(os.getpid).values())
        for pid in [os.getpid(), *into]:
            for conn in psutil.Process(pid).net_connections(kind="inet"):
                if conn.status == psutil.CONN_LISTEN:
                    listening.append(conn.laddr.ip)
        return real(*args, client=client, **kwargs)

    return recording


def _gone(pid: int, seconds: float = 15) -> bool:
    """Whether process ``pid`` has exited (a zombie not yet reaped counts as exited)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_cli_workers_runs_quietly_and_leaves_no_process(
    mixed_dir, tmp_path, monkeypatch, capfd, recwarn
):
    pids: list[int] = []
    listening: list[str] = []
    monkeypatch.setattr(caseload_commands, "dask_rows", _worker_pids_recorded(pids, listening))
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    out = tmp_path / "triage.csv"
    code, stdout, stderr = run_in_process(
        ["caseload", str(mixed_dir), "--out", str(out), "--workers", "2", "--lang", "en"],
        seconds=180,
    )
    assert code == 0, stderr
    assert stdout.splitlines()[0].startswith("10 cases, 5 loaded, 5 with problems; first in ")
    assert out.exists()
    assert len(pids) == 2 and os.getpid() not in pids  # two worker processes of their own
    # the scheduler (here) and each worker listen, all on 127.0.0.1 only
    assert len(listening) >= 3 and set(listening) == {"127.0.0.1"}, listening
    assert all(_gone(pid) for pid in pids), pids
    after = {p.pid for p in psutil.Process().children(recursive=True)}
    assert not [pid for pid in after - before if not _gone(pid)]  # nothing else left running
    # Dask's own log lines stay off the terminal (the workers write to the same stderr)
    terminal = capfd.readouterr().err + stderr
    assert "distributed." not in terminal and "Traceback" not in terminal
    # nor does its warning that port 8787 was taken (by the other tests' cluster)
    assert not [w for w in recwarn if "already in use" in str(w.message)]


def test_cli_scheduler_at_a_bad_address_exits_2_naming_it_within_the_timeout(tmp_path):
    with socket.socket() as probe:  # a port free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    started = time.monotonic()
    code, stdout, stderr = run_in_process(
        ["caseload", str(SAMPLES), "--out", str(tmp_path / "t.csv"),
         "--scheduler", address, "--lang", "en"],
        seconds=SCHEDULER_TIMEOUT + 30,
    )  # fmt: skip
    assert code == 2
    assert stderr.startswith(f"--scheduler: cannot reach the Dask scheduler at '{address}'")
    assert time.monotonic() - started < SCHEDULER_TIMEOUT + 15  # the timeout, and no retry
    assert stdout == "" and not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize(
    ("options", "field", "key", "values"),
    [
        (["--workers", "0"], "--workers", "cli.caseload.bad_workers", {"most": 64}),
        (["--workers", "65"], "--workers", "cli.caseload.bad_workers", {"most": 64}),
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler",
         "cli.caseload.workers_and_scheduler", {}),
    ],
)  # fmt: skip
def test_cli_refuses_wrong_cluster_options_with_exit_2(tmp_path, options, field, key, values):
    code, stdout, stderr = run_in_process(
        ["caseload", str(SAMPLES), "--out", str(tmp_path / "t.csv"), *options, "--lang", "en"]
    )
    assert code == 2
    value = options[options.index(field) + 1]
    message = t(key, "en", value=f"'{value}'" if field == "--scheduler" else value, **values)
    assert stderr.strip().startswith(f"{field}: ") and message in stderr
    assert stdout == ""


@pytest.mark.filterwarnings("ignore:Port .* is already in use:UserWarning")  # 8787: taken
def test_cli_scheduler_runs_on_an_existing_cluster(mixed_dir, tmp_path):
    from distributed import LocalCluster

    # an existing cluster: one worker thread in this process, its scheduler on tcp://127.0.0.1
    with LocalCluster(n_workers=1, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address=None) as cluster:  # fmt: skip
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        out = tmp_path / "triage.csv"
        code, stdout, stderr = run_in_process(
            ["caseload", str(mixed_dir), "--out", str(out), "--scheduler", address,
             "--no-redact", "--lang", "en"],
            seconds=120,
        )  # fmt: skip
        assert code == 0, stderr
    assert stdout.splitlines()[0].startswith("10 cases, 5 loaded, 5 with problems; first in ")
    # the same table as the single process writes
    single = tmp_path / "single.csv"
    code, _, _ = run_in_process(
        ["caseload", str(mixed_dir), "--out", str(single), "--no-redact", "--lang", "en"],
        seconds=120,
    )
    assert code == 0 and out.read_bytes() == single.read_bytes()


@pytest.mark.filterwarnings("ignore:Port .* is already in use:UserWarning")  # 8787: taken
def test_cli_scheduler_whose_workers_lack_the_workbench_exits_2_saying_so(
    mixed_dir, tmp_path, monkeypatch
):
    from distributed import LocalCluster

    def without_helpers(*args, **kwargs):  # what Dask passes on from such a worker
        raise ModuleNotFoundError("No module named 'helpers'", name="helpers")

    monkeypatch.setattr(caseload_commands, "dask_rows", without_helpers)
    with LocalCluster(n_workers=1, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address=None) as cluster:  # fmt: skip
        address = cluster.scheduler_address
        code, _, stderr = run_in_process(
            ["caseload", str(mixed_dir), "--out", str(tmp_path / "t.csv"),
             "--scheduler", address, "--lang", "en"],
            seconds=60,
        )  # fmt: skip
    assert code == 2
    message = t("cli.caseload.workers_without_helpers", "en", value=f"'{address}'")
    assert stderr.strip() == f"--scheduler: {message}"
