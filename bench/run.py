"""``make bench``: run every ``bench/bench_*.py`` in turn, then the browser's
(``bench/browser_*.py``); each prints its own times and ratios against peers measured in the
same run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    for path in [*sorted(HERE.glob("bench_*.py")), *sorted(HERE.glob("browser_*.py"))]:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"## {path.stem}")
        module.main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
