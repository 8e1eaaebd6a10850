"""The notebook apps of the workbench (ipywidgets), one per step, and the pieces they share.

Every app follows one convention, so notebooks stay thin and tests drive the apps without a
browser:

- **A class built from a case** (a :class:`~helpers.case.Case`, a case file, or a sample's
  name), with a ``lang`` defaulting to the case's language; a factory function
  (``editor_app(case_or_path, lang=None)``) builds it in one call.
  The advisor's caseload app (notebook 06, :func:`caseload_app`) is built from a folder of
  case files instead, in Chinese unless told otherwise.
- **``.controls``**: a dict of the named widgets a user changes. Tests set ``.value`` or call
  ``.click()`` on them, exactly as a user would.
- **``.view``**: the top-level widget to display. The app displays itself by delegating
  ``_repr_mimebundle_`` to it, so a notebook cell can end with the app.
- **The current result** as ``.result`` (the editor: the draft as a validated case, or None
  while it has problems), next to what the app shows (``.notes`` beside fields, ``.messages``).
- **Callbacks are thin**: read the controls, call one helper, write the results, in five lines
  or fewer. The logic lives in plain functions tested without widgets (for the editor,
  :mod:`helpers.ui.editor.draft`; for the scenario app, :func:`helpers.scenarios.tune` and
  :func:`helpers.scenarios.visible_fields`). Tables are built by
  :func:`helpers.charts.html_table`.
- **Errors are shown inside the app**: every callback runs in the app's
  :class:`~helpers.ui.common.Guard` (``control.observe(self.guard(handler), "value")``), which
  shows a :class:`~helpers.errors.WorkbenchError` (or a file that cannot be read or written)
  in the app's message area, rendered in the app's language, and lets the app's
  ``ipywidgets.Output`` capture anything unexpected, never lost in a log.
- **A language switch** (``controls["lang"]``, zh-CN / en) relabels everything: field labels,
  choices, buttons, tab titles, and the messages and problems already shown.
- While an app sets its own controls (loading an item, relabelling choices) its observers are
  silenced with :class:`~helpers.ui.common.Hush`, which the guard respects.

>>> from helpers.case import load_sample
>>> from helpers.ui import editor_app
>>> app = editor_app(load_sample(), lang="en")
>>> app.controls["lang"].value = "zh-CN"
>>> app.controls["debts.lender"].value = ""
>>> app.notes["debts.lender"].value
'必填项缺失，请补上'
"""

from helpers.ui.budget import BudgetApp, budget_app
from helpers.ui.caseload import CaseloadApp, caseload_app
from helpers.ui.debts import DebtsApp, debts_app
from helpers.ui.editor.app import CaseEditor, editor_app
from helpers.ui.proposal import ProposalApp, proposal_app
from helpers.ui.scenarios import ScenarioApp, scenario_app
from helpers.ui.start import StartApp, capacity_sentence, start_app
from helpers.ui.track import TrackApp, track_app

__all__ = [
    "capacity_sentence",
    "BudgetApp",
    "CaseloadApp",
    "CaseEditor",
    "DebtsApp",
    "ProposalApp",
    "ScenarioApp",
    "StartApp",
    "budget_app",
    "caseload_app",
    "debts_app",
    "editor_app",
    "proposal_app",
    "TrackApp",
    "track_app",
    "scenario_app",
    "start_app",
]
