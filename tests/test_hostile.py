"""A corpus of hostile case files (issue 15): each goes through ``check``, ``schedule --csv``,
``audit`` and ``compare --json`` in-process through the CLI's ``main(argv)``, and 20 of them
as real processes. Every run exits 0 with sane output (amounts finite and bounded, the
schedule reconciling) or 2 with a message naming where the problem is; none exits 1, none
prints a traceback, none runs past 10 s; and whatever ``check`` accepts, the other commands
run.

The corpus is generated from the samples with a fixed seed: the kinds of input found to break
the parsers (alias bombs, deep nesting, amounts and dates out of bounds, YAML 1.1 surprises,
numbers for text, duplicate ids, terminal control sequences, foreign tags, files too large)
at least 10 of each, and random mutations of the samples' lines (deleted, repeated, cut short,
values swapped or replaced by garbage).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import random
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support import SAMPLES, run_in_process

SEED = 20261206
SAMPLE_TEXTS = {p.stem: p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.yaml"))}
COMMANDS = (
    ("check",),
    ("schedule", "--csv", "--horizon", "24"),
    ("audit",),
    ("compare", "--json", "--horizon", "24"),
)
LIMIT_YUAN = 10_000_000_000  # the bound on any amount a case may hold
SECONDS = 10
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _sub(text: str, pattern: str, replacement: str, count: int = 1) -> str:
    """``re.sub`` with the replacement taken literally but for ``\\1``, the first group."""

    def fill(match: re.Match) -> str:
        filled = replacement
        for k, group in enumerate(match.groups(), start=1):
            filled = filled.replace(f"\\{k}", group or "")
        return filled

    return re.sub(pattern, fill, text, count=count, flags=re.MULTILINE)


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"x"'] * width) + "]"]
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def corpus() -> list[tuple[str, str]]:
    """(kind, text) pairs: at least 10 of each kind, then random mutations."""
    rng = random.Random(SEED)
    names = sorted(SAMPLE_TEXTS)
    out: list[tuple[str, str]] = []

    def sample() -> str:
        return SAMPLE_TEXTS[rng.choice(names)]

    for k in range(10):
        out.append(("alias bomb", _bomb(6 + k % 4, 6 + k)))
        out.append(("self alias", _sub(sample(), r"^as_of: .*$", f"as_of: &s{k} [*s{k}]")))
        depth = rng.choice([20, 100, 1_000, 10_000])
        out.append(("deep nesting", sample() + "note: " + "[" * depth + "]" * depth + "\n"))
        amount = rng.choice(["1e26", "1e30", "92233720368547758.07", ".inf", "-.inf", ".nan",
                             "-5", "10000000000.01", "1e309", "0x7fffffffffffffff"])  # fmt: skip
        out.append(("amount", _sub(sample(), r"^(\s+principal:) .*$", "\\1 " + amount)))
        date_value = rng.choice(["9999-01-01", "0001-01-01", "0", "1700000000", "[]",
                                 "2019-01-01", "2101-01-01", "2025-02-30", "2025-13"])  # fmt: skip
        out.append(("as_of", _sub(sample(), r"^as_of: .*$", f"as_of: {date_value}")))
        contract = rng.choice(["2099-01-01", "1900-01-01", "0", "2030-05-05", "-1"])
        out.append(("contract date", _sub(sample(), r"^(    )(kind: \w+)$",
                                           "\\1\\2\n\\1contract_date: " + contract)))  # fmt: skip
        value = rng.choice(["1:30:00", "yes", "no", "on", "0o17", "12_000", "~", "null"])
        out.append(("yaml 1.1", _sub(sample(), r"^(\s+)(lender: .*)$", "\\1lender: " + value)))
        number = rng.choice(["13800138000", "110101199003077777", "6222021234567890123",
                             "12", "3.5", "true"])  # fmt: skip
        out.append(("number for text", _sub(sample(), r"^(\s+-? ?)lender: .*$",
                                             "\\1lender: " + number)))  # fmt: skip
        personal = f"person:\n  phone: {number}\n  id_number: {number}"
        out.append(("personal number", _sub(sample(), r"^person:$", personal)))
        text = sample()
        ids = re.findall(r"^\s+- lender:", text, flags=re.MULTILINE)
        if len(ids) >= 2:
            text = re.sub(r"^(\s+)- lender:", r"\1- id: dx\n\1  lender:", text,
                          flags=re.MULTILINE)  # fmt: skip
        out.append(("duplicate ids", text))
        control = rng.choice(["\\e[2J", "\\e]0;pwned\\a", "\\r\\x1b[31m", "\\u202e", "\\x07\\x08"])
        out.append(("control sequence", _sub(sample(), r"^(\s+-? ?)lender: .*$",
                                              "\\1lender: \"bank" + control + '"')))  # fmt: skip
        tag = rng.choice(["!!python/object/apply:os.system ['true']", "!foo bar",
                          "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]"])  # fmt: skip
        out.append(("tag", _sub(sample(), r"^as_of: .*$", f"as_of: {tag}")))
        out.append(("too large", sample() + "# " + "x" * (1_000_000 + k * 1000) + "\n"))
    for _ in range(200):
        lines = sample().splitlines()
        how = rng.choice(["delete", "repeat", "truncate", "swap", "garbage", "indent"])
        i = rng.randrange(len(lines))
        if how == "delete":
            del lines[i]
        elif how == "repeat":
            lines.insert(i, lines[i])
        elif how == "truncate":
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif how == "swap":
            j = rng.randrange(len(lines))
            a, b = lines[i].partition(":"), lines[j].partition(":")
            lines[i], lines[j] = a[0] + a[1] + b[2], b[0] + b[1] + a[2]
        elif how == "garbage":
            key = lines[i].partition(":")[0]
            junk = rng.choice(["{", "]", "- -", "'", '"', "@", "%", "*x", "&y", "\t", "9" * 40])
            lines[i] = f"{key}: {junk}"
        else:
            lines[i] = " " * rng.randrange(1, 7) + lines[i]
        out.append((f"mutation {how}", "\n".join(lines) + "\n"))
    return out


CORPUS = corpus()


def run(argv: list[str]) -> tuple[int, str, str]:
    """One command in-process, stopped after :data:`SECONDS`."""
    return run_in_process(argv, seconds=SECONDS)


def _amounts(value, found: list[float]) -> None:
    if isinstance(value, dict):
        for v in value.values():
            _amounts(v, found)
    elif isinstance(value, list):
        for v in value:
            _amounts(v, found)
    elif isinstance(value, float):
        found.append(value)


def _sane(command: str, out: str) -> None:
    """What a successful run prints makes sense."""
    assert out.strip(), command
    if command == "compare":
        amounts: list[float] = []
        _amounts(json.loads(out), amounts)
        assert all(math.isfinite(a) and abs(a) <= 100 * LIMIT_YUAN for a in amounts)
    elif command == "schedule":
        rows = list(csv.DictReader(io.StringIO(out)))
        for row in rows:
            for bucket in ("principal", "interest", "penalty", "charges"):
                get = {s: round(float(row[f"{bucket}_{s}"]) * 100)
                       for s in ("opening", "accrued", "waived", "paid", "closing")}  # fmt: skip
                assert get["closing"] == (
                    get["opening"] + get["accrued"] - get["waived"] - get["paid"]
                ), row


def test_the_corpus_has_at_least_300_inputs_and_10_of_each_kind():
    kinds = {}
    for kind, _ in CORPUS:
        kinds[kind.split()[0] if kind.startswith("mutation") else kind] = (
            kinds.get(kind.split()[0] if kind.startswith("mutation") else kind, 0) + 1
        )
    assert len(CORPUS) >= 300
    assert all(count >= 10 for count in kinds.values()), kinds


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[k for k, _ in CORPUS])
def test_a_hostile_case_gets_a_clear_answer_from_every_command(index, tmp_path):
    kind, text = CORPUS[index]
    path = tmp_path / "case.yaml"
    path.write_text(text, "utf-8")
    results = {}
    for command in COMMANDS:
        code, out, err = run([command[0], str(path), *command[1:], "--lang", "en"])
        assert code in (0, 2), (kind, command, code, err[-2000:])
        assert "Traceback" not in out + err, (kind, command)
        # a lender's name cannot drive the terminal: no escape, bell, backspace or bidi control
        assert not _CONTROLS.search(out + err), (kind, command)
        if code == 0:
            _sane(command[0], out)
        else:
            assert err.strip(), (kind, command)
            assert "internal" not in err.lower(), (kind, command, err[-2000:])
        results[command[0]] = code
    if results["check"] == 0:
        assert set(results.values()) == {0}, (kind, results)


TWENTY = range(0, len(CORPUS), len(CORPUS) // 20)[:20]


@pytest.fixture(scope="module")
def twenty_runs(tmp_path_factory) -> dict[int, tuple[Path, object]]:
    """The twenty real ``check`` processes, two at a time (a process spends 3 s starting and
    importing, on one core; the machine has two): each one's case file and what it gave."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    paths = {index: tmp_path_factory.mktemp(f"real-{index}") / "case.yaml" for index in TWENTY}
    for index, path in paths.items():
        path.write_text(CORPUS[index][1], "utf-8")

    def run_one(index: int) -> tuple[Path, object]:
        path = paths[index]
        argv = [sys.executable, "-m", "helpers", "check", str(path), "--lang", "en"]
        try:
            done = subprocess.run(
                argv, capture_output=True, text=True, timeout=SECONDS * 3, env=env
            )
        except subprocess.TimeoutExpired as late:  # raised in its own test, not in all twenty
            return path, late
        return path, done

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(TWENTY, pool.map(run_one, TWENTY), strict=True))


@pytest.mark.parametrize("index", TWENTY)
def test_twenty_of_them_as_real_processes(index, twenty_runs):
    kind = CORPUS[index][0]
    path, done = twenty_runs[index]
    if isinstance(done, subprocess.TimeoutExpired):
        raise done
    assert done.returncode in (0, 2), (kind, done.stderr[-2000:])
    assert "Traceback" not in done.stdout + done.stderr
    assert Path(path).exists()
