"""The shape of the package (DESIGN.md, "Layout"): a package per concept, each with a face.

- Only the foundation modules sit at the top of ``src/helpers/``; everything else is a package.
- No source file passes 450 lines.
- Across packages, code imports from a package's face only (``from helpers.engine import …``),
  and so do the notebooks and the README's examples; every name imported so is on the face.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tests.support import ROOT

HELPERS = ROOT / "src" / "helpers"
TOP_LEVEL_MODULES = {
    "__init__",
    "__main__",
    "money",
    "months",
    "errors",
    "paths",
    "allocation",
    "credit",
}
MAX_LINES = 450


def _faces() -> dict[str, set[str]]:
    """Package name → the names its ``__init__`` lists in ``__all__``."""
    faces = {}
    for init in HELPERS.glob("*/__init__.py"):
        tree = ast.parse(init.read_text("utf-8"))
        names: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) == "__all__" for target in node.targets
            ):
                names = {ast.literal_eval(element) for element in node.value.elts}
        faces[init.parent.name] = names
    return faces


def _helpers_imports(source: str) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every ``from helpers… import …`` and ``import helpers…``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "helpers" or node.module.startswith("helpers."):
                found.append((node.lineno, node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("helpers."):
                    found.append((node.lineno, alias.name, []))
    return found


def _offences(source: str, own_package: str | None, faces: dict[str, set[str]]) -> list[str]:
    """Imports that reach past another package's face, or name what the face lacks."""
    offences = []
    for line, module, names in _helpers_imports(source):
        parts = module.split(".")
        if len(parts) == 1:
            continue  # ``from helpers import paths``: a foundation module
        package = parts[1]
        if package == own_package or package not in faces:
            continue
        if len(parts) > 2:
            offences.append(f"line {line}: {module} is behind the face of helpers.{package}")
            continue
        missing = sorted(set(names) - faces[package])
        if missing:
            offences.append(f"line {line}: helpers.{package} does not offer {missing}")
    return offences


def test_only_foundation_modules_sit_at_the_top():
    modules = {path.stem for path in HELPERS.glob("*.py")}
    assert modules <= TOP_LEVEL_MODULES, sorted(modules - TOP_LEVEL_MODULES)


def test_no_source_file_passes_450_lines():
    long = {
        str(path.relative_to(HELPERS)): lines
        for path in HELPERS.rglob("*.py")
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_package_has_a_face_that_lists_its_names():
    for package in (path.parent for path in HELPERS.rglob("__init__.py")):
        text = (package / "__init__.py").read_text("utf-8")
        assert "__all__" in text, f"{package.relative_to(HELPERS)} has no __all__"


def test_code_imports_other_packages_only_from_their_faces():
    faces = _faces()
    offences = {}
    for path in HELPERS.rglob("*.py"):
        relative = path.relative_to(HELPERS)
        own = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        found = _offences(path.read_text("utf-8"), own, faces)
        if found:
            offences[str(relative)] = found
    assert offences == {}


def test_the_walker_catches_an_import_behind_a_face():
    faces = {"engine": {"project"}, "case": {"Case"}}
    source = "from helpers.engine.scalar.state import DebtState\nfrom helpers.case import Debt\n"
    assert _offences(source, "optimize", faces) == [
        "line 1: helpers.engine.scalar.state is behind the face of helpers.engine",
        "line 2: helpers.case does not offer ['Debt']",
    ]
    assert _offences(source, "engine", faces) == ["line 2: helpers.case does not offer ['Debt']"]


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=str)
def test_notebooks_import_from_package_faces(notebook: Path):
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    source = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    assert _offences(source, None, _faces()) == []


def test_the_readme_imports_from_package_faces():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    mentions = re.findall(r"helpers(?:\.\w+){2,}", readme)
    faces = _faces()
    assert [o for block in blocks for o in _offences(block, None, faces)] == []
    assert [m for m in mentions if m.split(".")[1] in faces] == []
