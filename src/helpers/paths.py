"""Every folder the workbench reads or writes, in one place.

The project folder is found from this file (a source checkout installed with ``pip install -e``)
or, failing that, the current folder; ``WORKBENCH_HOME`` overrides both, ``WORKBENCH_CASES`` the
cases folder alone and ``WORKBENCH_EXPORTS`` the exports folder alone. Samples are read-only:
user data lives in ``cases/`` and ``exports/``, which git ignores.

>>> SAMPLES_DIR.name, CASES_DIR.name, EXPORTS_DIR.name
('samples', 'cases', 'exports')
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "PROJECT_DIR",
    "SAMPLES_DIR",
    "CASES_DIR",
    "EXPORTS_DIR",
    "NOTEBOOKS_DIR",
    "NEW_CASE_NAME",
    "is_sample",
    "new_case_path",
    "shown_path",
]


def _project_dir() -> Path:
    if os.environ.get("WORKBENCH_HOME"):
        return Path(os.environ["WORKBENCH_HOME"]).resolve()
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "data" / "samples").is_dir():
        return checkout
    return Path.cwd()


PROJECT_DIR = _project_dir()
SAMPLES_DIR = PROJECT_DIR / "data" / "samples"
# WORKBENCH_CASES keeps the cases elsewhere (the browser tests' servers use a temporary folder)
CASES_DIR = Path(os.environ.get("WORKBENCH_CASES") or PROJECT_DIR / "cases")
EXPORTS_DIR = Path(os.environ.get("WORKBENCH_EXPORTS") or PROJECT_DIR / "exports")
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
NEW_CASE_NAME = "new_case.yaml"  # where a case that never had a file is kept


def is_sample(path: str | os.PathLike[str]) -> bool:
    """Whether a path lies in the read-only samples folder.

    >>> is_sample(SAMPLES_DIR / "zhang_wei_unemployed.yaml"), is_sample(CASES_DIR / "mine.yaml")
    (True, False)
    """
    resolved = Path(path).resolve()
    return resolved.is_relative_to(SAMPLES_DIR.resolve())


def new_case_path() -> Path:
    """Where a case that came from no file (built in code, or given to an app as an object) is
    saved: ``cases/new_case.yaml``, in the cases folder as it is now.

    Where would the editor keep a case I typed in from scratch?

    >>> new_case_path().relative_to(CASES_DIR.parent).as_posix()
    'cases/new_case.yaml'
    """
    return CASES_DIR / NEW_CASE_NAME


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file as a page names it: from the project folder (``data/samples/li_na_illness.yaml``),
    a case by its place in the cases folder (``cases/mine.yaml``), anything else by its name
    alone; never the machine's absolute path. A relative path is taken from the project folder.

    Where does the editor say a sample's copy is saved?

    >>> shown_path(CASES_DIR / "zhang_wei_unemployed.yaml")
    'cases/zhang_wei_unemployed.yaml'
    >>> shown_path(SAMPLES_DIR / "li_na_illness.yaml"), shown_path("/elsewhere/my debts.xlsx")
    ('data/samples/li_na_illness.yaml', 'my debts.xlsx')
    """
    resolved = (PROJECT_DIR / path).resolve()
    for folder, shown in ((CASES_DIR, Path(CASES_DIR.name)), (PROJECT_DIR, Path())):
        if resolved.is_relative_to(folder.resolve()):
            return (shown / resolved.relative_to(folder.resolve())).as_posix()
    return resolved.name
