"""Checks every streamed XML part of an .xlsx gets: UTF-8 only, no DTD, Dutch parse errors.

The byte-level scanning of ``worksheet`` and ``shared_texts`` reads the markup
as ASCII; that equals what the spreadsheet reader sees only for UTF-8 (or
ASCII) parts, so anything else is refused here first. The exact paths use
expat, with document type declarations (and so entity definitions) refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from xml.parsers import expat

from capaciteit import texts
from capaciteit.uploads.package import unreadable

# Bounded to the first 512 bytes by the caller; one character class per repetition: linear.
ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
UTF8_NAMES = {b"utf-8", b"utf8"}


def check_utf8(head: bytes, part: str) -> None:
    """Refuse a part that is not UTF-8: a UTF-16/32 byte order mark, NULs, another encoding."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        raise unreadable(texts.UNREADABLE_ENCODING.format(onderdeel=part))
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if body.startswith(b"<?xml"):
        end = body.find(b"?>", 0, 512)
        if end < 0:
            raise unreadable(texts.UNREADABLE_XML.format(onderdeel=part))
        declared = ENCODING.search(body, 0, end)
        if declared and declared.group(1).lower() not in UTF8_NAMES:
            raise unreadable(texts.UNREADABLE_ENCODING.format(onderdeel=part))


def local_name(name: str) -> str:
    """The name without its prefix, as quick-xml's ``local_name`` gives it (first colon)."""
    return name.partition(":")[2] if ":" in name else name


def expat_parser(part: str, start: Callable[[str, dict[str, str]], None],
                 end: Callable[[str], None], text: Callable[[str], None]) -> expat.XMLParserType:
    """An expat parser with these handlers that refuses a DTD (and so entity definitions)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text

    def refuse_doctype(*_args: object) -> None:
        raise unreadable(texts.UNREADABLE_XML.format(onderdeel=part))

    parser.StartDoctypeDeclHandler = refuse_doctype
    return parser


def parse_stream(parser: expat.XMLParserType, chunks: Iterator[bytes], part: str) -> None:
    """Feed ``chunks`` to ``parser``; malformed XML becomes a Dutch refusal."""
    try:
        first = True
        for chunk in chunks:
            if first:
                check_utf8(chunk[:512], part)
                first = False
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise unreadable(texts.UNREADABLE_XML.format(onderdeel=part)) from error
