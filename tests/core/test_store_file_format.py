"""The file format and the lazily decoded tables: fast paths must agree with plain JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.store.file_format import (
    FORMAT_TABLE,
    decode_fragment,
    encode_document,
    encode_file,
    encode_table,
    split_file,
    table_lines,
)
from hamish.core.store.index import StoreIndex
from hamish.core.store.tables import DocumentTable, count_by

json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=12)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
documents = st.dictionaries(st.text(max_size=8), json_values, max_size=5)
tables_strategy = st.dictionaries(
    st.text(min_size=1, max_size=8).filter(lambda name: name != FORMAT_TABLE),
    st.dictionaries(st.integers(1, 10_000).map(str), documents, max_size=6),
    max_size=4,
)


def file_bytes(tables: dict[str, dict[str, dict[str, Any]]]) -> bytes:
    return b"".join(encode_file({name: encode_table(docs) for name, docs in tables.items()}))


@settings(deadline=None, max_examples=50)
@given(tables_strategy)
def test_the_file_is_plain_json_of_the_tables(tables: dict[str, dict[str, dict[str, Any]]]) -> None:
    parsed = json.loads(file_bytes(tables))
    trailer = parsed.pop(FORMAT_TABLE)
    assert parsed == tables
    assert list(parsed) == list(tables)
    assert set(trailer["1"]) == {"format", "crc32"}


@settings(deadline=None, max_examples=50)
@given(tables_strategy)
def test_split_file_recovers_every_document_without_parsing(
    tables: dict[str, dict[str, dict[str, Any]]],
) -> None:
    fragments = split_file(file_bytes(tables))
    assert fragments is not None
    assert list(fragments) == list(tables)
    for name, docs in tables.items():
        assert list(fragments[name]) == list(docs)
        for doc_id, fragment in fragments[name].items():
            assert decode_fragment(doc_id, fragment) == docs[doc_id]


@settings(deadline=None, max_examples=50)
@given(tables_strategy, st.data())
def test_any_changed_byte_makes_split_file_fall_back(
    tables: dict[str, dict[str, dict[str, Any]]], data: st.DataObject
) -> None:
    raw = bytearray(file_bytes(tables))
    position = data.draw(st.integers(0, len(raw) - 1))
    raw[position] ^= data.draw(st.integers(1, 255))
    assert split_file(bytes(raw)) is None


def test_files_not_written_by_the_file_format_fall_back() -> None:
    tables = {"annotations": {"1": {"id": "a"}, "2": {"id": "b"}}}
    assert split_file(json.dumps(tables).encode()) is None
    assert split_file(json.dumps(tables, indent=1).encode()) is None
    good = file_bytes(tables)
    assert split_file(good) is not None
    assert split_file(good[:-5]) is None  # truncated
    assert split_file(b"") is None


def test_documents_with_non_numeric_ids_are_encoded_exactly() -> None:
    for doc_id in ("a", 'x":y', "٣", "1"):
        fragment = encode_document(doc_id, {"k": "v"})
        assert json.loads(b"{" + fragment + b"}") == {doc_id: {"k": "v"}}
        assert decode_fragment(doc_id, fragment) == {"k": "v"}


def test_encoding_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(ValueError):
        encode_document("1", {"x": float("nan")})
    with pytest.raises(TypeError):
        encode_document("1", {"x": object()})
    with pytest.raises(TypeError):
        encode_document("1", ["not", "a", "dict"])  # type: ignore[arg-type]


def test_no_raw_newline_reaches_a_line() -> None:
    fragment = encode_document("7", {"note": "line one\nline two\u2028\u2029\r"})
    assert b"\n" not in fragment and b"\r" not in fragment


@settings(deadline=None, max_examples=50)
@given(st.dictionaries(st.integers(1, 500).map(str), documents, max_size=8))
def test_lazy_and_eager_tables_agree(docs: dict[str, dict[str, Any]]) -> None:
    lazy = DocumentTable.of_fragments(encode_table(docs))
    eager = DocumentTable.of_documents(dict(docs))
    assert list(lazy) == list(eager) == list(docs)
    assert len(lazy) == len(eager)
    assert lazy.plain() == eager.plain() == docs
    assert lazy.string_fields("id", "article_key") == eager.string_fields("id", "article_key")
    assert lazy.fragments() == eager.fragments()


@settings(deadline=None, max_examples=50)
@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "id": st.text(max_size=6) | st.integers(),
                "article_key": st.text(max_size=6) | st.none(),
                "note": st.text(max_size=4),
            },
        ),
        max_size=6,
    ),
    st.booleans(),
)
def test_index_fields_read_from_bytes_equal_the_decoded_values(
    document_list: list[dict[str, Any]], id_first: bool
) -> None:
    docs = {}
    for n, document in enumerate(document_list, start=1):
        if id_first and "id" in document:
            document = {"id": document["id"], **document}
        docs[str(n)] = document
    lazy = DocumentTable.of_fragments(encode_table(docs))
    doc_ids, ids, keys = lazy.string_fields("id", "article_key")
    assert doc_ids == list(docs)
    assert ids == [d.get("id") for d in docs.values()]
    assert keys == [d.get("article_key") for d in docs.values()]


def test_put_and_remove_keep_fragments_and_documents_together() -> None:
    table = DocumentTable.of_documents({"1": {"a": 1}})
    table.put("2", {"b": 2}, encode_document("2", {"b": 2}))
    table.put("1", {"a": 3}, encode_document("1", {"a": 3}))
    table.remove("2")
    table.remove("404")
    assert table.plain() == {"1": {"a": 3}}
    assert table.fragments() == {"1": encode_document("1", {"a": 3})}
    assert "1" in table and "2" not in table
    with pytest.raises(KeyError):
        table["2"]


@settings(deadline=None, max_examples=50)
@given(tables_strategy, st.text(min_size=1, max_size=8))
def test_table_lines_are_the_table_s_fragments_as_written(
    tables: dict[str, dict[str, dict[str, Any]]], asked: str
) -> None:
    raw = file_bytes(tables)
    fragments = split_file(raw)
    assert fragments is not None
    for name in [*tables, asked]:
        expected = b",\n".join(fragments.get(name, {}).values())
        assert table_lines(raw, name) == expected
    assert table_lines(raw[:-3], asked) is None  # not what encode_file wrote: read it whole
    assert table_lines(json.dumps(tables).encode(), asked) is None


def lines_of(documents: dict[str, dict[str, Any]]) -> bytes:
    return b",\n".join(encode_table(documents).values())


@settings(deadline=None, max_examples=100)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "a\\b", 'q"', 7, None]),
            st.sampled_from(["k1", "k2", "ك", 'x"y', 3, None]),
        ),
        max_size=8,
    )
)
def test_counts_read_from_lines_agree_with_the_index(pairs: list[tuple[object, object]]) -> None:
    """Repeated ids, odd characters and fields that are not strings: the fast count either
    agrees with indexing the documents or declines (None) so they are decoded instead."""
    documents = {
        str(n + 1): {"id": i, "article_key": k, "start": n} for n, (i, k) in enumerate(pairs)
    }
    counted = count_by(lines_of(documents), "id", "article_key")
    index = StoreIndex({"annotations": DocumentTable.of_documents(documents)})
    expected = {key: len(ids) for key, ids in index.article_annotations.items()}
    if counted is not None:
        assert counted == expected
    if all(isinstance(v, str) and v.isalnum() for pair in pairs for v in pair):
        assert counted == expected  # the usual file: always answered from its lines
