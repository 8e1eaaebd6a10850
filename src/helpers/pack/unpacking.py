"""Opening a pack safely: an advisor receives an archive from someone else, so nothing in it is
trusted until checked.

Refused, with a message naming the entry and the reason (:class:`PackError`; the command line
exits 2), before anything is written:

- an archive larger than :data:`MAX_PACK_BYTES`, with more than :data:`MAX_ENTRIES` entries, or
  whose files would unpack to more than :data:`MAX_UNPACKED_BYTES` (a "zip bomb"); a file is
  read no further than the size it declares;
- an entry with an absolute path, a drive, a backslash, a ``..`` part, or a name given twice;
- a link (a symbolic link stored in the archive), or anything that is not a plain file;
- no manifest, a manifest of another format or a newer version, a file the manifest does not
  list or a listed file missing, a file whose size or SHA-256 differs from the manifest's.

What passes is written into a new folder (made whole: a working folder beside it, renamed), the
files readable by their owner only.

>>> import io, tempfile, zipfile
>>> from pathlib import Path
>>> bad = Path(tempfile.mkdtemp()) / "bad.zip"
>>> with zipfile.ZipFile(bad, "w") as z:
...     z.writestr("../../.bashrc", "rm -rf ~")
>>> unpack(bad, bad.parent / "out")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
helpers.pack.unpacking.PackError: bad.zip: 1 problem
../../.bashrc: the entry's path leaves the folder (..); the pack is refused
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from helpers.errors import CaseError, Problem
from helpers.pack.manifest import MANIFEST, PACK_FORMAT, PACK_VERSION, sha256

__all__ = [
    "MAX_ENTRIES",
    "MAX_PACK_BYTES",
    "MAX_UNPACKED_BYTES",
    "PackError",
    "check_pack",
    "unpack",
]

# A pack holds a report of a few MB (plotly.js inlined), a workbook, a few drafts: these limits
# are ten times what the largest sample makes, and far below what would fill a disk.
MAX_PACK_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 500


class PackError(CaseError):
    """A pack that cannot be made or opened; each problem names the entry and the reason.

    >>> print(PackError([Problem("x.zip", None, "pack.error.not_zip")]).render("en"))
    x.zip: the file is not a pack (not a zip archive); check that it is the file you were sent
    """


def _fail(where: str, key: str, source: str | None = None, **params: object) -> PackError:
    return PackError([Problem(where, None, key, params)], source=source)


def _name_problem(info: zipfile.ZipInfo) -> str | None:
    """Why an entry's name or kind is refused (a message key), or None."""
    name = info.filename
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return "pack.error.absolute"
    if ".." in PurePosixPath(name).parts:
        return "pack.error.dotdot"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "pack.error.link"
    if info.is_dir() or stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: a type not recorded
        return "pack.error.not_file"
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The entry's bytes, reading no more than it declares (one byte more proves a lie)."""
    with archive.open(info) as stream:
        data = stream.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise _fail(info.filename, "pack.error.size_lies")
    return data


def check_pack(path: str | os.PathLike[str]) -> dict[str, bytes]:
    """Every check of the module; the files (name → bytes, the manifest included) when all
    pass.

    >>> import tempfile
    >>> from helpers.pack.manifest import build_manifest, manifest_bytes
    >>> files = {"case.yaml": b"as_of: 2025-04-01\\n"}
    >>> files["manifest.json"] = manifest_bytes(build_manifest(files, case="x", redacted=True))
    >>> from helpers.pack.archive import write_zip
    >>> good = write_zip(files, Path(tempfile.mkdtemp()) / "good.zip")
    >>> sorted(check_pack(good))
    ['case.yaml', 'manifest.json']
    """
    path = Path(path)
    source = path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _fail(source, "pack.error.unreadable", reason=error.strerror) from None
    if size > MAX_PACK_BYTES:
        raise _fail(source, "pack.error.too_big", megabytes=MAX_PACK_BYTES // 2**20)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise _fail(source, "pack.error.not_zip") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _fail(source, "pack.error.too_many", most=MAX_ENTRIES)
        problems = [
            Problem(info.filename, None, key, {})
            for info in infos
            if (key := _name_problem(info)) is not None
        ]
        names = [info.filename for info in infos]
        problems += [
            Problem(name, None, "pack.error.twice", {})
            for name in sorted({n for n in names if names.count(n) > 1})
        ]
        if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
            problems.append(
                Problem(
                    source, None, "pack.error.too_big", {"megabytes": MAX_UNPACKED_BYTES >> 20}
                )
            )
        if problems:
            raise PackError(problems, source=source)
        try:
            files = {info.filename: _read(archive, info) for info in infos}
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
            raise _fail(source, "pack.error.not_zip") from None
    _check_manifest(files, source)
    return files


def _check_manifest(files: dict[str, bytes], source: str) -> None:
    if MANIFEST not in files:
        raise _fail(MANIFEST, "pack.error.no_manifest", source)
    try:
        manifest = json.loads(files[MANIFEST].decode("utf-8"))
        listed = manifest["files"]
        ok = manifest.get("format") == PACK_FORMAT and isinstance(listed, dict)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise _fail(MANIFEST, "pack.error.bad_manifest", source)
    if not isinstance(manifest.get("version"), int) or manifest["version"] > PACK_VERSION:
        raise _fail(MANIFEST, "pack.error.newer", source, version=manifest.get("version"))
    problems = []
    for name in sorted(set(files) - {MANIFEST} - set(listed)):
        problems.append(Problem(name, None, "pack.error.unlisted", {}))
    for name in sorted(set(listed) - set(files)):
        problems.append(Problem(name, None, "pack.error.missing", {}))
    for name in sorted(set(listed) & set(files)):
        entry = listed[name]
        data = files[name]
        if not isinstance(entry, dict) or entry.get("sha256") != sha256(data):
            problems.append(Problem(name, None, "pack.error.tampered", {}))
        elif entry.get("bytes") != len(data):
            problems.append(Problem(name, None, "pack.error.tampered", {}))
    if problems:
        raise PackError(problems, source=source)


def unpack(path: str | os.PathLike[str], into: str | os.PathLike[str]) -> Path:
    """Check the pack at ``path`` and write its files into the folder ``into`` (new, or
    empty); the folder. Nothing is written when any check fails.

    >>> import tempfile
    >>> from helpers.pack.archive import write_zip
    >>> from helpers.pack.manifest import build_manifest, manifest_bytes
    >>> files = {"case.yaml": b"as_of: 2025-04-01\\n"}
    >>> files["manifest.json"] = manifest_bytes(build_manifest(files, case="x", redacted=True))
    >>> folder = Path(tempfile.mkdtemp())
    >>> out = unpack(write_zip(files, folder / "p.zip"), folder / "case")
    >>> sorted(p.name for p in out.iterdir()), oct((out / "case.yaml").stat().st_mode & 0o777)
    (['case.yaml', 'manifest.json'], '0o600')
    """
    into = Path(into)
    files = check_pack(path)
    if into.exists() and (not into.is_dir() or any(into.iterdir())):
        raise _fail(str(into), "pack.error.into_not_empty")
    work = into.parent / f".{into.name}.{os.getpid()}.unpacking"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, mode=0o700)
    try:
        for name, data in files.items():
            target = work.joinpath(*PurePosixPath(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as out:
                out.write(data)
        if into.exists():
            into.rmdir()
        os.replace(work, into)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return into
