"""The journal file: SQLite beside the case (``cases/NAME.journal.sqlite``), in WAL mode so two
windows (or a notebook and the command line) can write at once, readable by its owner only.

- **Schema.** ``PRAGMA user_version`` holds the schema's version; :data:`MIGRATIONS` are the
  steps from each version to the next, applied on open inside one transaction. A file from a
  newer workbench is refused, never downgraded.
- **Damage.** A file that is not SQLite, or whose pages do not read, is refused with a message
  naming it and the fix; it is checked before anything is written, and never changed.
- **Privacy.** The file, and the ``-wal`` and ``-shm`` files SQLite keeps beside it (which take
  the file's mode), are created 0600.

Where does Zhang Wei's journal live, and what does it hold after one call?

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = journal_path(folder / "zhang_wei.yaml")
>>> path.name
'zhang_wei.journal.sqlite'
>>> with open_journal(path) as journal:
...     journal.add(Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行",
...                       channel="hotline", initiator="me", summary="申请分期"))
...     [e.summary for e in journal.entries()]
1
['申请分期']
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from helpers import paths
from helpers.errors import Problem
from helpers.journal.entry import Entry, JournalError, entry_data, entry_from_data
from helpers.paths import shown_path

__all__ = [
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "BUSY_TIMEOUT_S",
    "JOURNAL_SUFFIX",
    "Journal",
    "journal_path",
    "open_journal",
]

JOURNAL_SUFFIX = ".journal.sqlite"
BUSY_TIMEOUT_S = 30.0  # how long a write waits for another window's write to finish
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PRIVATE = 0o600

# MIGRATIONS[v] takes a file from version v to v + 1; version 0 is a file with no journal yet.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE IF NOT EXISTS entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            debt_id TEXT NOT NULL,
            lender TEXT NOT NULL,
            channel TEXT NOT NULL,
            initiator TEXT NOT NULL,
            outcome TEXT,
            next_date TEXT,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS entries_at ON entries (at, id)",
        "CREATE INDEX IF NOT EXISTS entries_debt ON entries (debt_id, at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def journal_path(case_path: str | os.PathLike[str]) -> Path:
    """The journal of a case: beside its file, named after it; a sample's in ``cases/``
    (samples are read-only).

    >>> journal_path("cases/mine.yaml").as_posix()
    'cases/mine.journal.sqlite'
    >>> from helpers.paths import SAMPLES_DIR
    >>> journal_path(SAMPLES_DIR / "li_na_illness.yaml").relative_to(paths.CASES_DIR).as_posix()
    'li_na_illness.journal.sqlite'
    """
    path = Path(case_path)
    folder = paths.CASES_DIR if paths.is_sample(path) else path.parent
    return folder / (path.stem + JOURNAL_SUFFIX)


def _refuse(path: Path, key: str, **params: object) -> JournalError:
    return JournalError([Problem(shown_path(path), None, key, params)])


def _check_header(path: Path) -> bool:
    """Whether the file exists with content; refuses one that is not SQLite."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    except OSError as error:
        raise _refuse(path, "journal.error.unreadable", detail=error.strerror) from None
    if not head:
        return False  # an empty file: nothing to lose, SQLite makes it a database
    if head != _SQLITE_MAGIC:
        raise _refuse(path, "journal.error.corrupt")
    return True


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE))


def _make_private(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            part = path.with_name(name)
            if stat.S_IMODE(part.stat().st_mode) != _PRIVATE:
                part.chmod(_PRIVATE)


class Journal:
    """An open journal: :meth:`add` entries, read them back in time order, :meth:`close`.

    Use :func:`open_journal` to open one (it checks and migrates the file).
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    def add(self, entry: Entry) -> int:
        """Store an entry; its number in the journal.

        >>> import tempfile, pathlib
        >>> journal = open_journal(pathlib.Path(tempfile.mkdtemp()) / "a.journal.sqlite")
        >>> e = Entry(when="2025-04-03 09:00", debt_id="d4", lender="借呗", channel="chat",
        ...           initiator="me")
        >>> journal.add(e), journal.add(e)
        (1, 2)
        >>> journal.close()
        """
        data = entry_data(entry)
        row = (
            entry.when.isoformat(),
            entry.debt_id,
            entry.lender,
            entry.channel.value,
            entry.initiator.value,
            entry.outcome.value if entry.outcome else None,
            data["next_date"],
            json.dumps(data, ensure_ascii=False),
        )
        try:
            with self._db:
                cursor = self._db.execute(
                    "INSERT INTO entries (at, debt_id, lender, channel, initiator, outcome,"
                    " next_date, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
        except sqlite3.Error as error:  # a full disk, a file made read-only …
            raise _refuse(self.path, "journal.error.cannot_write", detail=str(error)) from None
        return int(cursor.lastrowid)

    def entries(self, *, debt_id: str | None = None) -> tuple[Entry, ...]:
        """Every entry (or one debt's), oldest first; entries at the same minute in the order
        they were added.

        >>> import tempfile, pathlib
        >>> journal = open_journal(pathlib.Path(tempfile.mkdtemp()) / "b.journal.sqlite")
        >>> for when in ("2025-04-05 18:00", "2025-04-02 10:15"):
        ...     _ = journal.add(Entry(when=when, debt_id="d1", lender="招商银行",
        ...                           channel="hotline", initiator="me"))
        >>> [(e.entry_id, e.when.day) for e in journal.entries()]
        [(2, 2), (1, 5)]
        >>> journal.close()
        """
        query, params = "SELECT id, data FROM entries", ()
        if debt_id is not None:
            query, params = query + " WHERE debt_id = ?", (debt_id,)
        rows = self._db.execute(query + " ORDER BY at, id", params).fetchall()
        return tuple(entry_from_data(json.loads(data), entry_id=key) for key, data in rows)

    def close(self) -> None:
        """Close the file (the -wal file is folded back into it).

        >>> import tempfile, pathlib
        >>> journal = open_journal(pathlib.Path(tempfile.mkdtemp()) / "c.journal.sqlite")
        >>> journal.close(), journal.closed
        (None, True)
        """
        if self._db is not None:
            self._db.close()
            self._db = None
            _make_private(self.path)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called.

        >>> import tempfile, pathlib
        >>> with open_journal(pathlib.Path(tempfile.mkdtemp()) / "d.journal.sqlite") as j:
        ...     j.closed
        False
        """
        return self._db is None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries())


def _retry(connection: sqlite3.Connection, statement: str) -> list:
    """Run a statement that needs the file to itself (journal_mode), waiting while busy."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return connection.execute(statement).fetchall()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise _refuse(path, "journal.error.newer", version=version, known=SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]  # another window?
        for step in MIGRATIONS[version:]:
            for statement in step:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def open_journal(path: str | os.PathLike[str]) -> Journal:
    """Open (or create) the journal at ``path``: checked, migrated to :data:`SCHEMA_VERSION`,
    in WAL mode, 0600. Use it in a ``with`` block, or :meth:`Journal.close` it.

    Raises
    ------
    JournalError
        When the file is not a journal (left untouched), or comes from a newer workbench.

    Examples
    --------
    A file that is not a journal is refused, and left as it was:

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "old.journal.sqlite"
    >>> _ = bad.write_bytes(b"not a database")
    >>> open_journal(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.journal.entry.JournalError: old.journal.sqlite: the file is not a journal ...
    >>> bad.read_bytes()
    b'not a database'
    """
    path = Path(path)
    if not _check_header(path):
        _create_private(path)
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as error:
        raise _refuse(path, "journal.error.unreadable", detail=str(error)) from None
    try:
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise _refuse(path, "journal.error.corrupt")
        _migrate(connection, path)
        _retry(connection, "PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.isolation_level = "DEFERRED"
    except sqlite3.OperationalError as error:  # locked past the timeout, no permission …
        connection.close()
        raise _refuse(path, "journal.error.unreadable", detail=str(error)) from None
    except sqlite3.DatabaseError:  # not a database, or its pages do not read
        connection.close()
        raise _refuse(path, "journal.error.corrupt") from None
    except BaseException:
        connection.close()
        raise
    _make_private(path)
    return Journal(path, connection)
