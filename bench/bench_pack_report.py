"""The advisor pack's report (``report.html``) for the largest sample: most of a pack's build.

Measured: the whole of :func:`helpers.pack.report.report_html` (a kernel started, the report
notebook executed by papermill, the page converted by nbconvert), beside the report's sections
built in this process (the helpers' figures and tables, no kernel, modules already imported):
the difference is the kernel's start and imports and the conversion.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_time, report  # noqa: E402

from helpers.case import load_sample  # noqa: E402
from helpers.pack.report import report_html  # noqa: E402
from helpers.pack.report_parts import report_sections  # noqa: E402
from helpers.paths import SAMPLES_DIR  # noqa: E402

SAMPLE = "chen_jian_business_loss"  # the largest sample: 7 debts, two of them secured


def _whole() -> None:
    with tempfile.TemporaryDirectory() as work:
        report_html(SAMPLES_DIR / f"{SAMPLE}.yaml", "zh-CN", work_dir=Path(work) / "report")


def main() -> None:
    case, lang = load_sample(SAMPLE), "zh-CN"
    print(f"report.html of {SAMPLE} ({len(case.debts)} debts), {lang}, best of 2:")
    report(
        [
            ("sections in this process", best_time(lambda: report_sections(case, lang), repeat=2)),
            ("whole report_html", best_time(_whole, repeat=2)),
        ],
        baseline="whole report_html",
    )


if __name__ == "__main__":
    main()
