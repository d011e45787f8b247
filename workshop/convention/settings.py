"""What the facilitator writes for the convention itself: its clauses and the hidden-issues checklist.

The clauses no exercise produces (duration, revision, exit, settling
disagreements, the financial modalities when no balance was drawn up) are
typed as the parties agreed them; an empty clause is printed as "to decide".
The checklist is the hidden issues of formalising a cooperation (seed 003):
social, fiscal, economic, financial; each point is ticked once checked and can
carry a note (who checks it, with whom, what was found).

Stored once per project, in the `convention` table (document 1).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from workshop.errors import ValidationError
from workshop.text import clean_block

if TYPE_CHECKING:
    from workshop.project import Project

TABLE = "convention"
DOC_ID = 1
MAX_CLAUSE = 4000
MAX_NOTE = 1000


class Clause(StrEnum):
    FINANCES = "finances"
    DURATION = "duration"
    REVISION = "revision"
    EXIT = "exit"
    DISPUTES = "disputes"


CLAUSE_KEYS = frozenset(c.value for c in Clause)


class Theme(StrEnum):
    SOCIAL = "social"
    FISCAL = "fiscal"
    ECONOMIC = "economic"
    FINANCIAL = "financial"


# The hidden issues of formalisation, in the order the checklist shows them: (key, theme).
ISSUES: tuple[tuple[str, Theme], ...] = (
    ("secondment", Theme.SOCIAL),  # staff made available to another member
    ("subcontracting", Theme.SOCIAL),
    ("social_dialogue", Theme.SOCIAL),  # staff representatives, and the teams' worries
    ("vat", Theme.FISCAL),  # members subject to VAT and others not: no "contamination"
    ("article_261b", Theme.FISCAL),  # the VAT exemption of groupings, under conditions
    ("economic_model", Theme.ECONOMIC),
    ("resources", Theme.FINANCIAL),  # who puts in which resources, how charges are compensated
)
ISSUE_KEYS = tuple(key for key, _ in ISSUES)
THEME_OF = dict(ISSUES)


@dataclass
class IssueCheck:
    checked: bool = False
    note: str = ""


@dataclass
class ConventionSettings:
    clauses: dict[str, str] = field(default_factory=dict)  # Clause value -> text
    issues: dict[str, IssueCheck] = field(default_factory=dict)  # issue key -> check

    def clause(self, clause: Clause | str) -> str:
        return self.clauses.get(Clause(clause).value, "")

    def issue(self, key: str) -> IssueCheck:
        return self.issues.get(key, IssueCheck())

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ConventionSettings:
        clauses = {k: str(v) for k, v in dict(doc.get("clauses", {})).items() if k in CLAUSE_KEYS}
        issues = {k: IssueCheck(bool(v.get("checked")), str(v.get("note", ""))) for k, v in dict(doc.get("issues", {})).items() if k in ISSUE_KEYS}
        return cls(clauses, issues)


def load(project: Project) -> ConventionSettings:
    doc = project.store.table(TABLE).get(doc_id=DOC_ID)
    return ConventionSettings.from_doc(dict(doc)) if doc is not None else ConventionSettings()


def _save(project: Project, settings: ConventionSettings) -> ConventionSettings:
    table = project.store.table(TABLE)
    if table.contains(doc_id=DOC_ID):
        table.update(settings.to_doc(), doc_ids=[DOC_ID])
    else:
        table.insert(Document(settings.to_doc(), doc_id=DOC_ID))
    return settings


def _clean(text: str, limit: int, too_long: str) -> str:
    """The core's text policy for a multi-line field, then one paragraph per line typed
    (spaces inside each line collapsed, blank lines dropped)."""
    kept = clean_block(text, too_long=too_long, limit=limit)
    # Control characters are visible stand-ins by now, so split() only meets real spaces.
    return "\n".join(line for line in (" ".join(part.split()) for part in kept.split("\n")) if line)


def set_clause(project: Project, clause: Clause | str, text: str) -> ConventionSettings:
    """The clause as the parties agreed it; empty text puts it back to "to decide"."""
    try:
        clause = Clause(clause)
    except ValueError:
        raise ValidationError("convention.error.no_such_clause", clause=str(clause)) from None
    settings = load(project)
    text = _clean(text, MAX_CLAUSE, "convention.error.clause_too_long")
    clauses = dict(settings.clauses)
    if text:
        clauses[clause.value] = text
    else:
        clauses.pop(clause.value, None)
    return _save(project, ConventionSettings(clauses, settings.issues))


def _issue_key(key: str) -> str:
    if key not in ISSUE_KEYS:
        raise ValidationError("convention.error.no_such_issue", issue=str(key))
    return key


def check_issue(project: Project, key: str, checked: bool) -> ConventionSettings:
    key = _issue_key(key)
    settings = load(project)
    issues = dict(settings.issues)
    issues[key] = IssueCheck(bool(checked), settings.issue(key).note)
    return _save(project, ConventionSettings(settings.clauses, issues))


def note_issue(project: Project, key: str, note: str) -> ConventionSettings:
    key = _issue_key(key)
    settings = load(project)
    issues = dict(settings.issues)
    issues[key] = IssueCheck(settings.issue(key).checked, _clean(note, MAX_NOTE, "convention.error.note_too_long"))
    return _save(project, ConventionSettings(settings.clauses, issues))
