"""An .xlsx as a zip package: its parts verified, inflated in bounded chunks, and repacked.

Nothing here trusts what the file claims. Every part is inflated by our own
``zlib`` loop in chunks of at most ``CHUNK`` bytes, counted against the limits
while it unpacks, and checked against its declared size and CRC. The spreadsheet
reader then gets a new, minimal package that holds only the parts we measured
(``repack``), with their compressed bytes copied unchanged: what it reads is
exactly what was checked, whatever tricks the original zip played.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from capaciteit import texts
from capaciteit.uploads.limits import Limits, UploadError

CHUNK = 1024 * 1024  # most bytes inflated at once
STORED, DEFLATED = 0, 8
LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
END_RECORD = struct.Struct("<IHHHHIIH")
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx, or an old .xls


@dataclass(frozen=True)
class Part:
    """One part of the package: its name, how it is stored, and its compressed bytes."""

    name: str
    method: int
    crc: int
    size: int
    data: memoryview


def unreadable(reason: str) -> UploadError:
    """The refusal for a file that cannot be read, with one of texts' Dutch reasons."""
    return UploadError(texts.UPLOAD_UNREADABLE.format(fout=reason))


def open_package(content: bytes, limits: Limits) -> dict[str, Part]:
    """The parts of an .xlsx by lower-case name; refused when the zip is not sound.

    Refuses: not a zip, truncated, encrypted or unknown compression, duplicate
    names (also differing only in case or slash), too many parts, and declared
    sizes past ``limits.max_inflated`` (a zip bomb, before anything is unpacked).
    """
    if content.startswith(CFB_SIGNATURE):
        raise unreadable(texts.UNREADABLE_PROTECTED)
    try:
        infos = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except Exception as error:  # noqa: BLE001 - whatever the zip module trips over: no zip
        looks_like_zip = content.startswith(b"PK\x03\x04")
        raise unreadable(texts.UNREADABLE_TRUNCATED if looks_like_zip
                         else texts.UNREADABLE_NOT_XLSX) from error
    if len(infos) > limits.max_parts:
        raise unreadable(texts.UNREADABLE_TOO_MANY_PARTS.format(max=limits.max_parts))
    if sum(info.file_size for info in infos) > limits.max_inflated or \
            any(max(info.file_size, info.compress_size) >= 0xFFFFFFFF for info in infos):
        raise UploadError(texts.UPLOAD_ZIP_BOMB)  # a part of 4 GB is no spreadsheet either
    parts: dict[str, Part] = {}
    view = memoryview(content)
    for info in infos:
        key = normalise(info.filename)
        if key in parts:
            raise unreadable(texts.UNREADABLE_DUPLICATE_PART.format(onderdeel=info.filename))
        if info.flag_bits & 0x1 or info.compress_type not in (STORED, DEFLATED):
            raise unreadable(texts.UNREADABLE_COMPRESSION)
        parts[key] = Part(info.filename, info.compress_type, info.CRC, info.file_size,
                          view[_data_span(content, info)])
    return parts


def normalise(name: str) -> str:
    """A part name as looked up: forward slashes, lower case, no leading slash."""
    return name.replace("\\", "/").lstrip("/").lower()


def resolve(source: str, target: str) -> str:
    """The part a relationship of ``source`` points at (OPC: relative to its folder)."""
    if target.startswith("/"):
        return normalise(target)
    folder = posixpath.dirname(source)
    return normalise(posixpath.normpath(posixpath.join(folder, target)))


def inflate(part: Part, budget: int) -> Iterator[bytes]:
    """The part's bytes in chunks of at most ``CHUNK``, checked as they come.

    Stops with a refusal as soon as more comes out than was declared or than
    ``budget`` allows, when the deflate data is damaged or ends early, and when
    the CRC does not match.
    """
    if part.size > budget:
        raise UploadError(texts.UPLOAD_ZIP_BOMB)
    crc, produced = 0, 0
    for chunk in _raw_chunks(part):
        produced += len(chunk)
        if produced > part.size:
            raise UploadError(texts.UPLOAD_ZIP_BOMB) if produced > budget else \
                unreadable(texts.UNREADABLE_DAMAGED.format(onderdeel=part.name))
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if produced != part.size:
        raise unreadable(texts.UNREADABLE_DAMAGED.format(onderdeel=part.name))
    if crc != part.crc:
        raise unreadable(texts.UNREADABLE_CHECKSUM.format(onderdeel=part.name))


def read_part(part: Part, budget: int) -> bytes:
    """A whole (small) part, inflated and checked."""
    return b"".join(inflate(part, budget))


def repack(parts: list[tuple[str, Part | bytes]]) -> bytes:
    """A minimal zip of ``(name, part or bytes)``: parts copied compressed, bytes stored."""
    out = io.BytesIO()
    central = []
    for name, source in parts:
        encoded = name.encode("ascii")
        if isinstance(source, Part):
            method, crc, size, data = source.method, source.crc, source.size, source.data
        else:
            method, crc, size, data = STORED, zlib.crc32(source), len(source), \
                memoryview(source)
        offset = out.tell()
        out.write(LOCAL_HEADER.pack(0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                                    len(encoded), 0))
        out.write(encoded)
        out.write(data)
        central.append(CENTRAL_HEADER.pack(0x02014B50, 20, 20, 0, method, 0, 0x21, crc,
                                           len(data), size, len(encoded), 0, 0, 0, 0, 0,
                                           offset) + encoded)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(END_RECORD.pack(0x06054B50, 0, 0, len(central), len(central),
                              out.tell() - start, start, 0))
    return out.getvalue()


def _data_span(content: bytes, info: zipfile.ZipInfo) -> slice:
    """Where the part's compressed bytes lie, from its local header; refused if outside."""
    offset = info.header_offset
    header = content[offset:offset + LOCAL_HEADER.size]
    if len(header) < LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise unreadable(texts.UNREADABLE_TRUNCATED)
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    start = offset + LOCAL_HEADER.size + name_length + extra_length
    end = start + info.compress_size
    if end > len(content):
        raise unreadable(texts.UNREADABLE_TRUNCATED)
    return slice(start, end)


def _raw_chunks(part: Part) -> Iterator[bytes]:
    """Inflate (or slice, when stored) in bounded chunks; zlib errors become refusals."""
    if part.method == STORED:
        for start in range(0, len(part.data), CHUNK):
            yield bytes(part.data[start:start + CHUNK])
        return
    inflater = zlib.decompressobj(-15)
    try:
        for start in range(0, len(part.data), CHUNK):
            pending: bytes | memoryview = part.data[start:start + CHUNK]
            while pending and not inflater.eof:
                chunk = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
                if chunk:
                    yield chunk
            if inflater.eof:
                break
        while not inflater.eof:  # output zlib still holds for input it has taken
            chunk = inflater.decompress(b"", CHUNK)
            if not chunk:
                break
            yield chunk
    except zlib.error as error:
        raise unreadable(texts.UNREADABLE_DAMAGED.format(onderdeel=part.name)) from error
    if not inflater.eof:
        raise unreadable(texts.UNREADABLE_DAMAGED.format(onderdeel=part.name))
