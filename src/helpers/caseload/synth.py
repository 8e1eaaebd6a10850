"""Synthetic caseloads for tests and benches: realistic random cases, every one valid.

The proportions below are **assumptions** (no statistic publishes them per borrower in
difficulty); where a published figure exists, it is named. Each case first draws a profile
(easy, middle, hard) so that a caseload's triage has something to sort: a hard case's budget
carries nothing for months, it holds secured debts more often and most of its debts are late.

===================  =====================================================  ======================
what                 shares                                                 source
===================  =====================================================  ======================
profile (case)       easy 0.30, middle 0.40, hard 0.30                      assumption
hardship (case)      unemployment 0.30, income drop 0.25, illness 0.15,     assumption; the kinds:
                     business loss 0.15, family 0.10, disaster 0.05         DOMAIN.md, step 4
unsecured debts      credit card 0.35, online platform 0.22, consumer       assumption; the kinds:
(per debt)           finance 0.12, bank loan 0.10, micro loan 0.08,         DOMAIN.md, "Who uses"
                     private 0.13
mortgage (case)      easy 0.10, middle 0.20, hard 0.40                      assumption
car loan (case)      easy 0.10, middle 0.15, hard 0.25                      assumption
overdue (per debt)   current / 1–30 / 31–90 / 90+ days: easy 0.80 0.15      assumption; the bands:
                     0.05 0; middle 0.40 0.30 0.20 0.10; hard 0.10 0.15     DOMAIN.md, overdue
                     0.30 0.45                                              classes
unsecured per case   1–6 debts: 0.15 0.25 0.25 0.15 0.12 0.08               assumption
household size       1–5 people: 0.20 0.30 0.30 0.15 0.05 (mean 2.55)       assumption (the 2020
                                                                            census: about 2.6)
urban household      0.67                                                   assumption (NBS: about
                                                                            two thirds in 2024)
written in English   0.10 (the rest in Chinese)                             assumption
budget (case)        income now leaves unsecured dues × 1.1–1.8 (easy),     assumption
                     × 0.2–0.9 (middle), nothing (hard) after costs,
                     reserve and secured dues; recovery 1–6, 3–12, 6–18
                     months ahead
costs                NBS 2024 consumption per person (spending reference),  helpers/data/
                     / 12 × household size × the area's ratio, × a          spending_reference
                     lognormal factor (σ 0.25)                              .yaml
rates                card 0.05%/day (15% instalments at 0.6%/month);        DOMAIN.md, "Common
                     platforms and consumer finance 10.8–36% a year;        terms"; the ranges
                     micro loans 18–36%; bank loans 3–8%; mortgages         are assumptions
                     3–4.9%; car 3–8%; private 0 (40%) or 6–20%
===================  =====================================================  ======================

Personal fields are obviously fake: a name from a short list, a phone number ``170`` followed
by the case number, an ID number of the right shape (region, birth date, sequence 00x, check
digit) and account numbers ending in the case number, so redaction has something to find.

>>> case = synth_cases(3, seed=7)[2]
>>> case.person.phone, case.debts[0].account_number.endswith("00000003")
('17000000003', True)
"""

from __future__ import annotations

import math
import os
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from helpers.budget import spending_reference
from helpers.case import EVIDENCE_FOR_HARDSHIP, TEMP_PREFIX, Case, save_case
from helpers.errors import CaseError, Problem
from helpers.i18n import label, t

__all__ = ["PROFILES", "PROFILE_SHARES", "HARDSHIP_SHARES", "UNSECURED_SHARES", "SECURED_SHARES",
           "OVERDUE_BANDS", "OVERDUE_SHARES", "BLOCK", "synth_case", "synth_cases", "synth_name",
           "write_cases"]  # fmt: skip

# fmt: off
PROFILES = ("easy", "middle", "hard")
PROFILE_SHARES = (0.30, 0.40, 0.30)
HARDSHIP_SHARES = {"unemployment": 0.30, "income_drop": 0.25, "illness": 0.15,
                   "business_loss": 0.15, "family": 0.10, "disaster": 0.05}
UNSECURED_SHARES = {"credit_card": 0.35, "online_platform": 0.22, "consumer_finance": 0.12,
                    "bank_loan": 0.10, "micro_loan": 0.08, "private": 0.13}
SECURED_SHARES = {"mortgage": (0.10, 0.20, 0.40), "car": (0.10, 0.15, 0.25)}  # by profile
OVERDUE_BANDS = ("current", "1-30", "31-90", "90+")
OVERDUE_SHARES = ((0.80, 0.15, 0.05, 0.0), (0.40, 0.30, 0.20, 0.10), (0.10, 0.15, 0.30, 0.45))
_BAND_DAYS = ((0, 0), (1, 30), (31, 90), (91, 400))
_SIZES, _SIZE_SHARES = (1, 2, 3, 4, 5), (0.20, 0.30, 0.30, 0.15, 0.05)
_URBAN, _EN = 0.67, 0.10  # urban share (NBS 2024); cases written in English (assumption)
_UNSECURED_SLOTS = 6
BLOCK = 1000  # cases drawn together (synth_cases)
_COUNT_SHARES = (0.15, 0.25, 0.25, 0.15, 0.12, 0.08)  # 1–6 unsecured debts (assumption)
_FIRST_AS_OF, _AS_OF_DAYS = date(2024, 7, 1), 578  # as-of dates 2024-07-01 … 2026-01-29
# Loans by kind: median amount lent (fen; spread lognormal, σ 0.6), annual rate range, terms
_LOANS = {
    "online_platform": (1_500_000, 0.108, 0.36, (6, 12, 24)),
    "consumer_finance": (2_000_000, 0.10, 0.36, (12, 24, 36)),
    "micro_loan": (3_000_000, 0.18, 0.36, (6, 12, 24)),
    "bank_loan": (8_000_000, 0.03, 0.08, (12, 24, 36)),
    "mortgage": (60_000_000, 0.03, 0.049, (240, 300, 360)),
    "car": (6_000_000, 0.03, 0.08, (36, 48, 60)),
}
_SURNAMES = (("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
             ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"))
_GIVEN = (("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"),
          ("强", "Qiang"), ("磊", "Lei"), ("洋", "Yang"), ("艳", "Yan"), ("军", "Jun"))
_REGIONS = (("浙江省杭州市", "Hangzhou, Zhejiang", "330106"),
            ("广东省深圳市", "Shenzhen, Guangdong", "440305"),
            ("四川省成都市", "Chengdu, Sichuan", "510104"),
            ("河南省周口市", "Zhoukou, Henan", "411602"),
            ("湖北省武汉市", "Wuhan, Hubei", "420102"),
            ("山东省临沂市", "Linyi, Shandong", "371302"))
_LENDERS = {
    "credit_card": (("招商银行", "China Merchants Bank"), ("中信银行", "China CITIC Bank"),
                    ("广发银行", "China Guangfa Bank"), ("交通银行", "Bank of Communications")),
    "online_platform": (("借呗", "Jiebei"), ("微粒贷", "Weilidai"), ("京东金条", "JD Jintiao")),
    "monthly_bill": (("花呗", "Huabei"), ("京东白条", "JD Baitiao")),
    "consumer_finance": (("马上消费金融", "Mashang Consumer Finance"),
                         ("招联消费金融", "Zhaolian Consumer Finance")),
    "micro_loan": (("某小额贷款公司", "a micro-loan company"),),
    "bank_loan": (("工商银行", "ICBC"), ("农业银行", "Agricultural Bank of China")),
    "private": (("表哥", "a cousin"), ("朋友老王", "a friend, Lao Wang")),
    "mortgage": (("建设银行", "China Construction Bank"),),
    "car": (("比亚迪汽车金融", "BYD Auto Finance"),),
}
# fmt: on
_FUNDERS = ("bank", "consumer_finance", "micro_loan")
_EVIDENCE_STATUS = ("missing", "requested", "ready")


def synth_name(k: int) -> str:
    """The file name of synthetic case number ``k``.

    >>> synth_name(1), synth_name(123456)
    ('synth_00001.yaml', 'synth_123456.yaml')
    """
    return f"synth_{k:05d}.yaml"


def _draw(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Every random number of ``n`` cases, drawn at once in a fixed order (so a seed fixes all)."""
    profile = rng.choice(3, n, p=PROFILE_SHARES)
    slots = _UNSECURED_SLOTS + 2  # then the mortgage and the car
    band_u = rng.random((n, slots))
    cum = np.cumsum(np.array(OVERDUE_SHARES), axis=1)[profile]  # (n, 4)
    band = np.minimum((band_u[:, :, None] >= cum[:, None, :]).sum(-1), 3)
    secured = (
        rng.random((n, 2)) < np.array([SECURED_SHARES[k] for k in ("mortgage", "car")]).T[profile]
    )
    return {
        "profile": profile,
        "hardship": rng.choice(len(HARDSHIP_SHARES), n, p=list(HARDSHIP_SHARES.values())),
        "english": rng.random(n) < _EN,
        "size": rng.choice(_SIZES, n, p=_SIZE_SHARES),
        "urban": rng.random(n) < _URBAN,
        "as_of": rng.integers(0, _AS_OF_DAYS, n),
        "count": rng.choice(len(_COUNT_SHARES), n, p=_COUNT_SHARES) + 1,
        "kind": rng.choice(
            len(UNSECURED_SHARES), (n, _UNSECURED_SLOTS), p=list(UNSECURED_SHARES.values())
        ),
        "secured": secured,
        "band": band,
        "days_u": rng.random((n, slots)),
        "debt_u": rng.random((n, slots, 8)),
        "debt_z": rng.standard_normal((n, slots)),
        "cost_z": rng.standard_normal((n, 8)),
        "case_u": rng.random((n, 16)),
    }


def _lists(draws: dict[str, np.ndarray]) -> dict[str, list]:
    """The draws as Python lists: building a case reads them one number at a time."""
    return {name: values.tolist() for name, values in draws.items()}


def _y(fen: int | float) -> Decimal:
    """Yuan with two decimals from fen."""
    return Decimal(int(round(fen))).scaleb(-2)


def _months_back(day: date, months: int, on_day: int) -> date:
    total = day.year * 12 + day.month - 1 - months
    return date(total // 12, total % 12 + 1, on_day)


def _annuity(principal: float, annual: float, months: int) -> float:
    r = annual / 12
    return principal / months if r == 0 else principal * r / (1 - (1 + r) ** -months)


def _debt(kind: str, u: list[float], z: float, days: int, as_of: date, k: int, j: int, en: bool):
    """One debt's data (amounts in yuan) and an estimate of its monthly due in fen."""
    name = _LENDERS[kind][int(u[0] * len(_LENDERS[kind]))][en]
    due_day = 1 + int(u[1] * 28)
    data: dict[str, Any] = {"id": f"d{j + 1}", "lender": name, "kind": kind}
    account = f"62{j + 1:02d}0000{k:08d}"
    spread = math.exp(0.6 * z)
    if kind == "credit_card":
        limit = (10_000, 20_000, 30_000, 50_000, 80_000)[int(u[2] * 5)] * 100
        data.update(credit_limit=_y(limit), statement_day=due_day, account_number=account)
        data["due_day"] = (due_day + 19) % 28 + 1
        if u[3] < 0.15:  # a statement instalment, quoted as a monthly fee
            original = round(limit * (0.3 + 0.5 * u[4]), -2)
            term, left = 12, 1 + int(u[5] * 12)
            principal = round(original * left / term)
            data.update(monthly_fee_rate=0.006, original_principal=_y(original),
                        original_term_months=term, remaining_term_months=left)  # fmt: skip
            due = principal / left + original * 0.006
        else:
            principal = round(limit * (0.5 + 0.5 * u[4]), -2)
            data["daily_rate"] = 0.0005 if u[5] < 0.85 else 0.0004
            if u[6] < 0.2:
                data["cash_advance"] = _y(round(principal * 0.2 * u[7], -2))
            interest = round(principal * data["daily_rate"] * days)
            minimum = round(principal * 0.1) + interest
            data.update(minimum_due=_y(minimum), days_overdue=days)
            if days:
                data["interest"] = _y(interest)
                data["minimum_unpaid"] = _y(min(minimum, round(principal * 0.1)))
                data["charges"] = _y(round(0.05 * minimum * (1 + days // 30)))
            due = principal * 0.1
        data["principal"] = _y(principal)
        return data, due
    if kind == "private":
        principal = round(3_000_000 * spread, -4)
        annual = 0.0 if u[2] < 0.4 else round(0.06 + 0.14 * u[3], 3)
        start = _months_back(as_of, 3 + int(u[4] * 34) + days // 30, due_day)
        data.update(principal=_y(principal), annual_rate=annual, contract_date=start,
                    days_overdue=days)  # fmt: skip
        return data, principal / 12
    median, low, high, terms = _LOANS[kind]
    annual = round(low + (high - low) * u[2], 4)
    original = round(median * spread, -4)
    if kind == "online_platform" and u[3] < 0.3:  # a monthly bill (花呗, 白条)
        principal = round(original / 4, -2)
        data["lender"] = _LENDERS["monthly_bill"][int(u[0] * 2)][en]
        data.update(principal=_y(principal), daily_rate=0.0005, billing="monthly",
                    statement_day=due_day, due_day=(due_day + 8) % 28 + 1,
                    days_overdue=days)  # fmt: skip
        if days:
            data["interest"] = _y(round(principal * 0.0005 * days))
        return data, principal * 0.1
    term = terms[int(u[4] * 3)]
    elapsed = max(1 + int(u[5] * min(term - 1, 120)), days // 30 + 1)
    term = min(max(term, elapsed + 1), 600)
    left = term - elapsed
    missed = min(days // 30 + (days > 0), elapsed)  # instalments due and unpaid
    principal = round(original * (left + missed) / term, -2) or 100
    data.update(principal=_y(principal), original_principal=_y(original),
                original_term_months=term, remaining_term_months=left,
                contract_date=_months_back(as_of, elapsed, due_day), due_day=due_day,
                days_overdue=days, account_number=account)  # fmt: skip
    if kind == "online_platform":
        data.update(daily_rate=round(annual / 360, 6), funder_kind=_FUNDERS[int(u[6] * 3)])
    else:
        data["annual_rate"] = annual
    if kind in ("micro_loan", "consumer_finance") and u[6] < 0.5:
        data["upfront_fee"] = _y(round(original * 0.03, -2))
    if kind == "bank_loan" and u[7] < 0.2:
        surname, given = _SURNAMES[int(u[6] * 10)], _GIVEN[int(u[7] * 50) % 10]
        data["guarantor"] = f"{surname[1]} {given[1]}" if en else surname[0] + given[0] + "国"
    if days:
        interest = principal * annual * days / 360
        data["interest"] = _y(min(interest, principal * annual * 30 / 360 * (1 + days // 30)))
        if days > 30:
            data["penalty_interest"] = _y(interest * 0.5)
    return data, _annuity(principal, annual, max(left, 1))


def _costs(d: dict[str, list], i: int, mortgage: bool, illness: bool) -> list[dict]:
    """Monthly costs by category from the NBS spending reference (yuan per person per year)."""
    ref = spending_reference()
    size, urban, z, u = int(d["size"][i]), bool(d["urban"][i]), d["cost_z"][i], d["case_u"][i]
    area = ref.consumption["urban" if urban else "rural"] / ref.consumption["national"]
    cat = ref.categories
    base = size * area * 100 / 12  # fen a month per yuan a year per person
    parts = {
        "food_housekeeping": cat["food_tobacco_drink"] + cat["household_goods_services"],
        "personal": cat["clothing"],
        "utilities": cat["housing"] * 0.25,
        "transport": cat["transport_communication"] * 0.65,
        "phone_internet": cat["transport_communication"] * 0.35,
        "leisure": cat["education_culture_recreation"] * 0.4,
        "medical": cat["healthcare_other"] * (1.5 if illness else 0.4),
        "childcare_education": cat["education_culture_recreation"] * 0.6 if size >= 3 else 0,
    }
    costs = [{"category": c, "amount": _y(round(v * base * math.exp(0.25 * z[n]), -2))}
             for n, (c, v) in enumerate(parts.items()) if v]  # fmt: skip
    if mortgage:
        fees = _y(round(20_000 + 30_000 * u[0], -2))
        costs.append({"category": "property_fees", "amount": fees})
    elif u[1] < (0.7 if urban else 0.2):
        rent = (200_000 if urban else 60_000) * (1 + 0.3 * (size - 1)) * (0.6 + 0.8 * u[2])
        costs.insert(0, {"category": "rent", "amount": _y(round(rent, -2))})
    if u[3] < 0.3:
        costs.append({"category": "insurance", "amount": _y(round(10_000 + 40_000 * u[4], -2))})
    if u[5] < 0.2:
        family = _y(round(50_000 + 100_000 * u[6], -2))
        costs.append({"category": "family_obligations", "amount": family})
    return costs


def _person(d: dict[str, list], i: int, k: int, en: bool) -> tuple[dict, str]:
    """Fake personal details (the ID's check digit by GB 11643) and the region's name."""
    u = d["case_u"][i]
    surname, given = _SURNAMES[int(u[7] * 10)], _GIVEN[int(u[8] * 10)]
    region = _REGIONS[int(u[9] * len(_REGIONS))]
    birth = date(1965, 1, 1) + timedelta(days=int(u[10] * 35 * 365))
    body = f"{region[2]}{birth:%Y%m%d}00{int(u[11] * 10)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    name = f"{surname[1]} {given[1]}" if en else surname[0] + given[0]
    person = {"name": name, "id_number": body + check, "phone": f"170{k:08d}"}
    return person, region[1] if en else region[0]


def _build(d: dict[str, list], i: int, k: int) -> Case:
    """Case number ``k`` from row ``i`` of the draws."""
    en, profile = bool(d["english"][i]), int(d["profile"][i])
    lang = "en" if en else "zh-CN"
    hardship = list(HARDSHIP_SHARES)[int(d["hardship"][i])]
    as_of = _FIRST_AS_OF + timedelta(days=int(d["as_of"][i]))
    kinds = [list(UNSECURED_SHARES)[int(c)] for c in d["kind"][i][: int(d["count"][i])]]
    slots = list(range(len(kinds)))
    for n, secured in enumerate(("mortgage", "car")):
        if d["secured"][i][n]:
            kinds.append(secured)
            slots.append(_UNSECURED_SLOTS + n)
    debts, secured_due, unsecured_due = [], 0.0, 0.0
    for j, (kind, slot) in enumerate(zip(kinds, slots, strict=True)):
        low, high = _BAND_DAYS[int(d["band"][i][slot])]
        days = low + int(d["days_u"][i][slot] * (high - low + 1)) if high else 0
        data, due = _debt(
            kind, d["debt_u"][i][slot], float(d["debt_z"][i][slot]), days, as_of, k, j, en
        )
        debts.append(data)
        if kind in ("mortgage", "car"):
            secured_due += due
        else:
            unsecured_due += due
    u = d["case_u"][i]
    costs = _costs(d, i, "mortgage" in kinds, hardship == "illness")
    reserve = round(10_000 + 20_000 * u[12], -2)
    needs = sum(int(c["amount"] * 100) for c in costs) + reserve + secured_due
    # what is left for the unsecured lenders: more than their dues (easy), part (middle), nothing
    spare = (unsecured_due * (1.1 + 0.7 * u[13]), unsecured_due * (0.2 + 0.7 * u[13]),
             -needs * 0.3 * u[13])[profile]  # fmt: skip
    now = max(round(needs + spare, -3), 0)
    after = round(needs + unsecured_due * ((1.2, 0.8, 0.3)[profile] + 0.8 * u[14]), -3)
    main_kind = {"unemployment": "benefits", "business_loss": "business"}.get(hardship, "wages")
    incomes = []
    if now:
        first = min(now, 250_000) if main_kind == "benefits" else now
        incomes.append({"kind": main_kind, "amount": _y(first)})
        if now > first:
            incomes.append({"kind": "wages", "amount": _y(now - first)})
    start = _months_back(as_of, 1 + int(u[15] * 12), 1)
    ahead = ((1, 6), (3, 12), (6, 18))[profile]
    recovery = _months_back(as_of, -(ahead[0] + int(u[0] * (ahead[1] - ahead[0] + 1))), 1)
    person, region = _person(d, i, k, en)
    evidence = [{"item": label("case.evidence_kind", e, lang), "kind": e,
                 "status": _EVIDENCE_STATUS[int(u[2 + n] * 3)]}
                for n, e in enumerate(EVIDENCE_FOR_HARDSHIP[hardship])]  # fmt: skip
    savings = round(500_000 * (3.0, 1.0, 0.3)[profile] * math.exp(0.8 * d["cost_z"][i][7]))
    household = {"size": d["size"][i], "area": "urban" if d["urban"][i] else "rural",
                 "region": region}  # fmt: skip
    story = {"kind": hardship, "start": f"{start:%Y-%m}", "expected_recovery": f"{recovery:%Y-%m}",
             "income_after_recovery": _y(after),
             "description": t(f"caseload.synth.hardship.{hardship}", lang)}  # fmt: skip
    data = {"language": lang, "as_of": as_of, "person": person, "household": household,
            "incomes": incomes, "costs": costs, "savings": _y(round(savings, -2)),
            "monthly_reserve": _y(reserve), "hardship": story, "debts": debts,
            "evidence": evidence}  # fmt: skip
    return Case.model_validate(data)


def synth_case(rng: np.random.Generator, k: int) -> Case:
    """One synthetic case numbered ``k`` (its phone and account numbers end in ``k``), drawn
    from ``rng``.

    >>> case = synth_case(np.random.default_rng(1), 42)
    >>> case.person.phone, case == synth_case(np.random.default_rng(1), 42)
    ('17000000042', True)
    """
    return _build(_lists(_draw(rng, 1)), 0, k)


def synth_cases(n: int, seed: int, *, first: int = 1) -> list[Case]:
    """Cases ``first`` to ``first + n - 1`` of the caseload of ``seed``: the same seed gives the
    same cases, and a longer caseload extends a shorter one. Cases are drawn by blocks of
    :data:`BLOCK` (block *b* from ``numpy.random.default_rng([seed, b])``), so a caseload of a
    million is made, and written, a block at a time.

    >>> sorted({c.hardship.kind.value for c in synth_cases(200, seed=3)})
    ['business_loss', 'disaster', 'family', 'illness', 'income_drop', 'unemployment']
    >>> synth_cases(2, seed=3, first=1500)[1] == synth_cases(1501, seed=3)[-1]
    True
    """
    cases = []
    for block in range((first - 1) // BLOCK, (first + n - 2) // BLOCK + 1):
        draws = _lists(_draw(np.random.default_rng([seed, block]), BLOCK))
        low = max(first, block * BLOCK + 1)
        high = min(first + n - 1, (block + 1) * BLOCK)
        cases += [_build(draws, k - 1 - block * BLOCK, k) for k in range(low, high + 1)]
    return cases


def write_cases(
    cases: list[Case], folder: str | os.PathLike[str], *, force: bool = False, first: int = 1
) -> list[Path]:
    """Write each case afresh with :func:`helpers.case.save_case` as ``synth_00001.yaml``…
    (numbered from ``first``); existing case files are overwritten only when ``force`` (else
    nothing is written).

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> [p.name for p in write_cases(synth_cases(2, seed=1), folder)]
    ['synth_00001.yaml', 'synth_00002.yaml']
    >>> write_cases(synth_cases(1, seed=1), folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: ...: 1 case file is already there ...
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    targets = [folder / synth_name(k) for k in range(first, first + len(cases))]
    there = [p for p in targets if p.exists()]
    if there and not force:
        params = {"count": len(there), "first": there[0].name}
        raise CaseError([Problem(str(folder), None, "caseload.synth.exists", params)])
    for path in there:  # written afresh, not merged into the old file: the same seed, same bytes
        path.unlink()
    written = [_save_fresh(case, path) for case, path in zip(cases, targets, strict=True)]
    return written


def _save_fresh(case: Case, target: Path) -> Path:
    """Save a new case file: :func:`save_case` in a hidden folder of its own, then moved in.

    ``save_case`` looks for a killed save's leftovers in the target's folder and leaves a lock
    file there; done beside 10,000 files, each save would read the whole folder. Its own small
    folder (removed after, with the lock) keeps each save as fast as the first.
    """
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX + "synth-", dir=target.parent) as stage:
        os.replace(save_case(case, Path(stage) / target.name), target)
    return target
