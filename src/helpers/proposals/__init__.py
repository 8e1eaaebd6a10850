"""What to do with the chosen plan: whom to contact, when and how; the documents to attach;
and the warning signs of a "debt optimisation" scam, with the free help instead.

When must Zhang Wei contact 建设银行, and how?

>>> from helpers.case import load_sample
>>> plan = contact_plan(load_sample())
>>> card = next(c for c in plan if c.lender == "建设银行")
>>> card.contact_by.isoformat(), card.channel.value
('2025-04-20', 'written')
"""

from helpers.proposals.checklist import (
    CITABLE,
    ChecklistItem,
    applying_debts,
    cited_evidence,
    evidence_checklist,
    usual_evidence,
)
from helpers.proposals.checklist_text import (
    CHECKLIST_COLUMNS,
    checklist_frame,
    checklist_lines,
    item_name,
)
from helpers.proposals.contact import (
    CONTACT_LEAD_DAYS,
    Channel,
    ChannelReason,
    Contact,
    Timing,
    case_plans,
    contact_date,
    contact_plan,
    next_due_date,
    suggested_channel,
)
from helpers.proposals.contact_text import (
    CONTACT_COLUMNS,
    contact_frame,
    contact_lines,
    how_text,
    timing_text,
)
from helpers.proposals.docx_out import (
    EAST_ASIAN_FONT,
    EAST_ASIAN_LANGUAGE,
    LATIN_FONT,
    application_docx,
    docx_schedule,
    markdown_docx,
)
from helpers.proposals.drafts import DRAFT_NAMES, draft_texts
from helpers.proposals.kept import KeptTexts, keep_draft, kept_texts, with_draft
from helpers.proposals.ladder import (
    CONCESSIONS,
    LADDER_HORIZON,
    LADDER_MAX_MONTHS,
    REVIEW_MONTHS,
    Concession,
    Ladder,
    Rung,
    cap_term,
    concession_of,
    fallback_ladder,
    floor_shapes,
    shortest_term,
)
from helpers.proposals.ladder_text import ladder_lines, rung_text, words_lines
from helpers.proposals.legal import (
    LEGAL_RULES,
    LegalFacts,
    legal_facts,
    legal_keys,
    legal_paragraphs,
)
from helpers.proposals.letter_parts import (
    hardship_lines,
    left_lines,
    letter_style,
    review_date,
    token_payment,
    words_requests,
)
from helpers.proposals.letters import (
    Request,
    ScheduleRow,
    application_markdown,
    debt_schedule,
    parse_schedule,
    plan_requests,
    schedule_lines,
)
from helpers.proposals.pdf import (
    LIBREOFFICE_NAMES,
    PDF_TIMEOUT_SECONDS,
    PdfError,
    docx_pdf,
    docx_pdfs,
    libreoffice,
)
from helpers.proposals.scams import FREE_HELP, SIGN_WORDS, ScamWarning, case_texts, scam_screen
from helpers.proposals.scams_text import scam_lines, warning_text
from helpers.proposals.script import (
    CHAT_LIMITS,
    call_script_markdown,
    chat_message,
    fallback_lines,
    rung_offer,
)

__all__ = [
    "KeptTexts",
    "keep_draft",
    "kept_texts",
    "with_draft",
    "CHECKLIST_COLUMNS",
    "CITABLE",
    "CONCESSIONS",
    "CONTACT_COLUMNS",
    "CONTACT_LEAD_DAYS",
    "Channel",
    "ChannelReason",
    "ChecklistItem",
    "Concession",
    "Contact",
    "FREE_HELP",
    "LADDER_HORIZON",
    "LADDER_MAX_MONTHS",
    "Ladder",
    "REVIEW_MONTHS",
    "Rung",
    "SIGN_WORDS",
    "ScamWarning",
    "Timing",
    "applying_debts",
    "cap_term",
    "case_plans",
    "case_texts",
    "checklist_frame",
    "checklist_lines",
    "cited_evidence",
    "concession_of",
    "contact_date",
    "contact_frame",
    "contact_lines",
    "contact_plan",
    "evidence_checklist",
    "fallback_ladder",
    "floor_shapes",
    "how_text",
    "item_name",
    "ladder_lines",
    "next_due_date",
    "rung_text",
    "scam_lines",
    "scam_screen",
    "shortest_term",
    "suggested_channel",
    "timing_text",
    "usual_evidence",
    "warning_text",
    "words_lines",
    # drafts: the written application and its legal paragraphs
    "LEGAL_RULES",
    "LegalFacts",
    "Request",
    "ScheduleRow",
    "application_markdown",
    "debt_schedule",
    "legal_facts",
    "legal_keys",
    "legal_paragraphs",
    "parse_schedule",
    "plan_requests",
    "schedule_lines",
    "hardship_lines",
    "left_lines",
    "letter_style",
    "review_date",
    "token_payment",
    "words_requests",
    # drafts: the call script and the chat message
    "CHAT_LIMITS",
    "call_script_markdown",
    "chat_message",
    "fallback_lines",
    "rung_offer",
    # drafts: all four of a lender from one ladder
    "DRAFT_NAMES",
    "draft_texts",
    # drafts: Word documents
    "EAST_ASIAN_FONT",
    "EAST_ASIAN_LANGUAGE",
    "LATIN_FONT",
    "application_docx",
    "docx_schedule",
    "markdown_docx",
    # drafts: the application as PDF (LibreOffice)
    "LIBREOFFICE_NAMES",
    "PDF_TIMEOUT_SECONDS",
    "PdfError",
    "docx_pdf",
    "docx_pdfs",
    "libreoffice",
]
