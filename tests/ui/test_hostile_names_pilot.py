"""File names, titles, notes and messages that try to talk to the terminal, on every screen.

Each screen and notification is rendered to the bytes a terminal would receive. Besides the
sequences Textual itself writes (colours and cursor moves), nothing may reach it but text: no
ESC, BEL or C1 control, no bidi control, no lone surrogate, no hyperlink made from markup in a
name. ``FNAME-TITLE`` must show as visible text, never inside a live escape sequence.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from hamish.core import paths
from hamish.core.annotations.model import Annotation
from hamish.core.loaders import load_article
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.ui.app import HamishApp
from hamish.ui.screens.dialogs import ConfirmDialog, TagsDialog
from hamish.ui.screens.help import HelpScreen
from hamish.ui.screens.info import InfoScreen
from hamish.ui.screens.library import LibraryScreen
from hamish.ui.screens.note_editor import NoteEditor
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.screens.search_results import SearchResultsScreen
from tests.ui.conftest import make_app

HOSTILE = "\x1b]0;FNAME-TITLE\x07 \x1b[2J\x9b31m \u202eevil [link=https:evil]y"
NOT_UTF8 = os.fsdecode(b"caf\xe9")
NAME = f"file{HOSTILE} {NOT_UTF8}.txt"
TEXT = f"Title {HOSTILE}\n\nBody sentence one {HOSTILE}. A second sentence.\n"
NOTE = f"note {HOSTILE}"

_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_TEXTUALS_OWN = re.compile(r"\x1b\[[0-9;?<>=]*[A-Za-z]")
"""CSI sequences Textual writes itself: colours (SGR) and cursor moves."""


def terminal_bytes(app: HamishApp) -> str:
    """What the terminal would receive for the whole screen, as ``export_screenshot`` renders
    it; every segment's text is checked on the way."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", legacy_windows=False)  # fmt: skip
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    for line in update.strips:  # type: ignore[attr-defined]
        for segment in (segment for strip in line for segment in strip):
            raw = _FORBIDDEN.search(segment.text)
            assert raw is None, f"{raw.group()!r} in {segment.text!r}"  # type: ignore[union-attr]
            assert segment.style is None or not segment.style.link, segment
    return update.render_segments(console)


async def assert_nothing_raw(pilot: Pilot[None], *, shows: str | None = "FNAME-TITLE") -> str:
    """Check the screen as the terminal would receive it; its text, Textual's own sequences
    taken out."""
    app = pilot.app
    assert isinstance(app, HamishApp)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    sent = terminal_bytes(app)
    rest = _TEXTUALS_OWN.sub("", sent)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", rest), repr(rest[:200])
    for notification in app._notifications:
        assert _FORBIDDEN.search(notification.message + notification.title) is None
        assert not notification.markup
    if shows is not None:
        assert shows in rest
    return rest


def hostile_files(folder: Path) -> tuple[Path, Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / NAME
    article.write_text(TEXT, encoding="utf-8")
    empty = folder / f"empty {NAME}"
    empty.write_bytes(b"")
    binary = folder / f"binary {NAME}"
    binary.write_bytes(bytes(range(256)) * 64)
    return article, empty, binary


def annotated(store: Store, path: Path) -> None:
    article = load_article(path)
    record = identify(store, article)
    start = article.text.index("Body")
    store.add(
        Annotation.create(
            article_key=record.key, text=article.text, start=start, end=start + 20,
            text_hash=article.key, note=NOTE, tags=[f"tag{HOSTILE}"],
        )
    )  # fmt: skip


async def test_every_screen_and_notification_shows_hostile_names_as_text(
    store: Store, tmp_path: Path
) -> None:
    article, empty, binary = hostile_files(paths.library_dir())
    annotated(store, article)
    app = make_app(load_article(article), store=store, config_problems=[f"config {HOSTILE}"])
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        assert isinstance(app.screen, ReaderScreen)
        await app.screen.pane.annotating.ready.wait()
        await pilot.pause()
        await assert_nothing_raw(pilot)  # the reader, the title, the settings notification

        await pilot.press("e")  # the export's notification names the file it wrote
        await pilot.pause(0.5)
        assert any(n.message.startswith("Exported to") for n in app._notifications)
        await assert_nothing_raw(pilot)

        await pilot.press("n")  # the annotations pane: the quote, the note, the tags
        sent = await assert_nothing_raw(pilot)
        assert "note ␛]0;FNAME-TITLE␇" in sent
        await pilot.press("n")

        await pilot.press("i")
        assert isinstance(app.screen, InfoScreen)
        sent = await assert_nothing_raw(pilot)
        assert "file␛]0;FNAME-TITLE␇" in sent and "caf\ufffd" in sent
        await pilot.press("escape")

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await assert_nothing_raw(pilot, shows=None)
        await pilot.press("escape")

        await pilot.press("]", "t")  # the tags dialog on the annotation
        assert isinstance(app.screen, TagsDialog)
        await assert_nothing_raw(pilot)
        await pilot.press("escape")

        await pilot.press("a")  # the note editor: quote and note
        assert isinstance(app.screen, NoteEditor)
        await assert_nothing_raw(pilot)
        await pilot.press("x", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await assert_nothing_raw(pilot, shows=None)
        await pilot.press("y")

        await pilot.press("l")
        assert isinstance(app.screen, LibraryScreen)
        sent = await assert_nothing_raw(pilot)
        assert "binary file␛]0;FNAME-TITLE␇" in sent  # the unreadable one, by name

        app.search_everything("sentence")
        await pilot.pause()
        assert isinstance(app.screen, SearchResultsScreen)
        await assert_nothing_raw(pilot)
        await pilot.press("escape")

        await pilot.press("ctrl+p")
        await pilot.press(*"Title")
        await pilot.pause(0.3)
        await assert_nothing_raw(pilot)  # the palette's hits, a file name as their help
        await pilot.press("escape")

        app.clear_notifications()
        await app.load_in_thread(binary)  # refused: the error names the file
        await pilot.pause()
        assert any("binary" in n.message for n in app._notifications)
        await assert_nothing_raw(pilot)

        await app.open_path_at(empty, None)  # the empty-file notice, titled with the name
        await pilot.pause(0.5)
        assert any("empty" in n.message for n in app._notifications)
        await assert_nothing_raw(pilot)
