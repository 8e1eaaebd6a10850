"""Writing a pack whole or not at all.

Everything a pack export makes (the executed report notebook, the files, the archive) is made in
a working folder beside the target, ``.NAME.PID.packing``; the finished archive is renamed over
the target in one step and the folder removed. An export killed part-way (even by SIGKILL, which
no ``finally`` survives) leaves its working folder, never a file under the final name; the next
export to the same folder removes every working folder whose process is gone.

>>> import tempfile, zipfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "pack.zip"
>>> with packing_folder(target) as work:
...     _ = write_zip({"a.txt": "还款".encode()}, work / "pack.zip")
...     _ = finish(work / "pack.zip", target)
>>> zipfile.ZipFile(target).read("a.txt").decode(), sorted(p.name for p in target.parent.iterdir())
('还款', ['pack.zip'])
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["FILE_MODE", "clean_leftovers", "finish", "packing_folder", "write_zip"]

FILE_MODE = 0o600
# Every entry's timestamp: a fixed one, so that the same files make the same archive.
_STAMP = (2020, 1, 1, 0, 0, 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def clean_leftovers(target: Path) -> list[Path]:
    """Remove the working folders that exports to ``target`` left when they were killed (their
    process is gone); the folders removed.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / ".pack.zip.999999999.packing").mkdir()
    >>> [p.name for p in clean_leftovers(folder / "pack.zip")]
    ['.pack.zip.999999999.packing']
    """
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.packing$")
    removed = []
    if not target.parent.is_dir():
        return removed
    for path in target.parent.iterdir():
        found = pattern.match(path.name)
        if found and int(found.group(1)) != os.getpid() and not _alive(int(found.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextmanager
def packing_folder(target: Path) -> Iterator[Path]:
    """A private working folder beside ``target`` for one export (leftovers of killed exports
    removed first); removed when the export ends, however it ends.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "pack.zip"
    >>> with packing_folder(target) as work:
    ...     work.name.endswith(".packing"), oct(work.stat().st_mode & 0o777)
    (True, '0o700')
    >>> work.exists()
    False
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(target)
    work = target.parent / f".{target.name}.{os.getpid()}.packing"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o700)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_zip(files: dict[str, bytes], path: Path) -> Path:
    """A zip archive of ``files`` (name → bytes), deflated, with fixed timestamps and each
    entry readable by its owner only; flushed to disk.

    >>> import tempfile, zipfile
    >>> path = write_zip({"b.txt": b"2", "a.txt": b"1"}, Path(tempfile.mkdtemp()) / "x.zip")
    >>> zipfile.ZipFile(path).namelist()
    ['a.txt', 'b.txt']
    """
    with open(path, "wb") as raw:
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=_STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o100000 | FILE_MODE) << 16  # a regular file, 0600
                archive.writestr(info, files[name])
        raw.flush()
        os.fsync(raw.fileno())
    os.chmod(path, FILE_MODE)
    return path


def finish(made: Path, target: Path) -> Path:
    """Put the finished archive in place: one rename over ``target``, the folder synced.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "made.zip").write_bytes(b"PK")
    >>> finish(folder / "made.zip", folder / "pack.zip").read_bytes()
    b'PK'
    """
    os.replace(made, target)
    try:
        handle = os.open(target.parent, os.O_RDONLY)
    except OSError:  # a folder that cannot be opened (some file systems): the rename stands
        return target
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
    return target
