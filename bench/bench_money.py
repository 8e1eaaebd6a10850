"""Parsing amounts and loading a case.

Peers measured in the same run: ``decimal.Decimal`` on plain numbers (the floor any amount parser
pays) against :func:`helpers.money.parse_amount` on the forms people write; ``yaml.safe_load``
alone against :func:`helpers.case.load_case` (parse + validate + locate).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_time, report  # noqa: E402

from helpers.case import load_case  # noqa: E402
from helpers.money import parse_amount  # noqa: E402
from helpers.paths import SAMPLES_DIR  # noqa: E402

WRITTEN = ["1,234.50", "¥1.2万", "3千", "1.5k", "￥１２，３４５．６７", "8833.30"] * 1000
PLAIN = ["1234.50", "12000", "3000", "1500", "12345.67", "8833.30"] * 1000


def main() -> None:
    print(f"parse {len(WRITTEN)} amounts:")
    report(
        [
            ("Decimal(plain)", best_time(lambda: [Decimal(x) for x in PLAIN])),
            ("parse_amount(written)", best_time(lambda: [parse_amount(x) for x in WRITTEN])),
        ],
        baseline="Decimal(plain)",
    )
    path = SAMPLES_DIR / "chen_jian_business_loss.yaml"
    text = path.read_text("utf-8")
    print(f"load the largest sample ({path.name}):")
    report(
        [
            ("yaml.safe_load", best_time(lambda: yaml.safe_load(text), repeat=20)),
            ("load_case", best_time(lambda: load_case(path), repeat=20)),
        ],
        baseline="yaml.safe_load",
    )


if __name__ == "__main__":
    main()
