"""Formatting for display: Dutch numbers and dates, and outside text made plain."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import pandas as pd

# Markdown (CommonMark + GFM + Streamlit's extensions) that outside text must not start:
# emphasis, code, links and images, HTML, math, directives (:red[…]), tables. A backslash
# stops what the parser sees; GFM's bare links (https://…, www.…) are found later, in the
# parsed text, so those get an invisible word joiner instead. Left alone on purpose: a bare
# e-mail address becomes a mail link, ':smile:' an emoji (harmless, and searchable text).
WORD_JOINER = "\u2060"
_ALWAYS = re.compile(r"([\\`*~\[\]<>|$&])")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")  # a_b is no emphasis
_COLON = re.compile(r":(?=\S)")  # :red[…], https://… (not 'Let op: …')
_BARE_LINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www))(?=\.)")  # https://…, www.example.nl
_ICON = re.compile(r"(?i)(?<=:material)/")  # Streamlit swaps ':material/' before parsing
_LINE_START = re.compile(r"^\s*(#|[-+](?=\s)|\d+[.)](?=\s))")  # heading, list item
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Format with a dot for thousands and a comma for decimals: 12.345,6."""
    if value is None or pd.isna(value):
        return ""
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_date(value: date | datetime | pd.Timestamp | None) -> str:
    """Format a date as '3 november 2026'; empty for a missing date."""
    if value is None or pd.isna(value):
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_short_date(value: date | datetime | pd.Timestamp | None) -> str:
    """Format a date as '12-03-2026' (a moment in Dutch time); empty when missing."""
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    if isinstance(value, datetime):  # a moment: stored in UTC, shown in Dutch time
        stamp = (stamp if stamp.tzinfo else stamp.tz_localize("UTC")).tz_convert(
            "Europe/Amsterdam")
    return f"{stamp:%d-%m-%Y}"


def format_datetime(value: datetime | pd.Timestamp | None) -> str:
    """Format a moment as '3 november 2026 14:05' in the Europe/Amsterdam zone."""
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    local = stamp.tz_convert("Europe/Amsterdam")
    return f"{format_date(local)} {local:%H:%M}"


def plain(text: object) -> str:
    r"""Outside text made safe to put in a Streamlit Markdown message: shown as typed.

    Every character that would start Markdown, HTML, a link, an image, math or a
    Streamlit directive is escaped with a backslash; a bare link (``https://``,
    ``www.``) gets an invisible word joiner (U+2060); line breaks become spaces.
    Use it on anything the app did not write itself (``?regio=``, file names,
    uploader, partner, organisation and preset names, form input) before it goes
    into ``st.markdown``, ``st.info`` and the other Markdown elements, and on core
    messages (exceptions) that carry such text.

    Examples
    --------
    >>> print(plain("[x](https://evil.example)").replace(WORD_JOINER, "⁀"))
    \[x\](https\:⁀//evil.example)
    >>> plain("Let op: 12 boa's, mail invoer@vr13.nl")
    "Let op: 12 boa's, mail invoer@vr13.nl"
    """
    flat = _LINE_BREAKS.sub(" ", "" if text is None else str(text))
    joined = _BARE_LINK.sub(WORD_JOINER, flat)
    escaped = _ALWAYS.sub(r"\\\1", joined)
    escaped = _UNDERSCORE.sub(r"\\_", escaped)
    escaped = _COLON.sub(r"\\:", escaped)
    escaped = _ICON.sub(r"\\/", escaped)
    return _LINE_START.sub(lambda m: f"{m.group(0)[:-1]}\\{m.group(0)[-1]}", escaped, count=1)


def html_text(text: object) -> str:
    """Text made safe to put between HTML tags (map tooltips, legend): shown as typed.

    Escapes ``&``, ``<`` and ``>``; quotes stay (no attribute values are built from it).

    Examples
    --------
    >>> html_text("<img src=x onerror=alert(1)> & 's-Hertogenbosch")
    "&lt;img src=x onerror=alert(1)&gt; &amp; 's-Hertogenbosch"
    """
    return html.escape("" if text is None else str(text), quote=False)
