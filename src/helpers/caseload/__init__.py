"""Caseloads: many cases at once (placeholder face; the caseload helper owns this file)."""

__all__ = []
