"""Repayment Negotiation Workbench (协商还款工作台).

Helper modules for a borrower in mainland China who cannot repay consumer debts on time, and for
the advisor they share their analysis with. Every calculation lives here; the notebooks in
``notebooks/`` only call these functions.

>>> import helpers
>>> helpers.__version__
'0.1.0'
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
