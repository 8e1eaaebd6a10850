"""Tables as people read them: the notebooks' worked results with amounts written
"6,300.00" (not ``6300.0``) and without pandas' row numbers. The frames themselves stay numbers,
for anyone who wants to compute with them; this only changes how they are shown.

>>> import pandas as pd
>>> html = readable(pd.DataFrame({"month": ["2025-04"], "income": [6300.0]})).to_html()
>>> "6,300.00" in html, "6300.0" in html
(True, False)
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["readable"]


def readable(frame: pd.DataFrame) -> Styler:
    """The frame for display: decimal columns with thousands separators and two decimals, a
    dash for a missing value, no row numbers.

    >>> frame = pd.DataFrame({"owed": [28790.0, None], "days": [42, 0]})
    >>> readable(frame).to_string().splitlines()[1:]
    ['28,790.00 42', '— 0']
    """
    decimals = list(frame.select_dtypes("float").columns)
    return frame.style.format("{:,.2f}", subset=decimals, na_rep="—").hide(axis="index")
