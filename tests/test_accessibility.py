"""The accessibility statement: its data, its sections and the Toegankelijkheid page."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from capaciteit import accessibility, texts
from capaciteit.accessibility import Limitation, limitation_lines, report_line, statement
from tests.pages.support import open_page

PAGE = "pages/toegankelijkheid.py"


def test_the_statement_lists_each_streamlit_limitation_with_a_linked_upstream_issue():
    data = statement()
    assert data.status in texts.ACCESSIBILITY_STATUSES
    assert data.limitations, "nothing listed: the statement would claim Streamlit meets all"
    for item, line in zip(data.limitations, limitation_lines(data.limitations), strict=True):
        assert item.criterion in line and item.description in line
        links = re.findall(r"\(https://github\.com/streamlit/streamlit/issues/(\d+)\)", line)
        assert sorted(int(n) for n in links) == sorted(item.issues)


def test_an_axe_exclusion_names_both_its_rule_and_its_exact_selector():
    for item in statement().limitations:
        assert (item.axe_rule is None) == (item.axe_selector is None), item


def test_without_limitations_the_statement_says_none_are_known(monkeypatch):
    monkeypatch.setattr(accessibility, "statement",
                        lambda: replace(statement(), limitations=()))
    sections = dict(accessibility.statement_markdown(None))
    assert sections[texts.ACCESSIBILITY_GAPS_HEADER] == texts.ACCESSIBILITY_NO_GAPS


@pytest.mark.parametrize(("contact", "expected"), [
    ("toegankelijkheid@vr.example", "toegankelijkheid@vr.example"),
    ("  meld@vr.example ", "meld@vr.example"),
    ("<b>*x*</b>", r"\<b\>\*x\*\</b\>"),
])
def test_a_report_goes_to_the_configured_contact_shown_as_typed(contact, expected):
    assert report_line(contact) == texts.ACCESSIBILITY_REPORT.format(contact=expected)


@pytest.mark.parametrize("contact", [None, "", "   "])
def test_without_a_contact_a_report_goes_to_the_local_beheerder(contact):
    assert report_line(contact) == texts.ACCESSIBILITY_NO_CONTACT


def test_a_limitation_line_links_every_issue_it_names():
    line = limitation_lines((Limitation("1.1.1 Niet-tekstuele content", "Uitleg.", (7, 9)),))[0]
    assert "[#7](https://github.com/streamlit/streamlit/issues/7)" in line
    assert "[#9](https://github.com/streamlit/streamlit/issues/9)" in line


def test_the_page_shows_the_statement_in_the_government_order(data_dir, monkeypatch):
    monkeypatch.setenv("CAPACITEIT_TOEGANKELIJKHEID_CONTACT", "meld@vr.example")
    at = open_page(PAGE)
    assert [t.value for t in at.title] == [texts.ACCESSIBILITY_HEADER]
    assert [h.value for h in at.header] == [
        texts.ACCESSIBILITY_STATUS_HEADER, texts.ACCESSIBILITY_MEETS_HEADER,
        texts.ACCESSIBILITY_GAPS_HEADER, texts.ACCESSIBILITY_REPORT_HEADER]
    shown = "\n".join(m.value for m in at.markdown)
    assert "meld@vr.example" in shown
    assert texts.ACCESSIBILITY_STATUSES[statement().status] in shown
    for number in {n for item in statement().limitations for n in item.issues}:
        assert f"issues/{number})" in shown
