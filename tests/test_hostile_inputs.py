"""Issue 15: bad input gets exit 2 and a message naming the field (or line), the value and the
fix; whatever ``check`` accepts every command can run.

Each defect found with hostile inputs has at least ten variants, made with a fixed seed by
mutating the sample cases as YAML text. Every variant runs in-process through
``helpers.cli.main`` for ``check``, ``schedule --csv``, ``audit`` and ``compare --json``: each
run exits 0 with sane output or 2 with a message naming the field and the fix, never 1, never a
traceback, never a raw control character, each within 10 seconds; and when ``check`` exits 0
the other three exit 0 too (unless the variant's hostile option is refused, by name).
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from tests.support import SAMPLES, run_in_process

TEXTS = {path.stem: path.read_text("utf-8") for path in sorted(SAMPLES.glob("*.yaml"))}
COMMANDS = (("check",), ("schedule", "--csv"), ("audit",), ("compare", "--json"))
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)
SECONDS = 10
MOST_YUAN = Decimal(10) ** 16  # beyond this a printed amount is garbage (64-bit fen overflow)


@dataclass
class Variant:
    """A hostile case file (and options): what a refusal must name, and one of its fixes."""

    text: str
    field: str
    fixes: tuple[str, ...]
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    refused: bool | None = None  # whether check must refuse the case (None: it may or not)
    options_refused: bool = False  # whether the commands given options must refuse them
    shown: str | None = None  # text ``check`` must print when it accepts the case


# -- mutating the samples as YAML text ----------------------------------------------------------

_AMOUNT_KEYS = (
    "principal|interest|charges|amount|savings|monthly_reserve|income_after_recovery|"
    "original_principal|credit_limit|cash_advance|minimum_due|minimum_unpaid|late_charge_fixed"
)
_AMOUNT = re.compile(rf"(?m)(?<![\w_])({_AMOUNT_KEYS}): ([^,}}\n]+)")


def _debt_blocks(text: str) -> tuple[str, list[str], str]:
    head, sep, rest = text.partition("\ndebts:\n")
    end = re.search(r"(?m)^\S", rest)
    body, tail = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    return head + sep, [b for b in re.split(r"(?m)^(?=  - )", body) if b], tail


def set_debt_field(text: str, k: int, name: str, value: str) -> str:
    """The text with field ``name`` of debt ``k`` set to ``value`` (replaced where written,
    else added after the debt's kind)."""
    head, blocks, tail = _debt_blocks(text)
    block = blocks[k]
    written = re.compile(rf"(?m)^(  - |    ){re.escape(name)}: .*$")
    if written.search(block):
        block = written.sub(lambda m: f"{m.group(1)}{name}: {value}", block, count=1)
    else:
        kind = re.compile(r"(?m)^(    kind: .*\n)")
        block = kind.sub(lambda m: f"{m.group(1)}    {name}: {value}\n", block, count=1)
    blocks[k] = block
    return head + "".join(blocks) + tail


def set_top(text: str, path: str, value: str) -> str:
    """The text with a top-level (``as_of``) or second-level (``person.phone``) field set."""
    *_, name = path.split(".")
    indent = "  " if "." in path else ""
    pattern = re.compile(rf"(?m)^{indent}{name}: .*$")
    assert pattern.search(text), path
    return pattern.sub(lambda m: f"{indent}{name}: {value}", text, count=1)


def debt_count(text: str) -> int:
    return len(_debt_blocks(text)[1])


def _amount_variants(rng: random.Random) -> list[Variant]:
    hostile = [
        "1.0e+26",
        "1000000000000000000000000000000",
        "9223372036854775807",
        "92233720368547758.07",
        "-9223372036854775808",
        ".nan",
        ".inf",
        "-.inf",
        "'99999999999999999999999999999亿'",
        "'15000亿'",
        "10000000000.01",
        "9.99e+15",
    ]
    within = ["10000000000", "'100亿'"]  # the bound itself: every command runs
    fixes = ("the most allowed is 10,000,000,000.00", "is not a number", "is negative", "correct")
    variants = []
    for value in hostile + within:
        text = TEXTS[rng.choice(sorted(TEXTS))]
        match = rng.choice(list(_AMOUNT.finditer(text)))
        text = text[: match.start(2)] + value + text[match.end(2) :]
        refused = True if value in hostile else None  # within: a cross-field rule may still say no
        variants.append(Variant(text, match.group(1), fixes, refused=refused))
    return variants


def _date_variants(rng: random.Random) -> list[Variant]:
    as_of = [
        "9999-12-01",
        "0001-01-01",
        "2018-12-31",
        "2019-08-19",
        "2101-01-01",
        "0",
        "1743465600",
        "20250401",
        "2025.04",
        "2025-02-29",
        "'2025-04-01 10:00:00'",
    ]
    fixes = (
        "write it as YYYY-MM-DD",
        "give an as_of from 2019-08-20 (the first one-year LPR) to 2100-12-31",
        "give a date from 1990-01-01 to 2100-12-31",
        "or move as_of later",
    )
    variants = [
        Variant(
            set_top(TEXTS[rng.choice(sorted(TEXTS))], "as_of", v), "as_of", fixes, refused=True
        )
        for v in as_of
    ]
    contract = ["2099-01-01", "1989-12-31", "0", "1.5", "'yesterday'", "2026-12-31"]
    for value in contract + ["1990-01-01"]:
        text = TEXTS[rng.choice(sorted(TEXTS))]
        text = set_debt_field(text, rng.randrange(debt_count(text)), "contract_date", value)
        variants.append(Variant(text, "contract_date", fixes, refused=value in contract))
    return variants


def _text_variants(rng: random.Random) -> list[Variant]:
    quote = ("write it in quotes",)

    def digits(n: int) -> str:
        return str(rng.randint(10 ** (n - 1), 10**n - 1))

    person = [
        ("person.phone", digits(11), True),
        ("person.name", digits(6), True),
        ("person.id_number", digits(15), True),
        ("person.id_number", digits(18), False),
        ("person.id_number", "4.41900198205170e+17", False),
        ("person.region", "12.5", True),
    ]
    variants = []
    for path, value, accepted in person:
        text = set_top(TEXTS[rng.choice(sorted(TEXTS))], path, value)
        variants.append(Variant(text, path.split(".")[1], quote, refused=not accepted))
    debt = [
        ("lender", digits(5), True),
        ("lender", "true", True),
        ("product", "3.14", True),
        ("note", digits(8), True),
        ("account_number", digits(12), True),
        ("account_number", digits(16), False),
        ("account_number", digits(19), False),
        ("id", digits(3), True),
    ]
    for name, value, accepted in debt:
        text = TEXTS[rng.choice(sorted(TEXTS))]
        text = set_debt_field(text, rng.randrange(debt_count(text)), name, value)
        shown = value if name in ("lender", "id") else None
        variants.append(Variant(text, name, quote, refused=not accepted, shown=shown))
    return variants


def _sample(rng: random.Random) -> str:
    return TEXTS[rng.choice(sorted(TEXTS))]


def _horizon_variants(rng: random.Random) -> list[Variant]:
    fix = ("use 1 to 600 months",)
    variants = []
    for value in (
        "0",
        "-1",
        "99999999999999999999",
        "601",
        "abc",
        "1e3",
        "",
        "６０",
        "0x10",
        "-0",
    ):
        options = {"schedule": ("--horizon", value), "compare": ("--horizon", value)}
        variants.append(Variant(_sample(rng), "horizon", fix, options, False, True))
    for _ in range(2):  # sound horizons still run
        option = ("--horizon", str(rng.randint(1, 120)))
        options = {"schedule": option, "compare": option}
        variants.append(Variant(_sample(rng), "horizon", fix, options, False, False))
    return variants


def _plan_value_variants(rng: random.Random) -> list[Variant]:
    plans = [
        ("reinstalment:term_months=24,annual_rate=1e-300", "too small to be a rate"),
        ("reinstalment:term_months=24,annual_rate=5e-324", "too small to be a rate"),
        ("reinstalment:term_months=24,monthly_fee_rate=1e-310", "too small to be a rate"),
        ("reinstalment:term_months=24,annual_rate=nan", "is not a number"),
        ("reinstalment:term_months=24,annual_rate=-0.5", "is negative"),
        ("reinstalment:term_months=24,annual_rate=1.5", "the most allowed is 1"),
        ("settlement:month=2,discount=inf", "is not a number"),
        ("reinstalment:term_months=0", "the least allowed is 1"),
        ("reinstalment:term_months=99999999999999999999", "the most allowed is 600"),
        ("holiday:months=601", "the most allowed is 600"),
        ("custom:payments=500x99999999999", "the most allowed is 600"),
        ("status_quo:mode=fixed,amount=99999999999999999999999999999亿", "the most allowed"),
        ("step_up:low_payment=-5,low_months=6,term_months=24", "is negative"),
        ("reinstalment:term_months=24,waive_interest=1e-300", "too small to be a rate"),
    ]
    variants = []
    for spec, fix in plans:
        text = _sample(rng)
        debt = f"d{rng.randrange(debt_count(text)) + 1}"
        options = {"schedule": ("--plan", f"{debt}={spec}")}
        variants.append(Variant(text, f"--plan {debt}", (fix,), options, False, True))
    return variants


def _second_plan_variants(rng: random.Random) -> list[Variant]:
    kinds = [
        "holiday:months=2",
        "settlement:month=3,discount=0.3",
        "reinstalment:term_months=24",
        "status_quo:mode=nothing",
        "waiver",
    ]
    variants = []
    for _ in range(10):
        text = _sample(rng)
        debt = f"d{rng.randrange(debt_count(text)) + 1}"
        first, second = rng.sample(kinds, 2)
        options = {"schedule": ("--plan", f"{debt}={first}", "--plan", f"{debt}={second}")}
        fix = ("give one --plan per debt",)
        variants.append(Variant(text, f"--plan {debt}", fix, options, False, True))
    return variants


def _duplicate_id_variants(rng: random.Random) -> list[Variant]:
    variants = []
    for _ in range(10):  # two debts with one id: the second is named, at its own line
        text = _sample(rng)
        first, second = sorted(rng.sample(range(debt_count(text)), 2))
        same = rng.choice(["same", "d1", "7", "loan_A"])
        text = set_debt_field(text, first, "id", same)
        text = set_debt_field(text, second, "id", same)
        fix = ("give each debt its own id",)
        variants.append(Variant(text, f"debts[{second}].id", fix, refused=True))
    return variants


_PAYLOADS = [
    r"\e[31mRED\e[0m",
    r"\e]0;pwned\a",
    r"\e[2J\e[H",
    r"ok\rEVIL",
    r"\x9b31m",
    r"\u202egnp.exe",
    r"\u2066hidden\u2069",
    r"\b\b\x7f",
    r"\x00nul",
    r"\ec",
    r"\u2028line",
    r"\x85next",
]


def _terminal_variants(rng: random.Random) -> list[Variant]:
    variants = []
    for payload in _PAYLOADS:  # in the lender, which check and audit print
        text = TEXTS[rng.choice(sorted(TEXTS))]
        text = set_debt_field(text, rng.randrange(debt_count(text)), "lender", f'"X{payload}Y"')
        variants.append(Variant(text, "lender", ("",), refused=False))
    # in bad values and unknown keys, the refusal quotes the control characters escaped
    text = TEXTS[rng.choice(sorted(TEXTS))]
    bad_value = set_debt_field(text, 0, "principal", r'"\e[2J1000"')
    variants.append(Variant(bad_value, "principal", ("is not an amount",), refused=True))
    bad_key = set_debt_field(text, 0, '"le\\e[31mnder"', "x")
    variants.append(Variant(bad_key, "debts[0]", ("is not a field here",), refused=True))
    return variants


DEFECTS = {
    "amounts": _amount_variants(random.Random(1501)),
    "dates": _date_variants(random.Random(1502)),
    "text_fields": _text_variants(random.Random(1503)),
    "horizons": _horizon_variants(random.Random(1504)),
    "plan_values": _plan_value_variants(random.Random(1506)),
    "second_plan": _second_plan_variants(random.Random(1507)),
    "duplicate_ids": _duplicate_id_variants(random.Random(1508)),
    "terminal": _terminal_variants(random.Random(1505)),
}
PARAMS = [
    pytest.param(defect, k, id=f"{defect}-{k:02d}")
    for defect, variants in DEFECTS.items()
    for k in range(len(variants))
]


# -- running the commands -------------------------------------------------------------------------


def run(args: list[str]) -> tuple[int, str, str]:
    return run_in_process(args, seconds=SECONDS)


def _finite(constant: str) -> float:
    raise AssertionError(f"{constant} in the JSON")


def assert_sane(command: str, out: str, variant: Variant) -> None:
    """Output of a run that exited 0: complete, and no amount beyond any sensible bound."""
    if command == "check":
        assert out.rstrip().splitlines()[-1] == "The case is valid."
        if variant.shown:
            assert variant.shown in out
    elif command == "schedule":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and list(rows[0])[:2] == ["debt_id", "month"]
        for row in rows:
            for name, cell in row.items():
                if name not in ("debt_id", "month"):
                    assert 0 <= Decimal(cell) < MOST_YUAN, (name, cell)
    elif command == "compare":
        data = json.loads(out, parse_constant=_finite)
        assert data["scenarios"] and data["recommended"]
        numbers = re.findall(r'": (-?\d[\d.e+-]*)', out)
        assert all(math.isfinite(float(n)) and abs(float(n)) < MOST_YUAN for n in numbers)
    else:
        assert out.strip()


@pytest.mark.parametrize(("defect", "k"), PARAMS)
def test_hostile_variant_exits_0_or_names_the_field_and_the_fix(defect, k, tmp_path):
    variant = DEFECTS[defect][k]
    path = tmp_path / "case.yaml"
    path.write_text(variant.text, "utf-8")
    codes = {}
    for command, *flags in COMMANDS:
        hostile = variant.options.get(command, ())
        code, out, err = run([command, str(path), *flags, *hostile, "--lang", "en"])
        codes[command] = code
        assert code in (0, 2), f"{command} exited {code}: {err}"
        assert "Traceback" not in out + err
        assert not RAW_CONTROL.search(out + err), f"{command} printed a raw control character"
        if code == 0:
            assert_sane(command, out, variant)
        else:
            assert variant.field in err, err
            assert any(fix in err for fix in variant.fixes), err
            assert out == ""
    if codes["check"] == 0:
        refused = {c for c, code in codes.items() if code == 2 and c in variant.options}
        assert all(code == 0 for c, code in codes.items() if c not in refused), codes
    if variant.refused is not None:
        assert codes["check"] == (2 if variant.refused else 0), codes
    if variant.refused is False:
        assert all(codes[c] == (2 if variant.options_refused else 0) for c in variant.options)


def test_each_defect_has_at_least_ten_variants():
    assert {defect: len(v) >= 10 for defect, v in DEFECTS.items()} == dict.fromkeys(DEFECTS, True)


def test_a_duplicate_id_is_reported_at_the_line_of_the_second(tmp_path):
    text = set_debt_field(set_debt_field(TEXTS["li_na_illness"], 1, "id", "dup"), 3, "id", "dup")
    path = tmp_path / "case.yaml"
    path.write_text(text, "utf-8")
    code, _, err = run(["check", str(path), "--lang", "en"])
    line = [n for n, t in enumerate(text.splitlines(), 1) if t.endswith(" id: dup")][-1]
    assert code == 2
    assert f"line {line}: debts[3].id: the id dup is used twice" in err


def test_control_characters_in_a_lender_are_shown_escaped(tmp_path):
    text = set_debt_field(TEXTS["zhang_wei_unemployed"], 0, "lender", r'"招商\e[31m银行\a"')
    path = tmp_path / "case.yaml"
    path.write_text(text, "utf-8")
    for command in ("check", "audit"):
        code, out, _ = run([command, str(path), "--lang", "en"])
        assert code == 0
        assert "招商\\u001b[31m银行\\u0007" in out


def test_the_longest_horizon_runs_on_every_sample():
    # a card's unpaid 违约金 compound on themselves; over 600 months they pass 64 bits, and the
    # batch keeps those scenarios' figures as exact Python integers
    for name in TEXTS:
        code, _, err = run(["compare", name, "--json", "--horizon", "600", "--lang", "en"])
        assert code == 0, f"{name}: {err}"
