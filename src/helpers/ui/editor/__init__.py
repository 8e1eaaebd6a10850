"""The case editor: forms for every part of a case, problems beside the fields."""

from helpers.ui.editor.app import CaseEditor, editor_app

__all__ = ["CaseEditor", "editor_app"]
