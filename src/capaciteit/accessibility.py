"""The accessibility statement (page Toegankelijkheid) from reference data, as Markdown lines.

What Streamlit itself does not yet meet lives in ``reference/toegankelijkheid.toml``
with its upstream issue; the statement lists it and the browser test's axe-core run
leaves out exactly the rule and element an entry names, nothing broader.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from capaciteit import texts
from capaciteit.formatting import format_date, plain

UPSTREAM_ISSUES = "https://github.com/streamlit/streamlit/issues/{nummer}"


@dataclass(frozen=True)
class Limitation:
    """A WCAG requirement Streamlit does not yet meet, with its upstream issue(s)."""

    criterion: str
    description: str
    issues: tuple[int, ...]
    axe_rule: str | None = None
    axe_selector: str | None = None


@dataclass(frozen=True)
class Statement:
    """The statement's data: status, date of review and the known limitations."""

    status: str
    reviewed: date
    limitations: tuple[Limitation, ...]


@cache
def statement() -> Statement:
    """The statement as recorded in the reference data."""
    text = (resources.files("capaciteit.reference").joinpath("toegankelijkheid.toml")
            .read_text("utf-8"))
    data = tomllib.loads(text)
    limitations = tuple(
        Limitation(item["criterium"], item["omschrijving"], tuple(item["issues"]),
                   item.get("axe_regel"), item.get("axe_selector"))
        for item in data.get("beperking", []))
    if data["status"] not in texts.ACCESSIBILITY_STATUSES:
        raise ValueError(f"unknown accessibility status {data['status']!r}")
    return Statement(data["status"], data["opgesteld"], limitations)


def limitation_lines(limitations: tuple[Limitation, ...]) -> list[str]:
    """One Markdown line per limitation, each upstream issue as a link."""
    return [texts.ACCESSIBILITY_GAP.format(
        criterium=item.criterion, omschrijving=item.description,
        meldingen=", ".join(f"[#{n}]({UPSTREAM_ISSUES.format(nummer=n)})" for n in item.issues))
        for item in limitations]


def report_line(contact: str | None) -> str:
    """How to report a problem: to the configured contact, or to the local beheerder."""
    if not contact or not contact.strip():
        return texts.ACCESSIBILITY_NO_CONTACT
    return texts.ACCESSIBILITY_REPORT.format(contact=plain(contact.strip()))


def statement_markdown(contact: str | None) -> list[tuple[str, str]]:
    """(heading, Markdown body) per section of the statement, in the government's order."""
    data = statement()
    status = texts.ACCESSIBILITY_STATUS.format(status=texts.ACCESSIBILITY_STATUSES[data.status])
    dated = texts.ACCESSIBILITY_DATE.format(datum=format_date(data.reviewed))
    gaps = limitation_lines(data.limitations)
    return [
        (texts.ACCESSIBILITY_STATUS_HEADER, f"{status}\n\n{dated}"),
        (texts.ACCESSIBILITY_MEETS_HEADER,
         "\n".join(f"- {line}" for line in texts.ACCESSIBILITY_MEETS)),
        (texts.ACCESSIBILITY_GAPS_HEADER,
         "\n".join([texts.ACCESSIBILITY_GAPS_INTRO, ""] + [f"- {line}" for line in gaps])
         if gaps else texts.ACCESSIBILITY_NO_GAPS),
        (texts.ACCESSIBILITY_REPORT_HEADER,
         f"{report_line(contact)}\n\n{texts.ACCESSIBILITY_COMPLAINT}"),
    ]
