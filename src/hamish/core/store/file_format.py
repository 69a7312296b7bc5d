"""The bytes of the database file: valid TinyDB JSON with one document per line.

```
{
"_meta":{
"1":{"schema_version":1,...}
},
"annotations":{
"1":{"id":"...","article_key":"...",...},
"2":{...}
},
"_layout":{"1":{"format":1,"crc32":123}}
}
```

Why lines: a save must rewrite the whole file (that is what makes it atomic), but it need not
re-serialise every document. The storage keeps each document's encoded line ("fragment") and
joins them; only changed documents are encoded again. On opening, the fragments are cut back
out of the file without parsing the documents (``split_file``). That is only trustworthy if
this module wrote the file: the CRC-32 on the last line covers every byte before it, so a file
edited by hand or written by plain TinyDB is parsed as ordinary JSON instead. Our encoder never
emits a raw newline inside a document (JSON escapes them in strings), so a line is a document.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any

FORMAT_TABLE = "_layout"
"""The trailer's table (its on-disk name predates this module's)."""
FORMAT_VERSION = 1

Document = dict[str, Any]
Fragments = dict[str, dict[str, bytes]]
"""table name -> document id -> ``b'"id":{...}'``, in file order."""

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_ASCII_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=False)
_DECODER = json.JSONDecoder()
_FORMAT_MARKER = b'\n"' + FORMAT_TABLE.encode() + b'":'
_TABLE_END = b"\n},\n"


def _plain_key(doc_id: str) -> bool:
    return doc_id.isascii() and doc_id.isdigit()


def _encode_key(doc_id: str) -> str:
    return f'"{doc_id}"' if _plain_key(doc_id) else _ENCODER.encode(doc_id)


def key_prefix_length(doc_id: str) -> int:
    """Where the document starts in its fragment: after ``"<doc_id>":``."""
    if _plain_key(doc_id):
        return len(doc_id) + 3
    return len(_encode_key(doc_id).encode("utf-8")) + 1


def encode_document(doc_id: str, document: Mapping[str, Any]) -> bytes:
    """One document as it appears on its line, without the separating comma.

    Raises ``ValueError``/``TypeError`` for what JSON cannot hold (NaN, objects), before
    anything is written.
    """
    if not isinstance(document, dict):
        raise TypeError(f"document {doc_id} is a {type(document).__name__}, not a dict")
    key = _encode_key(doc_id) + ":"
    try:
        return (key + _ENCODER.encode(document)).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate, from a file edited by hand or an older hamish: kept as the JSON
        # escape it was read from, so nothing is lost; ``hamish doctor`` points it out.
        return (key + _ASCII_ENCODER.encode(document)).encode("utf-8")


def decode_fragment(doc_id: str, fragment: bytes) -> Document:
    document: Document = _DECODER.decode(fragment[key_prefix_length(doc_id) :].decode("utf-8"))
    return document


def encode_table(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, bytes]:
    return {doc_id: encode_document(doc_id, document) for doc_id, document in documents.items()}


def _header(table: str) -> bytes:
    return (_ENCODER.encode(table) + ":{").encode("utf-8")


def encode_file(fragments: Mapping[str, Mapping[str, bytes]]) -> list[bytes]:
    """The whole file, as pieces to write in order, tables in ``fragments`` order.

    Pieces rather than one ``bytes``: at 10^5 documents every extra copy of the 50 MB image
    costs milliseconds, so the documents of a table are joined once and nothing else is.
    """
    pieces = [b"{\n"]
    checksum = zlib.crc32(pieces[0])
    for table, documents in fragments.items():
        if table == FORMAT_TABLE:
            continue
        table_pieces = [_header(table) + b"\n"]
        if documents:
            table_pieces += [b",\n".join(documents.values()), b"\n"]
        table_pieces.append(b"},\n")
        for piece in table_pieces:
            checksum = zlib.crc32(piece, checksum)
        pieces += table_pieces
    pieces.append(_trailer(checksum))
    return pieces


def _trailer(checksum: int) -> bytes:
    return b'"%s":{"1":{"format":%d,"crc32":%d}}\n}\n' % (
        FORMAT_TABLE.encode(),
        FORMAT_VERSION,
        checksum,
    )


def split_file(raw: bytes) -> Fragments | None:
    """The fragments of every table in ``raw``, without decoding any document.

    None unless ``raw`` is exactly what ``encode_file`` writes (checksum included); the caller
    then parses it as ordinary JSON, which also produces the error message if it is damaged.
    """
    cut = _checked_length(raw)
    if cut is None:
        return None
    fragments: Fragments = {}
    position = 2
    while position < cut:
        header_end = raw.find(b"\n", position)
        header = raw[position:header_end]
        if not header.endswith(b":{"):
            return None
        try:
            table = json.loads(header[:-2])
        except ValueError:
            return None
        if not isinstance(table, str) or table in fragments:
            return None
        if raw.startswith(b"},\n", header_end + 1):
            fragments[table] = {}
            position = header_end + 4
            continue
        body_end = raw.find(_TABLE_END, header_end)
        if body_end < 0:
            return None
        lines = raw[header_end + 1 : body_end].split(b",\n")
        documents = _documents_by_id(lines)
        if documents is None:
            return None
        fragments[table] = documents
        position = body_end + len(_TABLE_END)
    return fragments if position == cut else None


def _checked_length(raw: bytes) -> int | None:
    """Where the tables end, if ``raw`` is what ``encode_file`` wrote (its checksum holds)."""
    cut = raw.rfind(_FORMAT_MARKER) + 1
    if cut <= 0 or raw[cut:] != _trailer(zlib.crc32(memoryview(raw)[:cut])):
        return None
    return cut if raw.startswith(b"{\n") else None


def table_lines(raw: bytes, table: str) -> bytes | None:
    """The lines of ``table``'s documents, as they are in ``raw`` (joined by ``,\\n``), if
    ``encode_file`` wrote it; ``b""`` if the table is empty or absent. None for any other
    file, which is then read the ordinary way. For questions a file answers without cutting
    it into documents (how many there are)."""
    cut = _checked_length(raw)
    if cut is None:
        return None
    header = b"\n" + _header(table) + b"\n"
    start = raw.find(header, 0, cut) + len(header)
    if start < len(header) or raw.startswith(b"},\n", start):
        return b""
    end = raw.find(_TABLE_END, start, cut)
    return raw[start:end] if end >= 0 else None


def _documents_by_id(lines: list[bytes]) -> dict[str, bytes] | None:
    """``{doc_id: line}`` if every line starts with a plain ``"<digits>":`` key.

    Written for speed (C-level ``map``/``join``), since it runs once per document on open.
    """
    id_bytes = [line[1 : line.find(b'":')] for line in lines]
    if not all(id_bytes) or not b"".join(id_bytes).isdigit():
        return None
    documents = dict(zip(map(bytes.decode, id_bytes), lines, strict=True))
    return documents if len(documents) == len(lines) else None
