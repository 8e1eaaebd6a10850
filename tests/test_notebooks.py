"""Every notebook of a case runs on every sample under papermill, into a temporary folder, in both
languages (alternating by sample), with the case given by its file or by its name (alternating
too), and leaves the samples byte-identical. The notebook it saves holds no personal value of the
case and no widget state (the apps' widgets hold the borrower's name, ID and phone). The
advisor's caseload notebook (06) runs on a folder of synthetic cases instead.

Starting a kernel and importing the workbench take most of a run (3 to 4 of its 5 s), so each
notebook keeps one kernel for its runs on every sample: its first run is in a fresh kernel (the
notebook needs nothing run before it), and before each later one ``%reset -f`` empties the
kernel's namespace (a name the notebook does not define or import itself still fails). Two
notebooks run at a time, in a module fixture; each test then checks its own run."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import papermill as pm
import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from helpers.case import list_samples, load_case, personal_values
from helpers.caseload import synth_cases, write_cases
from tests.support import ROOT, SAMPLES

CASELOAD_NOTEBOOK = "06_caseload.ipynb"  # a folder of cases, not one case: its own test below
NOTEBOOKS = sorted(
    p.name for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != CASELOAD_NOTEBOOK
)
# what papermill is given: nbclient waits 4 s for a cell's output by default, too short on a
# loaded 2-core CI machine (a widget cell timed out there once); a real hang still fails at
# 120 s; and what JupyterLab does under the project's settings (saveState: false): the
# widgets' state, the case editor's fields among it, is never written into the notebook
_RUN = {
    "kernel_name": "python3",
    "progress_bar": False,
    "iopub_timeout": 60,
    "execution_timeout": 120,
    "store_widget_state": False,
}


def _digest() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(SAMPLES.iterdir())}


def _language(sample: str) -> str:
    return ("zh-CN", "en")[list_samples().index(sample) % 2]


def _case_path(sample: str, notebook: str) -> str:
    """The sample's file, or just its name (what a person may type), in turn."""
    by_name = (list_samples().index(sample) + NOTEBOOKS.index(notebook)) % 2
    return sample if by_name else str(SAMPLES / f"{sample}.yaml")


@pytest.fixture(scope="module")
def samples_before():
    before = _digest()
    yield before
    assert _digest() == before, "a notebook changed data/samples/"


# Empties the namespace and fails (CellExecutionError) if any name of an earlier run is left.
_RESET = """%reset -f
assert [n for n in dir() if n[0] != "_"] == ["In", "Out", "exit", "get_ipython", "open", "quit"]
"""


class _KeptKernel(AsyncKernelManager):
    """A kernel manager that remembers the clients made for it, to close them between runs
    (nbclient leaves a client open on a kernel it does not own)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.made = []

    def client(self, **kwargs):
        made = super().client(**kwargs)
        self.made.append(made)
        return made

    def close_clients(self) -> None:
        while self.made:
            self.made.pop().stop_channels()


def _kernel(manager: _KeptKernel | None) -> _KeptKernel:
    """``manager``'s kernel emptied by ``%reset -f`` (checked), or a fresh kernel started in
    notebooks/ (as papermill does) when there is none yet or it died in a failed run."""
    if manager is not None:
        manager.close_clients()
        if run_sync(manager.is_alive)():
            reset = new_notebook(cells=[new_code_cell(_RESET)])
            NotebookClient(reset, km=manager, timeout=60).execute()
            manager.close_clients()
            return manager
        run_sync(manager.shutdown_kernel)(now=True)
    manager = _KeptKernel(kernel_name="python3")
    run_sync(manager.start_kernel)(cwd=str(ROOT / "notebooks"))
    return manager


def _run_on_every_sample(notebook: str, folders: dict) -> dict[str, Exception | None]:
    """``notebook`` run on each sample in turn in one kernel of its own, each into its folder:
    what each run raised (None: it ran)."""
    manager, raised = None, {}
    try:
        for sample in list_samples():
            try:
                manager = _kernel(manager)
                pm.execute_notebook(
                    str(ROOT / "notebooks" / notebook),
                    str(folders[notebook, sample] / notebook),
                    parameters={
                        "case_path": _case_path(sample, notebook),
                        "lang": _language(sample),
                    },
                    cwd=str(ROOT / "notebooks"),
                    kernel_name="python3",
                    progress_bar=False,
                    # nbclient waits 4 s for a cell's output by default: too short on a loaded
                    # 2-core CI machine (a widget cell timed out there once); a real hang still
                    # fails at 120 s
                    iopub_timeout=60,
                    execution_timeout=120,
                    # what JupyterLab does under the project's settings (saveState: false): the
                    # widgets' state, the case editor's fields among it, is never written into
                    # the notebook
                    store_widget_state=False,
                    km=manager,
                )
                raised[sample] = None
            except Exception as error:  # noqa: BLE001 - raised again in the sample's own test
                raised[sample] = error
    finally:
        if manager is not None:
            manager.close_clients()
            run_sync(manager.shutdown_kernel)(now=True)
    return raised


@pytest.fixture(scope="module")
def runs(tmp_path_factory, samples_before) -> dict[tuple[str, str], tuple[Path, object]]:
    """Every notebook on every sample, two notebooks at a time (the machine's two cores; this
    process only waits on the kernels): each run's folder and what it raised (None: it ran)."""
    folders = {
        (notebook, sample): tmp_path_factory.mktemp(f"{Path(notebook).stem}-{sample}")
        for notebook in NOTEBOOKS
        for sample in list_samples()
    }
    here = os.getcwd()
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            raised = dict(
                zip(NOTEBOOKS, pool.map(partial(_run_on_every_sample, folders=folders), NOTEBOOKS),
                    strict=True)
            )  # fmt: skip
    finally:
        os.chdir(here)  # papermill moves into notebooks/ and back around each run: two at once
    return {key: (folder, raised[key[0]][key[1]]) for key, folder in folders.items()}


def _assert_private(folder, sample: str) -> None:
    """No notebook written under ``folder`` holds widget state or a personal value of the
    sample (its person, each debt's guarantor and account number)."""
    secrets = personal_values(load_case(SAMPLES / f"{sample}.yaml"))
    assert len(secrets) >= 3  # at least the person
    written = sorted(folder.rglob("*.ipynb"))
    assert written
    for path in written:
        text = path.read_text("utf-8")
        assert "widgets" not in json.loads(text)["metadata"], path.name
        assert "application/vnd.jupyter.widget-state+json" not in text, path.name
        assert [s for s in secrets if s in text] == [], path.name


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
@pytest.mark.parametrize("sample", list_samples())
def test_notebook_runs_on_every_sample(notebook, sample, runs, samples_before):
    folder, raised = runs[notebook, sample]
    if raised is not None:
        raise raised
    out = folder / notebook
    assert _errors(out) == []
    assert _digest() == samples_before
    _assert_private(folder, sample)


def _errors(notebook) -> list[dict]:
    executed = json.loads(notebook.read_text("utf-8"))
    return [
        o
        for c in executed["cells"]
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]


@pytest.mark.slow
def test_the_caseload_notebook_runs_on_a_folder_of_synthetic_cases(tmp_path, samples_before):
    folder = tmp_path / "caseload"
    cases = synth_cases(10, seed=5)
    write_cases(cases, folder)
    out = tmp_path / "run" / CASELOAD_NOTEBOOK
    out.parent.mkdir()
    pm.execute_notebook(
        str(ROOT / "notebooks" / CASELOAD_NOTEBOOK),
        str(out),
        parameters={"folder": str(folder), "lang": "en"},
        cwd=str(ROOT / "notebooks"),
        **_RUN,
    )
    assert _errors(out) == []
    text = out.read_text("utf-8")
    assert "application/vnd.jupyter.widget-view+json" in text  # the app was shown
    assert "widgets" not in json.loads(text)["metadata"]
    assert "application/vnd.jupyter.widget-state+json" not in text
    secrets = {v for case in cases for v in personal_values(case) if len(v) >= 2}
    assert len(secrets) >= 10 and [s for s in secrets if s in text] == []
    assert _digest() == samples_before
