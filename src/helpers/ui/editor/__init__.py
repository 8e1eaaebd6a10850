"""The case editor: forms for every part of a case, problems beside the fields.

What does the editor say when a debt's lender is left empty?

>>> from helpers.case import load_sample
>>> editor = editor_app(load_sample(), lang="en")
>>> editor.controls["debts.lender"].value = ""
>>> editor.notes["debts.lender"].value
'this field is required; add it'
"""

from helpers.ui.editor.app import CaseEditor, editor_app

__all__ = ["CaseEditor", "editor_app"]
