"""Reading case files: YAML in, within bounds (:mod:`helpers.case.yaml_text`), every problem
named with its field and line; finding cases by name; the JSON Schema. Saving is
:mod:`helpers.case.saving`. A temporary file left by a killed save is ignored here.

>>> from helpers.case import load_sample
>>> case = load_sample()
>>> case.language, len(case.debts)
('zh-CN', 5)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.error import YAMLError

from helpers import paths
from helpers.case.model import Case
from helpers.case.problems import problems_from_validation
from helpers.case.yaml_text import (
    MAX_CASE_BYTES,
    load_yaml,
    locate,
    syntax_problem,
    yaml_problems,
)
from helpers.errors import CaseError, Problem
from helpers.paths import SAMPLES_DIR

__all__ = [
    "DEFAULT_SAMPLE",
    "parse_case",
    "find_case",
    "load_case",
    "load_sample",
    "list_samples",
    "list_cases",
    "json_schema",
    "TEMP_PREFIX",
]

DEFAULT_SAMPLE = "zhang_wei_unemployed"
TEMP_PREFIX = "."


def parse_case(text: str, *, source: str = "<text>") -> Case:
    """Validate the YAML text of a case; every problem is collected into one :class:`CaseError`.

    Problems carry the field path and, when the YAML locates it, the line.

    >>> parse_case("as_of: 2025-04-01\\ndebts: []\\n")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: <text>: 1 problem
    line 2: debts: add at least 1 item
    """
    refused = yaml_problems(text)
    duplicates = [p for p in refused if p.key == "errors.duplicate_key"]
    if len(duplicates) < len(refused):  # a bound, an alias, a tag, bad syntax: nothing built
        raise CaseError([p for p in refused if p not in duplicates], source=source)
    try:
        data = root = load_yaml(text)
    except (YAMLError, ValueError) as exc:
        raise CaseError([syntax_problem(exc)], source=source) from None
    if data is None:
        raise CaseError([Problem("", None, "errors.empty_file")], source=source)
    if not isinstance(data, dict):
        raise CaseError([Problem("", None, "errors.not_a_case")], source=source)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = duplicates + problems_from_validation(exc, model=Case)
        located = sorted((locate(p, root) for p in problems), key=lambda p: p.line or 0)
        raise CaseError(located, source=source) from None
    if duplicates:
        raise CaseError(duplicates, source=source)
    return case


def load_case(path: str | os.PathLike[str]) -> Case:
    """Read and validate a case file.

    Raises :class:`CaseError` naming the file and every problem, including a file that is
    missing, unreadable or not text.

    >>> load_case(SAMPLES_DIR / "li_na_illness.yaml").hardship.kind.value
    'illness'
    >>> load_case("no/such/file.yaml")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: no/such/file.yaml: 1 problem
    the file does not exist; check the path, or pick a sample from data/samples/
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:  # never more than the limit, whatever the file's size
            raw = handle.read(MAX_CASE_BYTES + 1)
    except FileNotFoundError:
        raise CaseError([Problem("", None, "errors.no_file")], source=str(path)) from None
    except OSError as exc:
        raise CaseError(
            [Problem("", None, "errors.unreadable", {"detail": exc.strerror})], source=str(path)
        ) from None
    if len(raw) > MAX_CASE_BYTES:
        limit = f"{MAX_CASE_BYTES / 1_000_000:g} MB"
        raise CaseError([Problem("", None, "errors.file_too_large", {"limit": limit})],
                        source=str(path))  # fmt: skip
    return parse_case(_decode(raw, str(path)), source=str(path))


def _decode(raw: bytes, source: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    problem = Problem("", None, "errors.file_not_text")
    raise CaseError([problem], source=source)  # pragma: no cover


def find_case(name: str | os.PathLike[str]) -> Path:
    """The file a case name points to: a path as given, or a bare name looked up in ``cases/``
    first, then among the samples.

    >>> find_case("li_na_illness").name
    'li_na_illness.yaml'
    >>> find_case("nobody")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: no case named 'nobody'; give a file path, or one of the samples: ...
    """
    path = Path(name)
    text = str(name)
    if path.exists() or path.suffix.lower() in (".yaml", ".yml") or os.sep in text:
        return path
    for folder in (paths.CASES_DIR, SAMPLES_DIR):
        candidate = folder / f"{text}.yaml"
        if candidate.exists():
            return candidate
    samples = ", ".join(list_samples())
    problem = Problem("", None, "errors.case_not_found", {"name": repr(text), "samples": samples})
    raise CaseError([problem])


def list_samples() -> list[str]:
    """Names of the sample cases shipped in ``data/samples/``.

    >>> list_samples()[:2]
    ['chen_jian_business_loss', 'li_na_illness']
    """
    return sorted(p.stem for p in SAMPLES_DIR.glob("*.yaml"))


def list_cases(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The user's case files, leaving out temporary files of unfinished saves.

    >>> list_cases("/no/such/folder")
    []
    """
    folder = Path(folder or paths.CASES_DIR)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(TEMP_PREFIX))


def load_sample(name: str = DEFAULT_SAMPLE) -> Case:
    """Load a sample case by name (see :func:`list_samples`).

    >>> load_sample("wang_fang_income_drop").language
    'en'
    """
    return load_case(SAMPLES_DIR / f"{name}.yaml")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a case file (field names as written in YAML).

    >>> schema = json_schema()
    >>> debt = schema["$defs"]["Debt"]
    >>> schema["properties"]["debts"]["minItems"], "principal" in debt["properties"]
    (1, True)
    """
    schema = Case.model_json_schema(by_alias=True, mode="validation")
    # in a file, a debt's id may be left out: the case numbers its debts d1, d2… when read
    debt = schema["$defs"]["Debt"]
    debt["required"] = [name for name in debt["required"] if name != "id"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Repayment Negotiation Workbench case"
    return json.loads(json.dumps(schema))
