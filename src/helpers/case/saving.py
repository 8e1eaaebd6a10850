"""Saving a case: in place, one save at a time, never half-written, private, comments kept.

- **In place.** A case saved over its file keeps what the user wrote: only the values that
  changed are replaced (:func:`helpers.case.yaml_text.merged_text`); comments, key order and
  layout stay, and a case saved unchanged is the same file byte for byte.
- **One at a time.** A save holds a lock on the case (a ``.NAME.lock`` file beside it; a second
  save waits for it, at most :data:`LOCK_SECONDS`), so two windows saving the same case at once
  both succeed, one after the other.
- **Never half-written.** The text goes to a temporary file beside the target, is flushed to
  disk, replaces the target in one step, and the folder is synced; a temporary file is removed
  only by the save that holds the lock (so never one a live save is writing).
- **Private.** Every file written into ``cases/`` is readable by its owner only (0600); a
  symlinked case is written through to its target and stays a link.

>>> import tempfile, pathlib
>>> from helpers.case.io import load_case, load_sample
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> saved = save_case(load_sample(), folder / "mine.yaml")
>>> saved.name, load_case(saved) == load_sample(), oct(saved.stat().st_mode & 0o777)
('mine.yaml', True, '0o600')
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

import yaml
from filelock import FileLock, Timeout

from helpers import paths
from helpers.case.io import TEMP_PREFIX, parse_case
from helpers.case.model import Case
from helpers.case.yaml_text import MAX_CASE_BYTES, merged_text
from helpers.errors import CaseError, Problem
from helpers.paths import is_sample

__all__ = ["LOCK_SECONDS", "FILE_MODE", "case_to_yaml", "save_case", "writable_copy"]

LOCK_SECONDS = 10
FILE_MODE = 0o600
_TEMP_SUFFIX = ".saving"


class _Dumper(yaml.SafeDumper):
    """The safe dumper, writing yuan with two decimals, enums as text, tuples as lists and text
    of several lines as a literal block."""


_Dumper.add_representer(
    str,
    lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None),
)
_Dumper.add_representer(
    Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", f"{v:.2f}")
)
_Dumper.add_multi_representer(Enum, lambda d, v: d.represent_str(str(v.value)))
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))
_Dumper.add_representer(
    date, lambda d, v: d.represent_scalar("tag:yaml.org,2002:timestamp", v.isoformat())
)


def case_to_yaml(case: Case) -> str:
    """The YAML text of a case written afresh (a new file; an existing one is edited in place
    by :func:`save_case`).

    >>> from helpers.case.io import load_sample
    >>> case_to_yaml(load_sample()).splitlines()[:3]
    ['schema_version: 1', 'language: zh-CN', 'as_of: 2025-04-01']
    """
    return yaml.dump(case.to_data(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=99)


def _text_for(case: Case, target: Path) -> str:
    """What to write: the file on disk with the changed values replaced, when it reads back as
    this case; else the case written afresh."""
    base = _read_text(target)
    if base is not None:
        try:
            old = parse_case(base)
        except CaseError:
            old = None
        if old is not None:
            if old == case:
                return base  # nothing changed: the same bytes
            merged = merged_text(base, old.to_data(), case.to_data())
            if merged is not None and _reads_as(merged, case):
                return merged
    return case_to_yaml(case)


def _read_text(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CASE_BYTES + 1)
        return raw.decode("utf-8-sig") if len(raw) <= MAX_CASE_BYTES else None
    except (OSError, UnicodeDecodeError):
        return None


def _reads_as(text: str, case: Case) -> bool:
    try:
        return parse_case(text) == case
    except CaseError:
        return False


@contextmanager
def _locked(target: Path):
    """Hold the case's lock for the length of a save (waiting at most :data:`LOCK_SECONDS`)."""
    lock = FileLock(str(target.with_name(f"{TEMP_PREFIX}{target.name}.lock")))
    try:
        lock.acquire(timeout=LOCK_SECONDS)
    except Timeout:
        problem = Problem(str(target), None, "errors.save_locked", {"seconds": LOCK_SECONDS})
        raise CaseError([problem]) from None
    try:
        yield
    finally:
        lock.release()


def _write(target: Path, text: str) -> None:
    """Replace ``target`` by ``text`` in one step (the lock is held)."""
    pattern = glob.escape(f"{TEMP_PREFIX}{target.name}.") + "*" + glob.escape(_TEMP_SUFFIX)
    for stale in target.parent.glob(pattern):  # left by a killed save: none is live now
        stale.unlink(missing_ok=True)
    fd, temp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{target.name}.", suffix=_TEMP_SUFFIX, dir=target.parent
    )
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not on this platform
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def save_case(case: Case, path: str | os.PathLike[str]) -> Path:
    """Save a case (see the module docstring); refuse to write into the samples folder.

    Returns the path given (a symlink stays a symlink: its target is written).

    >>> import tempfile, pathlib
    >>> from helpers.case.io import load_sample
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = folder / "mine.yaml"
    >>> _ = path.write_text("# my notes\\n" + case_to_yaml(load_sample()), encoding="utf-8")
    >>> case = load_sample()
    >>> changed = case.model_copy(update={"savings_fen": 123_400})
    >>> _ = save_case(changed, path)
    >>> text = path.read_text(encoding="utf-8")
    >>> text.splitlines()[0], "savings: 1234.00" in text
    ('# my notes', True)
    """
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    if is_sample(path) or is_sample(target):
        raise CaseError([Problem(str(path), None, "errors.sample_read_only")])
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        _write(target, _text_for(case, target))
    return path


def writable_copy(
    path: str | os.PathLike[str], cases_dir: str | os.PathLike[str] | None = None
) -> tuple[Path, bool]:
    """Where changes to a case may be saved: a sample is first copied to ``cases/NAME.yaml``
    (byte for byte, readable by its owner only).

    Returns the writable path and whether a copy was made. An existing copy is kept, never
    overwritten.

    >>> import tempfile
    >>> from helpers.paths import SAMPLES_DIR
    >>> target, copied = writable_copy(SAMPLES_DIR / "li_na_illness.yaml", tempfile.mkdtemp())
    >>> target.name, copied, oct(target.stat().st_mode & 0o777)
    ('li_na_illness.yaml', True, '0o600')
    """
    path = Path(path)
    if not is_sample(path):
        return path, False
    target = Path(cases_dir or paths.CASES_DIR) / path.name
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        if target.exists():  # copied meanwhile by another save
            return target, False
        temp = target.with_name(f"{TEMP_PREFIX}{target.name}.copy{_TEMP_SUFFIX}")
        shutil.copyfile(path, temp)
        os.chmod(temp, FILE_MODE)
        os.replace(temp, target)
        _sync_folder(target.parent)
    return target, True
