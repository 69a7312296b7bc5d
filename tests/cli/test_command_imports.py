"""Scripted commands start fast because they import only what they use: never Textual or Rich
(the reader's), and the HTML, Markdown and web libraries only for pages, Markdown and URLs.

The commands run in one fresh interpreter, as ``hamish`` runs them, one after the other; the
modules each one brought in are checked. Speed itself is measured by
``python -m hamish.bench startup``, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hamish import cli
from hamish.core.config import BIDI_MODES
from tests.cli.conftest import SAMPLE

UI_PACKAGES = {"textual", "rich"}
FOR_OTHER_FORMATS = {"lxml", "trafilatura", "httpx", "feedparser"}
"""What HTML pages and URLs need."""
LIBRARY_WIDE = ("list", "search")
"""These read every article in the library, the bundled Markdown ones among them."""

RUN_ALL = """
import json, sys
from hamish.cli import main

seen = {}
for argv in json.loads(sys.argv[1]):
    before = set(sys.modules)
    try:
        main(argv)
    except SystemExit:  # --version
        pass
    seen[" ".join(argv)] = sorted(set(sys.modules) - before)
with open(sys.argv[2], "w", encoding="utf-8") as report:
    json.dump(seen, report)
"""


def _modules_each_imported(argv_list: list[list[str]], tmp_path: Path) -> dict[str, set[str]]:
    environment = {
        "HAMISH_DATA_DIR": str(tmp_path / "data"),
        "HAMISH_CONFIG": str(tmp_path / "config.toml"),
        "HAMISH_EXPORT_DIR": str(tmp_path / "exports"),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUN_ALL, json.dumps(argv_list), str(report)],
        capture_output=True,
        env=environment,
        cwd=tmp_path,
        check=True,
    )
    seen = json.loads(report.read_text(encoding="utf-8"))
    return {command: set(modules) for command, modules in seen.items()}


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_version_imports_no_part_of_hamish(tmp_path: Path) -> None:
    [modules] = _modules_each_imported([["--version"]], tmp_path).values()
    assert {name for name in modules if name.startswith("hamish.")} <= {"hamish.cli"} | {
        "hamish.collector"
    }
    assert _top_level(modules) & (UI_PACKAGES | FOR_OTHER_FORMATS | {"markdown_it"}) == set()
    assert "hamish.core.layout.shaping" not in modules


def test_commands_never_import_textual_or_rich(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(SAMPLE.read_bytes())
    exported = tmp_path / "notes.json"
    quote = "الرئيس السوري"
    runs = [
        ["add", str(article), "--logical"],
        ["annotate", str(article), "--quote", quote, "--note", "ملاحظة", "--logical"],
        ["list", "--logical"],
        ["notes", str(article), "--logical"],
        ["search", "سوريا", "--logical"],
        ["export", str(article), "--format", "json", "-o", str(exported)],
        ["export", str(article), "-o", str(tmp_path / "notes.md")],
        ["import", str(exported), "--logical"],
        ["doctor", "--logical"],
        ["feeds", "--logical"],
    ]
    seen = _modules_each_imported(runs, tmp_path)
    assert list(seen) == [" ".join(argv) for argv in runs]  # every command ran
    for command, modules in seen.items():
        assert _top_level(modules) & (UI_PACKAGES | FOR_OTHER_FORMATS) == set(), command
        assert "markdown_it" not in modules or command.startswith(LIBRARY_WIDE), command
        assert "hamish.core.store.doctor" not in modules or command.startswith("doctor"), command
        assert "hamish.core.export.markdown" not in modules or command.startswith("export")


def test_on_a_terminal_commands_lay_text_out_without_rich(tmp_path: Path) -> None:
    """``--visual`` is what a terminal gets: the layout engine reorders and shapes."""
    article = tmp_path / "article.txt"
    article.write_bytes(SAMPLE.read_bytes())
    runs = [
        ["add", str(article), "--visual"],
        ["annotate", str(article), "--quote", "الرئيس السوري", "--visual"],
        ["list", "--visual"],
        ["notes", str(article), "--visual"],
        ["search", "سوريا", "--visual"],
    ]
    seen = _modules_each_imported(runs, tmp_path)
    assert "hamish.core.layout.arabic_forms" in set().union(*seen.values())  # Arabic was shaped
    for command, modules in seen.items():
        assert _top_level(modules) & UI_PACKAGES == set(), command


def test_the_command_line_offers_the_settings_bidi_modes() -> None:
    assert cli.BIDI_MODES == BIDI_MODES
