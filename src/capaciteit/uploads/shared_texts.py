"""The shared strings of an .xlsx, measured while they stream: how many, and how long each.

Cells of type ``s`` repeat a shared text by its number, so a sheet's text can
grow far beyond the file; the worksheet measure multiplies with these lengths.
A plain table (``<si><t>…</t></si>``, as Excel writes it without formatting) is
checked with one linear pattern per chunk; anything else (rich text, prefixes,
comments) is parsed exactly by expat.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from capaciteit import texts
from capaciteit.formatting import format_number
from capaciteit.uploads.limits import Limits, UploadError
from capaciteit.uploads.xml_checks import check_utf8, expat_parser, local_name, parse_stream

Chunks = Callable[[], Iterator[bytes]]
ATTRIBUTE = rb'\s+[A-Za-z_][\w:.-]{0,63}="[^"<>]{0,1024}"'
HEAD = re.compile(rb'(?:\xef\xbb\xbf)?(?:<\?xml[^<>]{0,200}\?>)?\s*<sst((?:' + ATTRIBUTE
                  + rb')*)\s*(/?)>')
UNIQUE_COUNT = re.compile(rb'\suniqueCount="([0-9]{1,20})"')
CARRY_MAX = 256 * 1024  # a plain shared text is at most 32,767 characters (4 bytes each)
TAGS_PER_TEXT = 40  # generous for rich text runs; bounds the exact parse


def _text_pattern(limit: int) -> bytes:
    return (rb'<si>\s*<t(?:\s+xml:space="preserve")?\s*(?:/>|>([^<]{0,%d})</t>)\s*</si>\s*'
            % limit)


@dataclass(frozen=True)
class SharedTexts:
    """Per shared text, an upper bound of its length in characters."""

    lengths: array = field(default_factory=lambda: array("q"))

    @cached_property
    def longest(self) -> int:
        """The longest shared text (0 when there are none)."""
        return max(self.lengths, default=0)


def measure_shared_texts(open_chunks: Chunks, part: str, limits: Limits) -> SharedTexts:
    """Count and measure the shared texts; refuse too many, too long, or a lying count."""
    fast = _Canonical(limits)
    tags = 0
    for chunk in open_chunks():
        tags += chunk.count(b"<")
        if fast.active:
            fast.feed(chunk, part)
    if fast.active and fast.finish():
        return SharedTexts(fast.lengths)
    if tags > TAGS_PER_TEXT * limits.max_shared_strings:
        raise UploadError(texts.UPLOAD_TOO_MANY_SHARED_TEXTS.format(
            max=format_number(limits.max_shared_strings)))
    return _exact(open_chunks, part, limits)


def _refuse_count(limits: Limits) -> UploadError:
    return UploadError(texts.UPLOAD_TOO_MANY_SHARED_TEXTS.format(
        max=format_number(limits.max_shared_strings)))


class _Canonical:
    """The plain table: head, then ``<si><t>…</t></si>`` items, checked per chunk."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.items = re.compile(rb"\s*(?:" + _text_pattern(limits.max_cell_chars) + rb")*+")
        self.item = re.compile(_text_pattern(limits.max_cell_chars))
        self.lengths = array("q")
        self.buffer = b""
        self.active = True
        self.in_body = False
        self.closed = False

    def feed(self, chunk: bytes, part: str) -> None:
        """Take the next chunk; give up (``active = False``) at anything unusual."""
        self.buffer += chunk
        if not self.in_body:
            check_utf8(self.buffer[:512], part)
            head = HEAD.match(self.buffer)
            if head is None:
                self.active = len(self.buffer) < 4096  # wait for more, unless no head comes
                return
            self._check_unique_count(head.group(1))
            self.closed = head.group(2) == b"/"
            self.buffer = self.buffer[head.end():]
            self.in_body = True
        self._take(final=False)

    def finish(self) -> bool:
        """True when the whole part was the plain table."""
        if not self.active or not self.in_body:
            return False
        self._take(final=True)
        return self.active and (self.closed or self.buffer.strip() == b"")

    def _take(self, *, final: bool) -> None:
        if self.closed:
            self.active = self.buffer.strip() == b""
            return
        end = self.buffer.find(b"</sst>")
        if end >= 0:
            segment, rest = self.buffer[:end], self.buffer[end + len(b"</sst>"):]
            self.closed = True
        else:
            cut = len(self.buffer) if final else self.buffer.rfind(b"<si>")
            if cut <= 0:
                self.active = len(self.buffer) <= CARRY_MAX
                return
            segment, rest = self.buffer[:cut], self.buffer[cut:]
        if self.items.fullmatch(segment) is None:
            self.active = False
            return
        for text in self.item.findall(segment):
            self.lengths.append(len(text))
        if len(self.lengths) > self.limits.max_shared_strings:
            raise _refuse_count(self.limits)
        self.buffer = rest
        if self.closed:
            self.active = rest.strip() == b""

    def _check_unique_count(self, attributes: bytes) -> None:
        declared = UNIQUE_COUNT.search(attributes)
        if declared and int(declared.group(1)) > self.limits.max_shared_strings:
            raise _refuse_count(self.limits)


def _exact(open_chunks: Chunks, part: str, limits: Limits) -> SharedTexts:
    """Every shared text measured by expat, as calamine would read it."""
    lengths = array("q")
    state = {"current": -1, "in_text": 0, "phonetic": 0, "sst": 0}

    def start(name: str, attributes: dict[str, str]) -> None:
        local = local_name(name)
        if local == "sst" and not state["sst"]:
            state["sst"] = 1
            declared = attributes.get("uniqueCount", "")
            if declared.isdigit() and len(declared) < 20 and \
                    int(declared) > limits.max_shared_strings:
                raise _refuse_count(limits)
        elif local == "si":
            state["current"] = 0
        elif local == "rPh":
            state["phonetic"] += 1
        elif local == "t" and not state["phonetic"]:
            state["in_text"] += 1

    def end(name: str) -> None:
        local = local_name(name)
        if local == "si" and state["current"] >= 0:
            lengths.append(state["current"])
            state["current"] = -1
            if len(lengths) > limits.max_shared_strings:
                raise _refuse_count(limits)
        elif local == "rPh" and state["phonetic"]:
            state["phonetic"] -= 1
        elif local == "t" and state["in_text"]:
            state["in_text"] -= 1

    def text(data: str) -> None:
        if state["current"] >= 0 and state["in_text"] and not state["phonetic"]:
            state["current"] += len(data)
            if state["current"] > limits.max_cell_chars:
                raise UploadError(texts.UPLOAD_SHARED_TEXT_TOO_LONG.format(
                    max=format_number(limits.max_cell_chars)))

    parse_stream(expat_parser(part, start, end, text), open_chunks(), part)
    return SharedTexts(lengths)
