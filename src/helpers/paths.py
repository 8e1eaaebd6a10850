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
import tempfile
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
    "write_atomic",
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


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, renamed over
    it in one step (an interrupted write leaves the old file and no temporary one); the folder
    made when missing. The file is readable by its owner only: what the workbench writes (a
    draft, a journal's export) names the borrower.

    >>> import tempfile
    >>> path = write_atomic(Path(tempfile.mkdtemp()) / "a" / "chat.md", "还款".encode())
    >>> path.read_text("utf-8"), oct(path.stat().st_mode & 0o777)
    ('还款', '0o600')
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
