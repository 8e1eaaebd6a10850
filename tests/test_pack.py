"""The advisor pack (issue 18): redacted by default down to every file's inside, written whole or
not at all, and refused on unpack when unsafe; a pack unpacked computes what the case did."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from helpers import paths
from helpers.budget import monthly_budget
from helpers.case import load_case, personal_values, save_case
from helpers.journal import Entry, Promise, journal_path, open_journal
from helpers.pack import MANIFEST, build_pack, check_pack, unpack
from helpers.pack import unpacking as unpack_module
from helpers.pack.archive import write_zip
from helpers.pack.manifest import build_manifest, manifest_bytes
from helpers.scenarios import compare
from tests.support import ROOT, SAMPLES, run_in_process

# Invented numbers planted in the case's free text and in the journal (none is the case's own).
PLANTED = ("13912345678", "11010519491231002X", "6222 0212 3456 7890", "0571-87654321")


def _compact(text: str) -> str:
    return re.sub(r"[\s\-+]", "", text)


def _texts(name: str, data: bytes) -> list[str]:
    """What a file says: the text of a text file, or of every XML part inside a DOCX or XLSX."""
    if name.endswith((".docx", ".xlsx")):
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            # XML may write Chinese as character references (&#24314;): read them as text
            parts = [inner.read(part).decode("utf-8", "replace") for part in inner.namelist()]
            return [html.unescape(part) for part in parts]
    text = data.decode("utf-8-sig", "replace")
    return [html.unescape(text)] if name.endswith(".html") else [text]


def _planted_case(tmp_path: Path, sample: str) -> Path:
    """The sample copied, with personal values planted in its story and its journal."""
    case = load_case(SAMPLES / f"{sample}.yaml")
    person = case.person.name
    account = next((d.account_number for d in case.debts if d.account_number), "622588001234")
    story = f"{person}（电话 {PLANTED[0]}，身份证 {PLANTED[1]}）卡号 {PLANTED[2]}，{account}"
    hardship = case.hardship.model_copy(update={"description": story})
    path = tmp_path / "cases" / f"{sample}.yaml"
    save_case(case.model_copy(update={"hardship": hardship}), path)
    with open_journal(journal_path(path)) as journal:
        debt = case.debts[0]
        journal.add(
            Entry(
                when="2025-04-02 10:15",
                debt_id=debt.id,
                lender=debt.lender,
                channel="hotline",
                initiator="me",
                agent_id="A-1024",
                summary=f"{person}致电，留了电话 {PLANTED[3]} 和卡号 {PLANTED[2]}",
                promises=[Promise("me", f"{person} 4 月 20 日前还 500 元", 50_000, "2025-04-20")],
                outcome="counter_offer",
            )
        )
    return path


def _secrets(path: Path) -> list[str]:
    case = load_case(path)
    return [v for v in personal_values(case) if "\n" not in v] + list(PLANTED)


@pytest.fixture(scope="module")
def li_na_pack(tmp_path_factory) -> Path:
    """Li Na's case copied out of the samples and packed into ``new/deeper/p.zip``, two folders
    that do not exist yet: built once (a report notebook run) for the tests that only read it."""
    folder = tmp_path_factory.mktemp("li-na-pack")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "CASES_DIR", folder / "cases")
        shutil.copy(SAMPLES / "li_na_illness.yaml", folder / "li.yaml")
        return build_pack(folder / "li.yaml", folder / "new" / "deeper" / "p.zip")


@pytest.mark.parametrize("sample", ["chen_jian_business_loss", "li_na_illness"])
def test_a_redacted_pack_holds_no_personal_value_in_any_file(tmp_path, sample):
    path = _planted_case(tmp_path, sample)
    secrets = _secrets(path)
    pack = build_pack(path, tmp_path / "pack.zip")
    files = check_pack(pack)
    assert {"case.yaml", "journal.csv", "workbook.xlsx", "report.html", MANIFEST} <= set(files)
    assert any(name.endswith(".docx") for name in files)
    found = []
    for name, data in files.items():
        for text in _texts(name, data):
            compact = _compact(text)
            found += [(name, s) for s in secrets if s in text or _compact(s) in compact]
    assert found == []
    manifest = json.loads(files[MANIFEST])
    assert manifest["redacted"] is True


def test_names_are_kept_on_request_and_everything_without_redaction(tmp_path):
    path = _planted_case(tmp_path, "li_na_illness")
    kept = check_pack(build_pack(path, tmp_path / "names.zip", keep_names=True))
    assert "李娜" in kept["case.yaml"].decode() and PLANTED[0] not in kept["case.yaml"].decode()
    plain = check_pack(build_pack(path, tmp_path / "plain.zip", redact=False))
    assert PLANTED[0] in plain["case.yaml"].decode()
    assert json.loads(plain[MANIFEST])["redacted"] is False


@pytest.mark.parametrize("sample", ["wang_fang_income_drop", "zhao_min_family_rural"])
def test_a_pack_unpacked_computes_the_same_figures(tmp_path, sample):
    original = load_case(SAMPLES / f"{sample}.yaml")
    pack = build_pack(SAMPLES / f"{sample}.yaml", tmp_path / "p.zip")
    folder = unpack(pack, tmp_path / "opened")
    restored = load_case(folder / "case.yaml")
    assert monthly_budget(restored) == monthly_budget(original)
    ours, theirs = compare(restored), compare(original)
    assert ours.recommended == theirs.recommended
    assert [r.metrics for r in ours.results] == [r.metrics for r in theirs.results]


def test_the_cli_packs_and_unpacks(tmp_path):
    out = tmp_path / "li_na.zip"
    code, stdout, stderr = run_in_process(
        ["pack", "li_na_illness", "--out", str(out), "--lang", "en"], seconds=120
    )
    assert code == 0 and "redacted" in stdout and "packing 100%" in stderr
    code, stdout, _ = run_in_process(
        ["unpack", str(out), "--into", str(tmp_path / "opened"), "--lang", "en"], seconds=60
    )
    assert code == 0 and (tmp_path / "opened" / "case.yaml").is_file()
    code, _, stderr = run_in_process(["pack", "li_na_illness", "--out", str(tmp_path / "x.tar")])
    assert code == 2 and "--out" in stderr and ".zip" in stderr


# ---- unsafe packs -------------------------------------------------------------------------


def _pack_of(tmp_path: Path, files: dict[str, bytes], *, extra=None) -> Path:
    """A pack with a correct manifest of ``files``, plus ``extra(zipfile)`` written after."""
    manifest = manifest_bytes(build_manifest(files, case="x", redacted=True))
    path = write_zip({**files, MANIFEST: manifest}, tmp_path / "p.zip")
    if extra is not None:
        with zipfile.ZipFile(path, "a") as archive:
            extra(archive)
    return path


def _refused(tmp_path: Path, pack: Path, *words: str) -> str:
    into = tmp_path / "out"
    code, _, stderr = run_in_process(["unpack", str(pack), "--into", str(into), "--lang", "en"])
    assert code == 2, stderr
    assert not into.exists()  # nothing written
    assert [w for w in words if w not in stderr] == [], stderr
    assert "Traceback" not in stderr
    return stderr


def test_a_path_traversal_entry_is_refused(tmp_path):
    pack = _pack_of(tmp_path, {"case.yaml": b"x"}, extra=lambda z: z.writestr("../evil", b"x"))
    _refused(tmp_path, pack, "../evil", "leaves the folder")
    assert not (tmp_path / "evil").exists()


def test_absolute_and_link_entries_are_refused(tmp_path):
    def link(archive):
        info = zipfile.ZipInfo("notes")
        info.external_attr = 0o120777 << 16  # a symbolic link to /etc/passwd
        archive.writestr(info, "/etc/passwd")
        archive.writestr("/etc/cron.d/x", b"x")

    pack = _pack_of(tmp_path, {"case.yaml": b"x"}, extra=link)
    _refused(tmp_path, pack, "notes: the entry is a link", "/etc/cron.d/x: the entry has an abs")


def test_a_tampered_file_is_refused(tmp_path):
    pack = _pack_of(tmp_path, {"case.yaml": b"as_of: 2025-04-01\n"})
    with zipfile.ZipFile(pack) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["case.yaml"] = b"as_of: 2025-04-02\n"  # one digit changed after the manifest
    tampered = write_zip(files, tmp_path / "tampered.zip")
    _refused(tmp_path, tampered, "case.yaml", "SHA-256")


def test_a_pack_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(unpack_module, "MAX_UNPACKED_BYTES", 1_000_000)
    # 2 MB of zeros compress to a few kB: small on disk, large once unpacked (a "zip bomb")
    pack = _pack_of(tmp_path, {"case.yaml": b"0" * 2_000_000})
    assert pack.stat().st_size < 100_000
    _refused(tmp_path, pack, "too large")
    monkeypatch.setattr(unpack_module, "MAX_PACK_BYTES", 1_000)
    _refused(tmp_path, pack, "too large")


def test_a_file_not_in_the_manifest_a_missing_one_and_no_manifest_are_refused(tmp_path):
    pack = _pack_of(tmp_path, {"case.yaml": b"x"}, extra=lambda z: z.writestr("more.txt", b"x"))
    _refused(tmp_path, pack, "more.txt: the file is not in the manifest")
    files = {"case.yaml": b"x", "gone.txt": b"y"}
    manifest = manifest_bytes(build_manifest(files, case="x", redacted=True))
    lacking = write_zip({"case.yaml": b"x", MANIFEST: manifest}, tmp_path / "lacking.zip")
    _refused(tmp_path, lacking, "gone.txt", "lacks it")
    bare = write_zip({"case.yaml": b"x"}, tmp_path / "bare.zip")
    _refused(tmp_path, bare, "no manifest")
    _refused(tmp_path, SAMPLES / "li_na_illness.yaml", "not a pack")


def test_unpacking_into_a_folder_that_holds_files_is_refused(tmp_path, li_na_pack):
    pack = li_na_pack
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "mine.txt").write_text("keep me")
    code, _, stderr = run_in_process(["unpack", str(pack), "--into", str(tmp_path / "busy")])
    assert code == 2 and (tmp_path / "busy" / "mine.txt").read_text() == "keep me"


# ---- an export killed part-way --------------------------------------------------------------

_KILLED_EXPORT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import helpers.pack.build as build

    real = build.report_html

    def signalled(*args, **kwargs):
        Path(sys.argv[2]).write_text("the report notebook starts")  # the test kills from here
        return real(*args, **kwargs)

    build.report_html = signalled
    build.build_pack(sys.argv[1], Path(sys.argv[3]))
    """
)


def _processes_using(folder: Path) -> list[str]:
    """The command lines of running processes that name ``folder`` (the report's kernel)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            line = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if str(folder) in line:
            found.append(line)
    return found


def test_an_export_killed_part_way_leaves_no_pack_and_the_next_cleans_up(tmp_path):
    out = tmp_path / "exports" / "pack.zip"
    flag = tmp_path / "working"
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    sample = str(SAMPLES / "li_na_illness.yaml")
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_EXPORT, sample, str(flag), str(out)], env=env
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(2)  # the kernel starts and runs the report's first cells
        assert process.poll() is None, "the export ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert not out.exists()
    deadline = time.monotonic() + 30  # its kernel notices its parent is gone and exits
    while _processes_using(out.parent):
        assert time.monotonic() < deadline, _processes_using(out.parent)
        time.sleep(0.5)
    left = [p.name for p in out.parent.iterdir()]
    assert len(left) == 1 and left[0].endswith(".packing")  # its working folder, nothing else
    build_pack(sample, out)
    assert [p.name for p in out.parent.iterdir()] == ["pack.zip"]
    assert check_pack(out)


def test_a_pack_is_written_whole_when_its_folder_is_new(li_na_pack):
    made = li_na_pack  # packed into new/deeper/, two folders that did not exist
    assert made.is_file() and oct(made.stat().st_mode & 0o777) == "0o600"
