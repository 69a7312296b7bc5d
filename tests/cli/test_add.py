"""``hamish add``: articles copied into the library, never over another file, and registered."""

from __future__ import annotations

from pathlib import Path

from hamish.core.store import Store
from tests.cli.conftest import ROOT, Hamish, annotate, assert_one_error_line, run_module

PRESS = ROOT / "articles" / "010_printing-press.md"


def test_added_files_are_copied_byte_for_byte_and_registered(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    result = hamish("add", sample, PRESS)
    assert result.code == 0, result.err
    library = environment / "articles"
    assert sorted(p.name for p in library.iterdir()) == ["010_printing-press.md", "sample.txt"]
    assert (library / "sample.txt").read_bytes() == sample.read_bytes()
    assert f"{sample} -> {library / 'sample.txt'}" in result.out
    with Store.open() as store:
        paths = sorted(record.path or "" for record in store.list_articles())
    assert paths == sorted(
        str((library / name).resolve()) for name in ("010_printing-press.md", "sample.txt")
    )
    listed = hamish("list").out
    assert str((library / "sample.txt").resolve()) in listed


def test_a_name_already_taken_gets_a_new_one(
    hamish: Hamish, sample: Path, tmp_path: Path, environment: Path
) -> None:
    library = environment / "articles"
    library.mkdir(parents=True)
    (library / "sample.txt").write_text("someone else's file")
    result = hamish("add", sample)
    assert result.code == 0
    assert (library / "sample.txt").read_text() == "someone else's file"
    assert (library / "sample (2).txt").read_bytes() == sample.read_bytes()


def test_adding_the_same_article_twice_copies_it_once(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    hamish("add", sample)
    again = hamish("add", sample)
    assert again.code == 0 and "already in the library" in again.out
    assert [p.name for p in (environment / "articles").iterdir()] == ["sample.txt"]


def test_an_annotated_article_moves_into_the_library_with_its_notes(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    annotate(hamish, sample, "باريس")
    hamish("add", sample)
    with Store.open() as store:
        (record,) = store.list_articles()
        assert record.path == str((environment / "articles" / "sample.txt").resolve())
        assert store.annotation_counts() == {record.key: 1}


def test_refused_files_are_reported_and_the_others_added(
    hamish: Hamish, sample: Path, tmp_path: Path, environment: Path
) -> None:
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = hamish("add", binary, tmp_path / "missing.txt", sample, tmp_path)
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 3 and all(line.startswith("hamish: ") for line in lines)
    assert "photo.jpg: binary" in lines[0] and "missing.txt: no such file" in lines[1]
    assert f"{tmp_path}: no articles in it" in lines[2]  # a folder: what hamish reads in it
    assert [p.name for p in (environment / "articles").iterdir()] == ["sample.txt"]


def test_entry_point(tmp_path: Path) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00" * 64)
    result = run_module("add", binary, cwd=tmp_path)
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "blob.bin", "binary")


def test_documents_hamish_does_not_read_are_refused_naming_the_format(
    hamish: Hamish, tmp_path: Path, environment: Path
) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n")
    fake = tmp_path / "book.epub"
    fake.write_text("Not a book at all, only text.\n")
    result = hamish("add", pdf, fake)
    assert result.code == 2 and result.out == ""
    assert result.error_lines == [
        f"hamish: {pdf}: a PDF document, which hamish does not read (it reads .txt, .md and .html)",
        f"hamish: {fake}: an EPUB book, which hamish does not read (it reads .txt, .md and .html)",
    ]
    assert not (environment / "articles").exists()
    assert "paper" not in hamish("list").out


def test_a_folder_adds_the_articles_in_it(
    hamish: Hamish, sample: Path, tmp_path: Path, environment: Path
) -> None:
    folder = sample.parent
    (folder / "essay.md").write_bytes(PRESS.read_bytes())
    (folder / "paper.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / ".hidden.txt").write_text("Hidden\n\nNot an article to add.\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text("Inner\n\nNot added: only the folder's own.\n")
    result = hamish("add", folder)
    assert result.code == 0, result.err
    library = environment / "articles"
    assert sorted(p.name for p in library.iterdir()) == ["essay.md", "sample.txt"]
    assert result.err == ""
    again = hamish("add", folder)  # nothing copied twice
    assert again.code == 0 and again.out.count("already in the library") == 2


def test_an_added_article_opened_where_it_was_is_listed_once(hamish: Hamish, sample: Path) -> None:
    hamish("add", sample)
    annotate(hamish, sample, "باريس")  # opens the original, not the library's copy
    listed = hamish("list").out
    title = listed.splitlines()[0]
    assert listed.splitlines().count(title) == 1, listed
