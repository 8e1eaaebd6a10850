"""The current case: the one last picked or saved in any notebook, so every step opens it.

Notebook 00's picker and every save remember the case in ``cases/.current`` (a line with its
path; git-ignored like everything in ``cases/``, readable by its owner only). A notebook whose
``case_path`` parameter is empty opens :func:`current_case_path`: the case remembered, while
its file exists, else the default sample. Nothing to edit in a notebook to follow one case
from step to step.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> current_case_path(folder).name                       # nothing picked yet: the default sample
'zhang_wei_unemployed.yaml'
>>> from helpers.paths import SAMPLES_DIR
>>> remember_case(SAMPLES_DIR / "li_na_illness.yaml", folder)
>>> current_case_path(folder).name
'li_na_illness.yaml'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from helpers import paths
from helpers.case.io import DEFAULT_SAMPLE, find_case

__all__ = ["CURRENT_NAME", "remember_case", "current_case_path", "case_source"]

CURRENT_NAME = ".current"


def _current_file(cases_dir: str | os.PathLike[str] | None) -> Path:
    return Path(cases_dir or paths.CASES_DIR) / CURRENT_NAME


def remember_case(path: str | os.PathLike[str], cases_dir: str | os.PathLike[str] | None = None):
    """Remember ``path`` as the current case (written in one step, mode 0600); a folder that
    cannot be written leaves the current case as it was.

    Li Na's case picked in notebook 00: which file will notebook 01 open?

    >>> import tempfile
    >>> from helpers.paths import SAMPLES_DIR
    >>> folder = tempfile.mkdtemp()
    >>> remember_case(SAMPLES_DIR / "li_na_illness.yaml", folder)
    >>> current_case_path(folder).name
    'li_na_illness.yaml'
    """
    target = _current_file(cases_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".current.", suffix=".saving", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:  # mkstemp made it 0600
            handle.write(str(Path(path).resolve()) + "\n")
        os.replace(temp, target)
    except OSError:
        return


def current_case_path(cases_dir: str | os.PathLike[str] | None = None) -> Path:
    """The case remembered by :func:`remember_case` while its file exists, else the default
    sample.

    >>> import tempfile
    >>> current_case_path(tempfile.mkdtemp()).name   # nothing remembered yet
    'zhang_wei_unemployed.yaml'
    """
    try:
        remembered = Path(_current_file(cases_dir).read_text("utf-8").strip())
    except (OSError, UnicodeDecodeError):
        remembered = None
    if remembered is not None and remembered.is_file():
        return remembered
    return find_case(DEFAULT_SAMPLE)


def case_source(case_path: str | os.PathLike[str] = "") -> Path:
    """What a notebook opens: its ``case_path`` parameter when given (a file, a name in
    ``cases/`` or a sample's name), else the current case.

    >>> case_source("li_na_illness").name
    'li_na_illness.yaml'
    """
    return find_case(case_path) if str(case_path) else current_case_path()
