"""The drafts as Word documents (python-docx): the Markdown the drafts are written in, laid out
as headings, paragraphs, lists, quotes and tables, with an East Asian font set on every style
(``w:eastAsia`` on ``w:rFonts``) and the East Asian text declared Simplified Chinese
(``w:eastAsia`` on ``w:lang``), so Chinese shows in a Chinese face in Word and LibreOffice: where
SimSun is missing (Linux), LibreOffice asks fontconfig for a face for Simplified Chinese
(Noto Serif CJK SC) rather than the first CJK face it finds (a Japanese one).

Does Zhang Wei's application to 招商银行 keep its schedule in Word?

>>> import io
>>> from docx import Document
>>> from helpers.case import load_sample
>>> case = load_sample()
>>> document = Document(io.BytesIO(application_docx(case, "d1", "zh-CN")))
>>> document.paragraphs[0].text
'协商还款申请书'
>>> docx_schedule(document)[0]
ScheduleRow(month='2025-04', due_fen=12463, paid_fen=12463, owed_fen=2896109)
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement

from helpers.case import Case
from helpers.proposals.ladder import Ladder
from helpers.proposals.letters import ScheduleRow, application_markdown, parse_schedule
from helpers.scenarios import ScenarioResult

__all__ = [
    "EAST_ASIAN_FONT",
    "EAST_ASIAN_LANGUAGE",
    "LATIN_FONT",
    "markdown_docx",
    "application_docx",
    "docx_schedule",
]

# SimSun (宋体) ships with Windows and has metric-compatible stand-ins elsewhere; the project's
# choice for formal letters.
EAST_ASIAN_FONT = "SimSun"
LATIN_FONT = "Times New Roman"
# the language of the letters' Chinese (names, addresses, the zh-CN letters themselves)
EAST_ASIAN_LANGUAGE = "zh-CN"

_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_LIST = re.compile(r"^(?:- |\d+\. )")


def _set_fonts(document: DocumentObject, lang: str) -> None:
    """Every style with a font gets the Latin and East Asian faces and languages; the theme
    fonts that would override them are dropped."""
    for style in document.styles:
        if not hasattr(style, "font"):
            continue
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.insert(0, fonts)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        language = r_pr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            later = [r_pr.find(qn(tag)) for tag in _AFTER_LANG]
            later = [element for element in later if element is not None]
            if later:  # the schema's order of a run's properties
                later[0].addprevious(language)
            else:
                r_pr.append(language)
        language.set(qn("w:val"), lang)
        language.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def markdown_docx(markdown: str, lang: str) -> DocumentObject:
    """A Word document laid out from the drafts' Markdown: ``#``/``##`` headings, ``-`` and
    ``1.`` list items, ``>`` quotes, ``|`` tables (the separator row dropped), paragraphs.

    >>> document = markdown_docx("# 标题\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |", "zh-CN")
    >>> document.paragraphs[0].text, [c.text for c in document.tables[0].rows[1].cells]
    ('标题', ['1', '2'])
    """
    document = Document()
    document.core_properties.language = lang
    _set_fonts(document, lang)
    table_lines: list[str] = []

    def flush() -> None:
        rows = [_cells(line) for line in table_lines if not re.fullmatch(r"[|\-: ]+", line)]
        table_lines.clear()
        if not rows:
            return
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for cells, row in zip(rows, table.rows, strict=True):
            for text, cell in zip(cells, row.cells, strict=False):
                cell.text = text

    for line in markdown.splitlines():
        if line.startswith("|"):
            table_lines.append(line)
            continue
        flush()
        if not line.strip():
            continue
        if line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.startswith("> "):
            document.add_paragraph(line[2:], style="Quote")
        elif _LIST.match(line):
            style = "List Bullet" if line.startswith("- ") else "List Number"
            document.add_paragraph(_LIST.sub("", line), style=style)
        else:
            document.add_paragraph(line)
    flush()
    return document


def application_docx(
    case: Case,
    debt_id: str,
    lang: str,
    *,
    result: ScenarioResult | None = None,
    ladder: Ladder | None = None,
    markdown: str | None = None,
) -> bytes:
    """The written application to ``debt_id``'s lender as a .docx file's bytes: its Markdown
    (:func:`application_markdown` with ``result`` or ``ladder``), or ``markdown`` as given
    (the draft already built, say by :func:`helpers.proposals.draft_texts`).

    >>> from helpers.case import load_sample
    >>> application_docx(load_sample(), "d2", "en")[:2]
    b'PK'
    """
    if markdown is None:
        markdown = application_markdown(case, debt_id, lang, result=result, ladder=ladder)
    document = markdown_docx(markdown, lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_schedule(document: DocumentObject) -> tuple[ScheduleRow, ...]:
    """The schedule read back from a document's tables (rows whose first cell is a month).

    >>> docx_schedule(markdown_docx("| 2025-04 | ¥1.00 | ¥1.00 | ¥0.00 |", "zh-CN"))
    (ScheduleRow(month='2025-04', due_fen=100, paid_fen=100, owed_fen=0),)
    """
    lines = [
        "| " + " | ".join(cell.text for cell in row.cells) + " |"
        for table in document.tables
        for row in table.rows
    ]
    return parse_schedule("\n".join(lines))
