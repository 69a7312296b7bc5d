"""Bytes that are not UTF-8: in a file name (fine, stored losslessly), in a note given on the
command line or in an import (refused at the door, on one line), and in a store someone else
wrote (kept, worked with, and reported by ``doctor``)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.cli.conftest import (
    Hamish,
    annotate,
    assert_one_error_line,
    no_raw_controls,
    notes_file,
    run_module,
)

NOT_UTF8 = os.fsdecode(b"\xff")


def cafe(tmp_path: Path) -> Path:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    path.write_text("T\n\nBody press. Another sentence.\n", encoding="utf-8")
    return path


def test_a_file_name_that_is_not_utf8_works_in_every_command(
    hamish: Hamish, tmp_path: Path, environment: Path
) -> None:
    path = cafe(tmp_path)
    first = annotate(hamish, path, "press", "--note", "a note")
    annotate(hamish, path, "Another")
    notes = hamish("notes", path)
    assert notes.code == 0 and "caf\ufffd.txt" in notes.out and "2 annotations" in notes.out
    assert hamish("list").code == 0
    exported = hamish("export", path, "--format", "json", "-o", "-")
    assert exported.code == 0 and first in exported.out
    assert hamish("export", path, "-o", "-").code == 0
    stored = json.loads((environment / "hamish.json").read_bytes().decode("utf-8"))
    [record] = stored["articles"].values()
    assert record["path"] == f"file://{os.fsencode(tmp_path).decode()}/caf%E9.txt"

    shutil.rmtree(environment)  # a fresh machine: the export finds its article by the name
    imported = hamish("import", "-", stdin=exported.out.encode())
    assert imported.code == 0 and imported.out.startswith("imported 2,"), imported


def test_a_note_or_tag_that_is_not_utf8_is_refused_on_one_line(
    tmp_path: Path, sample: Path, environment: Path
) -> None:
    for option in ("--note", "--tag", "--quote"):
        arguments = {"--quote": "باريس", option: f"bad{NOT_UTF8}"}
        flat = [part for pair in arguments.items() for part in pair]
        result = run_module("annotate", sample, *flat, cwd=tmp_path)
        assert result.returncode == 2
        assert_one_error_line(result.stderr, option, "byte 0xFF", "not UTF-8")
    assert not (environment / "hamish.json").exists()  # refused before anything was written


def test_an_import_holding_a_lone_surrogate_is_refused_on_one_line(
    hamish: Hamish, sample: Path
) -> None:
    annotate(hamish, sample, "باريس", "--note", "ok")
    exported = hamish("export", sample, "--format", "json", "-o", "-").out
    bad = exported.replace('"ok"', '"bad \\ud800"')
    assert bad != exported
    result = hamish("import", "-", stdin=bad.encode())
    assert result.code == 2
    assert_one_error_line(result.err, "lone surrogate", "U+D800")


def test_a_store_holding_a_lone_surrogate_works_and_doctor_says_so(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    annotate(hamish, sample, "باريس", "--note", "ok")
    database = notes_file(environment)
    database.write_text(database.read_text(encoding="utf-8").replace('"ok"', '"bad \\ud800"'))
    doctor = hamish("doctor")
    assert doctor.code == 1 and "not valid Unicode" in doctor.out and "healthy" not in doctor.out
    notes = hamish("notes", sample)
    assert notes.code == 0 and "bad \ufffd" in notes.out
    assert hamish("export", sample, "-o", "-").code == 0
    assert hamish("export", sample, "--format", "json", "-o", "-").code == 0
    annotate(hamish, sample, "توماس باراك")
    assert '"bad \\ud800"' in database.read_text(encoding="utf-8")  # kept as it was


def test_export_names_a_hostile_file_it_wrote_without_raw_controls(
    hamish: Hamish, sample: Path, tmp_path: Path
) -> None:
    annotate(hamish, sample, "باريس")
    target = tmp_path / f"out\x1b]0;TITLE\x07{NOT_UTF8}.md"
    result = hamish("export", sample, "-o", target)
    assert result.code == 0 and target.exists()
    assert no_raw_controls([result.out]) and "out␛]0;TITLE␇\ufffd.md" in result.out
