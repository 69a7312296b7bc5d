"""Scripted commands run in-process (``hamish.cli.main``) with every hamish directory in a
temporary folder, and helpers to read what they printed."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest

from hamish.cli import main
from hamish.core.store import Store
from hamish.core.store.layout import annotations_dir, shard_files
from tests.web_server import Site, serving

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"
VOCALISED = ROOT / "articles" / "040_vocalised-proverbs.txt"
EPOCH = "1767780000"
"""SOURCE_DATE_EPOCH for every test: 2026-01-07T10:00:00Z, so exports are reproducible."""
RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Everything a terminal would act on rather than show; only the line feed may be printed."""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("HAMISH_DATA_DIR", str(data))
    monkeypatch.setenv("HAMISH_EXPORT_DIR", str(tmp_path / "exports"))
    monkeypatch.setenv("HAMISH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    return data


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the Arabic news sample that tests may move, edit or delete."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(SAMPLE, folder / "sample.txt"))


@pytest.fixture
def store(environment: Path) -> Iterator[Store]:
    opened = Store.open()
    yield opened
    opened.close()


class Hamish(Protocol):
    def __call__(self, *argv: str | Path, stdin: bytes | None = None) -> Result: ...


@pytest.fixture
def hamish(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Hamish:
    """``hamish(*argv, stdin=b"")`` runs the command in-process and returns a ``Result``."""

    def run(*argv: str | Path, stdin: bytes | None = None) -> Result:
        capsys.readouterr()
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), "utf-8"))
        code = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def annotate(hamish: Hamish, path: str | Path, quote: str, *options: str) -> str:
    """Annotate and return the new id, failing the test if the command did not succeed."""
    result = hamish("annotate", path, "--quote", quote, *options)
    assert result.code == 0, result.err
    return str(result.out.strip())


def notes_file(data: Path) -> Path:
    """The file of annotations of the one article annotated in the store in ``data``."""
    (found,) = shard_files(annotations_dir(data / "hamish.json"))
    return found


def run_module(
    *argv: str | Path, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m hamish ARGV`` as a user runs it; the environment is the test's (its data
    directory included), stdout and stderr are not terminals."""
    return subprocess.run(
        [sys.executable, "-m", "hamish", *[str(arg) for arg in argv]],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
        cwd=cwd,
        timeout=60,
        check=False,
    )


def assert_one_error_line(stderr: str, *fragments: str) -> None:
    """The failure was reported as one ``hamish:`` line naming what went wrong, no traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("hamish: "), stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, stderr)


def no_raw_controls(texts: Sequence[str]) -> bool:
    return not any(RAW_CONTROLS.search(text) for text in texts)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 (``tests.web_server``); no test touches the internet."""
    with serving(monkeypatch) as running:
        yield running
