"""The advisor pack of the largest sample: the whole build, and its parts measured in the same
run.

Measured: :func:`helpers.pack.build_pack` (case, workbook, drafts, report, manifest, archive);
the report alone, :func:`helpers.pack.report.report_html` (a kernel started, the report notebook
executed by papermill, the page converted by nbconvert), which is most of it; the other files
alone (:func:`helpers.pack.pack_files`); and the report's sections built in this process (no
kernel, modules already imported): its difference from the whole report is the kernel's start,
its imports and the conversion.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_time, report  # noqa: E402

from helpers.case import load_sample  # noqa: E402
from helpers.pack import build_pack, pack_files  # noqa: E402
from helpers.pack.report import report_html  # noqa: E402
from helpers.pack.report_parts import report_sections  # noqa: E402
from helpers.paths import SAMPLES_DIR  # noqa: E402

SAMPLE = "chen_jian_business_loss"  # the largest sample: 7 debts, two of them secured


def _pack() -> None:
    with tempfile.TemporaryDirectory() as work:
        build_pack(SAMPLES_DIR / f"{SAMPLE}.yaml", Path(work) / "pack.zip")


def _whole() -> None:
    with tempfile.TemporaryDirectory() as work:
        report_html(SAMPLES_DIR / f"{SAMPLE}.yaml", "zh-CN", work_dir=Path(work) / "report")


def main() -> None:
    case, lang = load_sample(SAMPLE), "zh-CN"
    print(f"the advisor pack of {SAMPLE} ({len(case.debts)} debts), {lang}, best of 2:")
    report(
        [
            ("whole pack (build_pack)", best_time(_pack, repeat=2)),
            ("report.html alone", best_time(_whole, repeat=2)),
            ("the other files (pack_files)", best_time(lambda: pack_files(case, lang), repeat=2)),
            ("report sections here", best_time(lambda: report_sections(case, lang), repeat=2)),
        ],
        baseline="whole pack (build_pack)",
    )


if __name__ == "__main__":
    main()
