"""The cell styles of an .xlsx, reduced to what tells a date from a number.

calamine reads ``styles.xml`` for one thing: per cell style, whether its number
format is a date. It scans the format of every style, so one long format shared
by many styles costs their product (hours for a few MB). The reader therefore
hands calamine a styles part rebuilt here from the number formats and cell
styles only, within Excel's own limits: 64,000 cell styles, 255 characters per
number format. The original is streamed through expat and never kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import quoteattr

from capaciteit import texts
from capaciteit.uploads.package import unreadable
from capaciteit.uploads.xml_checks import expat_parser, local_name, parse_stream

MAX_STYLES = 64_000  # Excel's limit on cell formats in a workbook
MAX_FORMAT_CHARS = 255  # Excel's limit on the length of a number format
MAX_ELEMENTS = 40 * MAX_STYLES  # fonts, fills, borders and the like around them
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def rebuild_styles(chunks: Iterator[bytes], part: str) -> bytes:
    """A styles part with only ``numFmts`` and ``cellXfs``, as calamine reads them."""
    formats: dict[str, str] = {}
    styles: list[str | None] = []
    state = {"formats": 0, "styles": 0, "elements": 0}

    def refuse() -> Exception:
        return unreadable(texts.UNREADABLE_STRUCTURE.format(
            reden=texts.STRUCTURE_REASONS["opmaak"]))

    def start(name: str, attributes: dict[str, str]) -> None:
        state["elements"] += 1
        if state["elements"] > MAX_ELEMENTS:
            raise refuse()
        local = local_name(name)
        if local in ("numFmts", "cellXfs"):
            state["formats" if local == "numFmts" else "styles"] += 1
        elif local == "numFmt" and state["formats"]:
            code = attributes.get("formatCode")
            if "numFmtId" in attributes and code is not None:
                if len(code) > MAX_FORMAT_CHARS:
                    raise refuse()
                formats[attributes["numFmtId"]] = code
        elif local == "xf" and state["styles"]:
            styles.append(attributes.get("numFmtId"))
            if len(styles) > MAX_STYLES:
                raise refuse()

    def end(name: str) -> None:
        local = local_name(name)
        if local == "numFmts" and state["formats"]:
            state["formats"] -= 1
        elif local == "cellXfs" and state["styles"]:
            state["styles"] -= 1

    parse_stream(expat_parser(part, start, end, lambda _text: None), chunks, part)
    number_formats = "".join(f"<numFmt numFmtId={quoteattr(key)} formatCode={quoteattr(code)}/>"
                             for key, code in formats.items())
    cell_styles = "".join("<xf/>" if key is None else f"<xf numFmtId={quoteattr(key)}/>"
                          for key in styles)
    return (f'<styleSheet xmlns="{MAIN}"><numFmts>{number_formats}</numFmts>'
            f"<cellXfs>{cell_styles}</cellXfs></styleSheet>").encode()
