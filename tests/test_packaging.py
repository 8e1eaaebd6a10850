"""The project's own promises: two commands, equal package lists, examples that run, privacy."""

import ast
import doctest
import importlib
import inspect
import pkgutil
import re
import tomllib

import yaml

import helpers
from tests.support import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement: str) -> str:
    return requirement.replace(" ", "").lower()


# pip's name with extras -> the conda-forge packages that give the same (same version bound)
CONDA_NAMES = {"dask[distributed]": ("dask", "distributed")}


def _conda_specs(requirement: str) -> list[str]:
    """A pip requirement as conda-forge spells it: ``dask[distributed]>=2024.8.0`` is
    ``dask>=2024.8.0`` and ``distributed>=2024.8.0``."""
    spec = _spec(requirement)
    for pip_name, conda_names in CONDA_NAMES.items():
        if spec.startswith(pip_name):
            bound = spec[len(pip_name) :]
            return [name + bound for name in conda_names]
    return [spec]


def test_conda_names_of_a_pip_requirement_with_extras():
    both = ["dask>=2024.8.0", "distributed>=2024.8.0"]
    assert _conda_specs("dask[distributed]>=2024.8.0") == both
    assert _conda_specs("pandas>=2.2") == ["pandas>=2.2"]


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pip_side = project["dependencies"] + project["optional-dependencies"]["test"]
    pip_side = [spec for requirement in pip_side for spec in _conda_specs(requirement)]
    conda = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    conda_side = [d for d in conda["dependencies"] if isinstance(d, str)]
    conda_side = [d for d in conda_side if _name(d) not in ("python", "pip")]
    assert sorted(map(_spec, conda_side)) == sorted(map(_spec, pip_side))
    assert conda["channels"] == ["conda-forge"]
    assert {"pip": ["-e ."]} in conda["dependencies"]


def test_runtime_packages_named_by_the_issue_are_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    assert declared >= {
        "jupyterlab",
        "pandas",
        "ipywidgets",
        "plotly",
        "anywidget",
        "nbval",
        "papermill",
        "nbconvert",
        "pydantic",
        "pyyaml",
        "babel",
        "jinja2",
        "openpyxl",
        "python-docx",
        "scipy",
        "pyxirr",
        "dask",  # dask[distributed]: the caseload past one machine
    }
    assert project["requires-python"] == ">=3.11"


def test_private_folders_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text("utf-8").split()
    for entry in (".venv/", "cases/*", "exports/*"):
        assert entry in ignored


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "export CI=true" in ci and "make test" in ci
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme.index("make lab") < readme.index("## ")  # the two commands come first
    assert "make test" in readme[: readme.index("## ")]


def _public_functions():
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if info.name in ("helpers.__main__",):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.isfunction(obj) and obj.__module__ == info.name:
                yield info.name, name, obj
            if inspect.isclass(obj) and obj.__module__ == info.name:
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    func = getattr(member, "fget", None) or getattr(member, "func", None) or member
                    if inspect.isfunction(func):
                        yield info.name, f"{name}.{attr}", func


def _example_problem(name: str, func) -> str | None:
    """Why a public function's docstring lacks a telling example (None when it has one): an
    example must call the function and show a value; ``True`` or ``False`` tells something only
    for a function that answers a yes-or-no question (annotated ``-> bool``)."""
    examples = doctest.DocTestParser().get_examples(func.__doc__ or "")
    short = name.rsplit(".", 1)[-1]
    if not any(short in example.source for example in examples):
        return "no example calls it"
    try:
        answers_yes_no = inspect.signature(func).return_annotation in (bool, "bool")
    except (TypeError, ValueError):
        answers_yes_no = False
    blank = {""} if answers_yes_no else {"", "True", "False"}
    if all(example.want.strip() in blank for example in examples):
        return "no example shows a value"
    return None


def test_every_public_function_has_an_example_that_calls_it_and_shows_a_value():
    found = list(_public_functions())
    assert len(found) > 30
    problems = {
        f"{mod}.{name}": problem
        for mod, name, func in found
        if (problem := _example_problem(name, func)) is not None
    }
    assert problems == {}


def test_an_example_that_only_says_true_is_refused():
    def owed_fen(case) -> int:
        """
        >>> owed_fen(None) > 0
        True
        """

    def hidden() -> int:
        """
        >>> 1 + 1
        2
        """

    assert _example_problem("owed_fen", owed_fen) == "no example shows a value"
    assert _example_problem("hidden", hidden) == "no example calls it"


def test_no_module_opens_a_network_connection():
    forbidden = {"socket", "urllib", "requests", "http", "httpx", "aiohttp"}
    offenders = []
    for path in (ROOT / "src" / "helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in forbidden]
    assert offenders == []


def test_calculation_modules_do_not_import_widgets_or_plotly():
    ui_only = {"ipywidgets", "plotly", "anywidget"}
    offenders = []
    helpers_dir = ROOT / "src" / "helpers"
    for path in helpers_dir.rglob("*.py"):
        if path.relative_to(helpers_dir).parts[0] in ("ui", "charts"):
            continue
        text = path.read_text("utf-8")
        offenders += [
            f"{path.name}: {m}"
            for m in ui_only
            if re.search(rf"^\s*(from|import) {m}\b", text, re.M)
        ]
    assert offenders == []


def test_notebooks_are_committed_without_outputs_or_widget_state():
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        notebook = yaml.safe_load(path.read_text("utf-8"))  # JSON is YAML
        assert not notebook["metadata"].get("widgets"), path.name
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name
