"""A draft complaint for a flagged contact, to read out to 12378 (NFRA) or 12363 (PBOC) or to
file online: who, when, what happened, which rule, what is asked, from the entry's facts.

What would Zhang Wei tell 12378 about 招商银行's call to his employer?

>>> from helpers.case import load_sample
>>> from helpers.journal.conduct import conduct_flags
>>> from helpers.journal.entry import Entry
>>> call = Entry(when="2025-04-02 15:20", debt_id="d1", lender="招商银行", agent_id="A-17",
...              channel="collector_call", initiator="collector", third_parties=["employer"])
>>> flag, = conduct_flags([call], load_sample())
>>> print(complaint_text(flag, load_sample(), "en"))  # doctest: +ELLIPSIS
To 12378 (National Financial Regulatory Administration, consumer complaints)
Complaint about: 招商银行 (debt d1), agent A-17
When: 2025-04-02 15:20, collector's call
What happened: 招商银行's collection side contacted my employer about my debt.
Rule broken: collection is from the debtor or guarantor only, never from third parties (...)
What I ask: that the lender be told to stop at once, ...
Complainant: 张伟 (the borrower)
"""

from __future__ import annotations

from helpers.case import Case
from helpers.i18n import join_list, label, t
from helpers.journal.conduct import ConductFlag, ConductRule

__all__ = ["complaint_text"]


def complaint_text(flag: ConductFlag, case: Case, lang: str) -> str | None:
    """The draft complaint for one flag, in ``lang``; None when no regulator takes it (a
    private lender: see :func:`helpers.journal.complaint_line`).

    Parameters
    ----------
    flag : ConductFlag
    case : Case
        Names the complainant (the person's name when the case has one).
    lang : str

    Examples
    --------
    借呗 called at 22:30; the draft asks 12378 to stop it, in Chinese:

    >>> from helpers.case import load_sample
    >>> from helpers.journal.conduct import conduct_flags
    >>> from helpers.journal.entry import Entry
    >>> call = Entry(when="2025-04-02 22:30", debt_id="d4", lender="借呗",
    ...              channel="collector_call", initiator="collector")
    >>> flag, = conduct_flags([call], load_sample())
    >>> text = complaint_text(flag, load_sample(), "zh-CN")
    >>> text.splitlines()[0], "22:30" in text, "{" in text
    ('致 12378（国家金融监督管理总局消费者投诉热线）', True, False)
    """
    if flag.complaint is None:
        return None
    entry = flag.entry
    when = entry.when.strftime("%Y-%m-%d %H:%M")
    agent = t("journal.complaint.agent", lang, agent=entry.agent_id) if entry.agent_id else ""
    parties = join_list([label("journal.third_party", p, lang) for p in entry.third_parties], lang)
    facts = {
        "lender": entry.lender,
        "when": when,
        "day": entry.when.date().isoformat(),
        "count": flag.count,
        "parties": parties,
    }
    what = t(f"journal.complaint.what.{flag.rule.value}", lang, **facts)
    if flag.rule == ConductRule.THREATS:
        kinds = [k for k, said in (("threats", entry.threats), ("insults", entry.insults)) if said]
        what = t(f"journal.complaint.what.{'_'.join(kinds)}", lang, **facts)
    name = case.person.name
    lines = [
        t(f"journal.complaint.to.{flag.complaint}", lang),
        t("journal.complaint.about", lang, lender=entry.lender, debt_id=entry.debt_id) + agent,
        t(
            "journal.complaint.when",
            lang,
            when=when,
            channel=label("journal.channel", entry.channel, lang),
        ),
        t("journal.complaint.what", lang, what=what),
    ]
    if entry.summary.strip():
        lines.append(t("journal.complaint.notes", lang, summary=entry.summary.strip()))
    lines += [
        t(
            "journal.complaint.rule",
            lang,
            rule=t(f"journal.rule.{flag.rule.value}", lang),
            source=t(f"journal.source.{flag.source.value}", lang),
        ),
        t("journal.complaint.ask", lang),
        _complainant(name, lang),
    ]
    return "\n".join(lines)


def _complainant(name: str | None, lang: str) -> str:
    if name:
        return t("journal.complaint.by_name", lang, name=name)
    return t("journal.complaint.by", lang)
