"""A table's documents, kept as the bytes they have in the file and decoded only on demand.

Opening a 10^4-annotation database should not mean building 10^5 Python objects the user
never looks at: ``json.loads`` of the whole file is most of the cost of an open. A table read
from a file ``file_format`` wrote keeps each document's line ("fragment") and decodes a document
the first time it is asked for. A table read any other way (plain TinyDB wrote it) starts
decoded and gets its fragments encoded at its first save. Either way the fragments, once
present, are complete and in file order; decoded documents are a cache beside them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import cast

from hamish.core.store.file_format import Document, decode_fragment, encode_table

RawTables = dict[str, dict[str, Document]]
"""Plain ``{table: {doc_id: document}}``, the shape of the JSON file."""


@functools.lru_cache(maxsize=8)
def _leading_strings(first: str, second: str) -> re.Pattern[bytes]:
    """Matches a fragment ``"<digits>":{"<first>":"<plain>","<second>":"<plain>"...``."""
    fields = (re.escape(first.encode()), re.escape(second.encode()))
    return re.compile(rb'"[0-9]+":\{"%s":"([^"\\]*)","%s":"([^"\\]*)"' % fields)


@functools.lru_cache(maxsize=8)
def _leading_strings_after_newline(first: str, second: str) -> re.Pattern[bytes]:
    """``_leading_strings`` after a line break: a literal start the regex engine searches for
    at C speed (``^`` in multi-line mode is tried at every byte, four times slower)."""
    return re.compile(b"\n" + _leading_strings(first, second).pattern)


def count_by(lines: bytes, first: str, second: str) -> dict[str, int] | None:
    """``second``'s value -> how many documents (of distinct ``first``) have it, read from a
    table's lines (``file_format.table_lines``) without decoding them; None unless every line
    starts with both fields as plain strings (then decode, as ``string_fields`` does). As when
    indexing, a ``first`` that repeats counts once, for its last document."""
    if not lines:
        return {}
    pairs = _leading_strings_after_newline(first, second).findall(b"\n" + lines)
    if len(pairs) != lines.count(b"\n") + 1:
        return None
    counts = Counter(dict(pairs).values())
    return {value.decode(): number for value, number in counts.items()}


class DocumentTable(Mapping[str, Document]):
    """doc id -> document. Mutate only through ``put``/``remove`` (the storage does)."""

    __slots__ = ("_documents", "_fragments")

    def __init__(self, fragments: dict[str, bytes] | None, documents: dict[str, Document]) -> None:
        self._fragments = fragments
        self._documents = documents

    @classmethod
    def of_fragments(cls, fragments: dict[str, bytes]) -> DocumentTable:
        return cls(fragments, {})

    @classmethod
    def of_documents(cls, documents: dict[str, Document]) -> DocumentTable:
        return cls(None, documents)

    def __getitem__(self, doc_id: str) -> Document:
        document = self._documents.get(doc_id)
        if document is None:
            if self._fragments is None:
                raise KeyError(doc_id)
            document = decode_fragment(doc_id, self._fragments[doc_id])
            self._documents[doc_id] = document
        return document

    def __contains__(self, doc_id: object) -> bool:
        source = self._fragments if self._fragments is not None else self._documents
        return doc_id in source

    def __iter__(self) -> Iterator[str]:
        return iter(self._fragments if self._fragments is not None else self._documents)

    def __len__(self) -> int:
        return len(self._fragments if self._fragments is not None else self._documents)

    def fragments(self) -> dict[str, bytes]:
        """Every document's encoded line, in file order (encoding them all the first time)."""
        if self._fragments is None:
            self._fragments = encode_table(self._documents)
        return self._fragments

    def put(self, doc_id: str, document: Document, fragment: bytes) -> None:
        self.fragments()[doc_id] = fragment
        self._documents[doc_id] = document

    def remove(self, doc_id: str) -> None:
        self.fragments().pop(doc_id, None)
        self._documents.pop(doc_id, None)

    def plain(self) -> dict[str, Document]:
        """All documents decoded, as a plain dict (shares the document objects)."""
        return {doc_id: self[doc_id] for doc_id in self}

    def string_fields(
        self, first: str, second: str
    ) -> tuple[list[str], list[object], list[object]]:
        """Document ids with the values of two fields in each (None where missing).

        For documents whose line starts with both fields as plain strings, the values are read
        from the bytes without decoding the document; that is how an index over 10^5 documents
        is built in milliseconds. Others are decoded, so the answer is the same either way.
        """
        doc_ids = list(self)
        firsts: list[object] = []
        seconds: list[object] = []
        if self._fragments is None:
            for document in self._documents.values():
                firsts.append(document.get(first))
                seconds.append(document.get(second))
            return doc_ids, firsts, seconds
        matches = list(map(_leading_strings(first, second).match, self._fragments.values()))
        if None not in matches:  # the usual case, at C speed
            found_matches = cast(list[re.Match[bytes]], matches)
            firsts = list(map(bytes.decode, map(itemgetter(1), found_matches)))
            seconds = list(map(bytes.decode, map(itemgetter(2), found_matches)))
            return doc_ids, firsts, seconds
        for doc_id, found in zip(doc_ids, matches, strict=True):
            if found is not None:
                firsts.append(found[1].decode())
                seconds.append(found[2].decode())
            else:
                document = self[doc_id]
                firsts.append(document.get(first))
                seconds.append(document.get(second))
        return doc_ids, firsts, seconds
