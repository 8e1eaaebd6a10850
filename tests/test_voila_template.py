"""The project's Voila page template (``make app``): the installed Voila's own templates with
only the Font Awesome style sheets they link from a CDN left out, so the copy cannot quietly
fall behind a newer Voila. That no page then asks anything of another machine, and that the
icons still draw, is for the browser test (tests/browser/test_voila.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jupyter_core.paths import jupyter_path

from tests.support import ROOT

TEMPLATES = ROOT / "share" / "jupyter" / "voila" / "templates"
OURS = TEMPLATES / "workbench"


def _stock() -> Path:
    """The installed Voila's templates folder (the one holding its lab template)."""
    for folder in jupyter_path("voila", "templates"):
        if Path(folder) != TEMPLATES and (Path(folder) / "lab" / "index.html.j2").exists():
            return Path(folder)
    raise AssertionError(f"no Voila lab template in {jupyter_path('voila', 'templates')}")


def _without_cdn(text: str) -> str:
    return "".join(line for line in text.splitlines(True) if "cdn.jsdelivr.net" not in line)


def _after_comment(text: str) -> str:
    """The template after its leading ``{#- … -#}`` comment."""
    assert text.startswith("{#-"), "the template opens with a comment saying what it changes"
    return text[text.index("-#}\n") + len("-#}\n") :]


def _block(text: str, name: str) -> str:
    start = text.index(f"{{%- block {name} -%}}")
    end = text.index(f"{{%- endblock {name} -%}}", start)
    return text[start:end]


def test_make_app_serves_the_project_template_found_through_jupyter_path():
    recipe = (ROOT / "Makefile").read_text("utf-8").split("\napp:", 1)[1].split("\n\n", 1)[0]
    assert 'JUPYTER_PATH="$(CURDIR)/share/jupyter' in recipe
    assert re.search(r"--template=workbench\b", recipe)
    assert json.loads((OURS / "conf.json").read_text("utf-8")) == {"base_template": "lab"}


def test_notebook_page_is_the_stock_lab_page_without_the_cdn_style_sheets():
    stock = (_stock() / "lab" / "index.html.j2").read_text("utf-8")
    ours = (OURS / "index.html.j2").read_text("utf-8")
    assert "cdn.jsdelivr.net" in _block(stock, "notebook_css")  # else this template is moot
    expected = _without_cdn(_block(stock, "notebook_css")).replace(
        "{{ super() }}", "{{ super.super() }}"
    )
    assert _block(ours, "notebook_css") == expected
    assert _after_comment(ours).startswith("{%- extends 'voila/templates/lab/index.html.j2' -%}")
    assert "cdn.jsdelivr.net" not in ours


def test_file_list_and_error_pages_are_the_stock_lab_page_without_the_cdn_style_sheet():
    base = (_stock() / "base" / "page.html").read_text("utf-8")
    lab = (_stock() / "lab" / "page.html").read_text("utf-8")
    lab_sheets = lab[lab.index("{% block stylesheets %}") : lab.index("{% endblock %}") + 14]
    empty = "{% block stylesheets %}\n    {% endblock %}"
    assert empty in base and "cdn.jsdelivr.net" in base
    expected = _without_cdn(base.replace(empty, lab_sheets))
    assert _after_comment((OURS / "page.html").read_text("utf-8")) == expected
