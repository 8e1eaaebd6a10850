"""Reading and writing case files: YAML in (safe loader only), atomic YAML out, JSON Schema.

A save never leaves a half-written file: the text goes to a temporary file in the same folder,
is flushed to disk, then replaces the target in one step. A temporary file left by a killed save
is ignored on load and removed by the next save.

>>> from helpers.case import load_sample
>>> case = load_sample()
>>> case.language, len(case.debts)
('zh-CN', 5)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from helpers import paths
from helpers.case.model import Case
from helpers.case.problems import format_path, problems_from_validation
from helpers.errors import CaseError, Problem
from helpers.paths import SAMPLES_DIR, is_sample

__all__ = [
    "DEFAULT_SAMPLE",
    "parse_case",
    "find_case",
    "load_case",
    "load_sample",
    "list_samples",
    "list_cases",
    "case_to_yaml",
    "save_case",
    "writable_copy",
    "json_schema",
    "TEMP_PREFIX",
]

DEFAULT_SAMPLE = "zhang_wei_unemployed"
TEMP_PREFIX = "."
_TEMP_SUFFIX = ".saving"


class _Loader(yaml.SafeLoader):
    """The safe loader, keeping dates as text so a bad date becomes a field problem."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Dumper(yaml.SafeDumper):
    """The safe dumper, writing yuan with two decimals, enums as text and tuples as lists."""


_Dumper.add_representer(
    Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", f"{v:.2f}")
)
_Dumper.add_multi_representer(Enum, lambda d, v: d.represent_str(str(v.value)))
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))
_Dumper.add_representer(
    date, lambda d, v: d.represent_scalar("tag:yaml.org,2002:timestamp", v.isoformat())
)


def parse_case(text: str, *, source: str = "<text>") -> Case:
    """Validate the YAML text of a case; every problem is collected into one :class:`CaseError`.

    Problems carry the field path and, when the YAML locates it, the line.

    >>> parse_case("as_of: 2025-04-01\\ndebts: []\\n")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: <text>: 1 problem
    line 2: debts: add at least 1 item
    """
    try:
        root, data = _compose_and_construct(text)
    except yaml.YAMLError as exc:
        raise CaseError([_syntax_problem(exc)], source=source) from None
    if data is None:
        raise CaseError([Problem("", None, "errors.empty_file")], source=source)
    if not isinstance(data, dict):
        raise CaseError([Problem("", None, "errors.not_a_case")], source=source)
    duplicates = _duplicate_keys(root, ())
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = duplicates + problems_from_validation(exc, model=Case)
        located = sorted((_locate(p, root) for p in problems), key=lambda p: p.line or 0)
        raise CaseError(located, source=source) from None
    if duplicates:
        raise CaseError(duplicates, source=source)
    return case


def _compose_and_construct(text: str) -> tuple[Any, Any]:
    """Parse once: the node tree (which knows lines) and the data built from it."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"{mark.line + 1}:{mark.column + 1}" if mark else ""
    detail = getattr(exc, "problem", None) or str(exc)
    return Problem(where, None, "errors.yaml_syntax", {"detail": detail})


def _duplicate_keys(node: Any, path: tuple) -> list[Problem]:
    """YAML lets a key appear twice and keeps the last; a case file never means that."""
    found: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value
            if name in seen:
                found.append(
                    Problem(
                        format_path(path + (name,)),
                        name,
                        "errors.duplicate_key",
                        line=key.start_mark.line + 1,
                    )
                )
            seen.add(name)
            found.extend(_duplicate_keys(value, path + (name,)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.extend(_duplicate_keys(item, path + (index,)))
    return found


def _locate(problem: Problem, root: Any) -> Problem:
    """Add the YAML line of the field a problem names (or of its nearest parent)."""
    if problem.line is not None or root is None:
        return problem
    node, line = root, root.start_mark.line + 1
    for part in re.findall(r"[^.\[\]]+", problem.where):
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is not None:
                line = next(k.start_mark.line + 1 for k, _ in node.value if k.value == part)
        elif (
            isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value)
        ):
            child = node.value[int(part)]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return Problem(problem.where, problem.value, problem.key, problem.params, line=line)


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
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CaseError([Problem("", None, "errors.no_file")], source=str(path)) from None
    except OSError as exc:
        raise CaseError(
            [Problem("", None, "errors.unreadable", {"detail": exc.strerror})], source=str(path)
        ) from None
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


def case_to_yaml(case: Case) -> str:
    """The YAML text of a case, as :func:`save_case` writes it.

    >>> text = case_to_yaml(load_sample())
    >>> text.splitlines()[:3]
    ['schema_version: 1', 'language: zh-CN', 'as_of: 2025-04-01']
    """
    return yaml.dump(case.to_data(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=99)


def save_case(case: Case, path: str | os.PathLike[str]) -> Path:
    """Write a case atomically; refuse to write into the samples folder.

    The text goes to a temporary file beside the target, is flushed to disk and then replaces the
    target, so the target is either the old file or the new one, never a mixture. Temporary files
    left by an earlier, interrupted save of the same target are removed first.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> saved = save_case(load_sample(), folder / "mine.yaml")
    >>> saved.name, load_case(saved) == load_sample()
    ('mine.yaml', True)
    """
    path = Path(path)
    if is_sample(path):
        raise CaseError([Problem(str(path), None, "errors.sample_read_only")])
    text = case_to_yaml(case)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f"{TEMP_PREFIX}{path.name}.*{_TEMP_SUFFIX}"):
        stale.unlink(missing_ok=True)
    fd, temp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def writable_copy(
    path: str | os.PathLike[str], cases_dir: str | os.PathLike[str] | None = None
) -> tuple[Path, bool]:
    """Where changes to a case may be saved: a sample is first copied to ``cases/NAME.yaml``.

    Returns the writable path and whether a copy was made. An existing copy is kept, never
    overwritten.

    >>> import tempfile
    >>> target, copied = writable_copy(SAMPLES_DIR / "li_na_illness.yaml", tempfile.mkdtemp())
    >>> target.name, copied
    ('li_na_illness.yaml', True)
    """
    path = Path(path)
    if not is_sample(path):
        return path, False
    target = Path(cases_dir or paths.CASES_DIR) / path.name
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f"{TEMP_PREFIX}{target.name}.copy{_TEMP_SUFFIX}")
    shutil.copyfile(path, temp)
    os.replace(temp, target)
    return target, True


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
