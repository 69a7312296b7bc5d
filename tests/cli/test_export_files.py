"""``core.export.files``: atomic writes that never clobber, and the app's one-key export."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.export.files import (
    combine_documents,
    export_article_to_dir,
    export_text,
    export_time,
    write_text_atomically,
)
from hamish.core.export.web_annotation_import import parse_json

STAMP = "2026-03-01T12:00:00.000Z"


def article(title: str = "Notes: on <margins>") -> Article:
    return Article.build(
        [
            BlockSpec(BlockKind.TITLE, title),
            BlockSpec(BlockKind.PARAGRAPH, "العلم نور والجهل ظلام"),
        ],
        title=title,
    )


def highlighted(source: Article) -> list[Anchored]:
    start = source.text.index("نور")
    made = Annotation.create(
        article_key=source.key, text=source.text, start=start, end=start + 3, text_hash=source.key
    )
    return [Anchored(made, AnchorStatus.EXACT, made.start, made.end)]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_existing_files_are_kept_unless_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    write_text_atomically(target, "first")
    with pytest.raises(FileExistsError):
        write_text_atomically(target, "second")
    assert target.read_text() == "first"
    write_text_atomically(target, "third", overwrite=True)
    assert target.read_text() == "third"
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_text_atomically(tmp_path / "missing" / "notes.md", "text")
    assert list(tmp_path.iterdir()) == []


def test_export_to_dir_updates_its_own_file_and_never_replaces_a_user_s(tmp_path: Path) -> None:
    source = article()
    notes = highlighted(source)
    exports = tmp_path / "exports"
    first = export_article_to_dir(source, notes, exports, exported_at=STAMP)
    assert first.name == "Notes_ on _margins_.md"
    assert first.read_text(encoding="utf-8") == export_text(source, notes, exported_at=STAMP)
    first.rename(exports / "my name for it.md")  # a vault renames notes; hamish follows
    noted = [
        Anchored(replace(notes[0].annotation, note="and now a note"), AnchorStatus.EXACT, 0, 1)
    ]
    second = export_article_to_dir(source, noted, exports, exported_at=STAMP)
    assert second == exports / "my name for it.md"
    assert "and now a note" in second.read_text(encoding="utf-8")
    assert sorted(p.name for p in exports.iterdir()) == ["my name for it.md"]

    other = tmp_path / "other"
    other.mkdir()
    (other / "Notes_ on _margins_.md").write_text("my own notes")
    beside = export_article_to_dir(source, notes, other, exported_at=STAMP)
    assert beside.name == "Notes_ on _margins_ (2).md"
    assert (other / "Notes_ on _margins_.md").read_text() == "my own notes"
    replaced = export_article_to_dir(source, [], other, exported_at=STAMP, overwrite=True)
    assert replaced == beside and "annotations: 0" in beside.read_text(encoding="utf-8")
    assert leftovers(exports) == leftovers(other) == []


def test_export_to_dir_follows_the_export_flavor_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    monkeypatch.setenv("HAMISH_CONFIG", str(config))
    source = article()
    config.write_text('export_flavor = "github"\n')
    github = export_article_to_dir(source, highlighted(source), tmp_path / "a")
    config.write_text('export_flavor = "obsidian"\n')
    obsidian = export_article_to_dir(source, highlighted(source), tmp_path / "b")
    assert '<div dir="rtl">' in github.read_text(encoding="utf-8")
    assert "<div" not in obsidian.read_text(encoding="utf-8")


def test_export_dir_defaults_to_the_configured_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMISH_EXPORT_DIR", str(tmp_path / "mine"))
    written = export_article_to_dir(article("Plain"), [], export_format="json", exported_at=STAMP)
    assert written == tmp_path / "mine" / "Plain.json"
    assert json.loads(written.read_text(encoding="utf-8"))["type"] == "AnnotationCollection"


def test_combined_json_is_an_array_of_single_exports() -> None:
    sources = [article("One"), article("Two")]
    documents = [
        export_text(s, highlighted(s), export_format="json", exported_at=STAMP) for s in sources
    ]
    combined = json.loads(combine_documents(documents, "json"))
    assert combined == [json.loads(document) for document in documents]
    assert [parse_json(json.dumps(c)).title for c in combined] == ["One", "Two"]


def test_combined_markdown_hides_each_front_matter_in_a_comment() -> None:
    sources = [article("Closing --> early?"), article("Two")]
    documents = [export_text(s, highlighted(s), exported_at=STAMP) for s in sources]
    combined = combine_documents(documents, "md")
    comments = combined.split("<!-- hamish article\n")[1:]
    assert len(comments) == 2
    for comment in comments:  # the title's own "-->" does not end the comment early
        metadata = comment[: comment.index("-->")]
        assert metadata.endswith("orphaned: 0\n") and "hamish_article" in metadata
    assert '"Closing --\\u003e early?"' in combined
    assert "\n---\n" not in combined
    assert combine_documents(documents[:1], "md") == documents[0]


def test_source_date_epoch_fixes_the_export_time() -> None:
    assert export_time({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01T00:00:00.000Z"
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        export_time({"SOURCE_DATE_EPOCH": "yesterday"})
    assert export_time({}).endswith("Z")
