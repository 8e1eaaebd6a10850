"""What a page's layout must be: nothing in the apps cut off or running past its output area,
and how tall a notebook is; the words of the other language in the output areas.

Playwright is only used through the ``page`` objects passed in, so this module loads where the
browser is not installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tests.page_text import foreign_words, without

__all__ = ["overflows", "notebook_height", "output_text", "foreign_on_page", "FILES"]

# Every element of an app whose text or edge can be cut: labels and slider readouts (text cut
# with an ellipsis), buttons, HTML texts and tables, dropdowns, toggles, sliders, check boxes,
# text fields, figures. Each must end inside its output area, or inside a box that scrolls
# sideways and itself ends inside it.
_OVERFLOWS = """() => {
    const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
    const places = '.widget-label, .widget-readout, button, .widget-html-content, select, '
        + '.widget-toggle-buttons, .widget-slider, .widget-checkbox, .widget-text input, '
        + 'table, .js-plotly-plot';
    const found = [];
    for (const area of document.querySelectorAll('.jp-OutputArea-output')) {
        if (!area.getClientRects().length) continue;
        const edge = area.getBoundingClientRect().right + 1;
        for (const el of area.querySelectorAll(places)) {
            // plotly's own tool bar shows on hover, over the figure's corner
            if (!el.getClientRects().length || el.closest('.modebar-container')) continue;
            const text = norm(el.textContent || el.value).slice(0, 60);
            const what = `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`;
            if (el.matches('.widget-label, .widget-readout, button')
                    && el.scrollWidth > el.clientWidth + 1) {
                found.push(`cut: ${what} "${text}" (${el.scrollWidth} px in ${el.clientWidth})`);
            }
            let right = el.getBoundingClientRect().right, by = null;
            for (let a = el.parentElement; a && a !== area; a = a.parentElement) {
                const style = getComputedStyle(a);
                if (style.overflowX === 'visible') continue;
                const box = a.getBoundingClientRect();
                if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
                    right = box.right;  // scrolls: what matters is where the scroller ends
                } else if (right > box.right + 1) {
                    by = String(a.className).split(' ')[0] || a.tagName;
                    break;
                }
            }
            if (by === null && right > edge) by = 'the output area';
            if (by !== null) found.push(`past its box: ${what} "${text}" (cut by ${by})`);
        }
    }
    return [...new Set(found)];
}"""

# The notebook's full height in JupyterLab: its scrolling panel's content.
_HEIGHT = """() => {
    const panel = [...document.querySelectorAll('.jp-NotebookPanel')]
        .find(p => !p.classList.contains('lm-mod-hidden'));
    const scroller = panel.querySelector('.jp-WindowedPanel-outer') || panel;
    return scroller.scrollHeight;
}"""

# (a dropdown's options show their spaces as no-break spaces: read back as spaces)
# (and a figure's tool bar, plotly's own, is left out)
_OUTPUT_TEXT = """() => [...document.querySelectorAll('.jp-OutputArea-output')].map(e => {
    const copy = e.cloneNode(true);
    copy.querySelectorAll('.modebar-container, .modebar').forEach(m => m.remove());
    return copy.textContent.replace(/\\u00a0/g, ' ');
}).join('\\n')"""

# Files and folders a page may name (cases/mine.yaml, .xlsx): in no language.
FILES = re.compile(r"[\w.\-]*(?:/[\w.\-]+)+/?|\.(?:csv|xlsx|yaml)\b")


def overflows(page: Any) -> list[str]:
    """What in the output areas is cut off or runs past its box, as readable lines."""
    return page.evaluate(_OVERFLOWS)


def notebook_height(page: Any) -> int:
    """The height in pixels of the notebook shown in JupyterLab (all its cells and outputs)."""
    return page.evaluate(_HEIGHT)


def output_text(page: Any) -> str:
    """All the text of the page's output areas (the apps and their outputs), hidden parts
    such as a closed glossary included."""
    return page.evaluate(_OUTPUT_TEXT)


def foreign_on_page(
    text: str, lang: str, exempt: Iterable[str], allowlist: Iterable[str]
) -> list[str]:
    """The words of ``text`` not in ``lang`` (:func:`tests.page_text.foreign_words`), leaving
    out the case's own texts (``exempt``) and file names.

    >>> foreign_on_page("样例：李娜（疾病） cases/mine.yaml 按 4 × LPR Total", "zh-CN",
    ...                 ["李娜"], {"LPR"})
    ['Total']
    """
    allowed = set(allowlist)
    words = foreign_words(FILES.sub(" ", without(text, exempt)), lang, allowed)
    return [word for word in words if word not in allowed]
