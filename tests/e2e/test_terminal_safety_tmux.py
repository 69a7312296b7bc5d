"""Hostile file names and a terminal that goes away, in a real terminal (tmux).

* A name that is not UTF-8 opens, and ``s`` ``h`` ``q`` work (it froze the app for good).
* A name holding ``ESC ] 0 ; ... BEL`` never sets the window title: not from the empty-file
  notice, not from the info screen (tmux's ``#{pane_title}`` shows what was set).
* Killing the tmux session under a wrapper that ignores SIGHUP ends hamish as quickly as a
  plain process that reads its terminal, and the highlight made just before is saved; so
  does SIGTERM, which also gives the terminal back as it was.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import HAMISH, ROOT, Terminal, stored_annotations

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "articles" / "010_printing-press.md"
WITH_PID = 'echo $$ > "$0"; exec "$@"'
"""``sh -c`` script: write the pid (the exec keeps it), then run the command."""
IGNORING_HUP = 'echo $$ > "$0"; trap "" HUP; exec "$@"'
"""The same, ignoring SIGHUP as nohup and ``make`` under some shells do."""


def reading(lines: list[str]) -> bool:
    return any("Highlight" in row for row in lines)


def test_a_name_that_is_not_utf8_opens_and_the_keys_work(
    terminal: Terminal, tmp_path: Path
) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt"))
    path.write_text("Title\n\nBody press. A second sentence.\n", encoding="utf-8")
    data_dir = Path(terminal.env["HAMISH_DATA_DIR"])
    terminal.start([*HAMISH, str(path)])
    terminal.wait_for(lambda lines: reading(lines) and any("Body press" in r for r in lines))
    terminal.keys("s", "h")
    terminal.wait_for(lambda lines: any("Highlighted" in row for row in lines))
    terminal.keys("q")
    terminal.wait_for(lambda lines: not reading(lines))
    [annotation] = stored_annotations(data_dir)
    assert annotation["quote"] == "Title"
    database = json.loads((data_dir / "hamish.json").read_bytes().decode("utf-8"))
    [record] = database["articles"].values()
    assert record["path"].endswith("/caf%E9.txt")


def test_a_name_with_an_escape_sequence_never_sets_the_window_title(
    terminal: Terminal, tmp_path: Path
) -> None:
    empty = tmp_path / "empty\x1b]0;FNAME-TITLE\x07.txt"
    empty.write_bytes(b"")
    terminal.start([*HAMISH, str(empty)])
    screen = terminal.wait_for(lambda lines: any("empty file" in row for row in lines))
    assert "FNAME-TITLE" not in terminal.pane_title()
    assert any("␛]0;FNAME-TITLE" in row for row in screen)  # the notice's title, shown
    terminal.close()

    named = tmp_path / "file\x1b]0;FNAME-TITLE\x07.txt"
    named.write_text("Title\n\nBody.\n", encoding="utf-8")
    terminal.start([*HAMISH, str(named)])
    terminal.wait_for(reading)
    terminal.keys("i")
    screen = terminal.wait_for(lambda lines: any("Encoding" in row for row in lines))
    assert "FNAME-TITLE" not in terminal.pane_title()
    assert any("file␛]0;FNAME-TITLE␇" in row for row in screen)


def _pid(path: Path) -> int:
    deadline = time.monotonic() + 20
    while not path.exists() or not path.read_text().strip():
        assert time.monotonic() < deadline, f"{path} never written"
        time.sleep(0.1)
    return int(path.read_text())


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs. A process that has exited but not been reaped (a zombie: its
    parent, the tmux server, is gone too) still answers ``kill(pid, 0)``, so ask /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _ended(pid: int, timeout: float) -> float | None:
    """When ``pid`` ended (monotonic), or None if it still runs after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return time.monotonic()
        time.sleep(0.05)
    return None


def test_the_terminal_going_away_ends_hamish_and_keeps_the_highlight(
    terminal: Terminal, tmp_path: Path
) -> None:
    data_dir = Path(terminal.env["HAMISH_DATA_DIR"])
    hamish_pid, reader_pid = tmp_path / "hamish.pid", tmp_path / "reader.pid"
    terminal.start(["sh", "-c", IGNORING_HUP, str(hamish_pid), *HAMISH, str(SAMPLE)])
    # A plain process that ends at end-of-file on the same terminal: when it ends, the
    # terminal has been hung up (tmux itself takes a second or two to do it).
    reader = [sys.executable, "-c", "import sys; sys.stdin.read()"]
    terminal.split(["sh", "-c", IGNORING_HUP, str(reader_pid), *reader])
    terminal.wait_for(reading)
    pid, sentinel = _pid(hamish_pid), _pid(reader_pid)
    terminal.keys("s", "h", pause=0.1)
    terminal.kill_session()
    try:
        hung_up = _ended(sentinel, timeout=20)
        assert hung_up is not None, "tmux never hung the terminal up"
        ended = _ended(pid, timeout=max(0.0, hung_up + 1.5 - time.monotonic()))
        assert ended is not None, "hamish still runs 1.5 s after its terminal went away"
    finally:
        for leftover in (pid, sentinel):
            if _alive(leftover):
                os.kill(leftover, signal.SIGKILL)
    recovered = list(data_dir.glob("hamish-unsaved-*.json"))
    quotes = [a["quote"] for a in stored_annotations(data_dir)] if not recovered else []
    assert recovered or quotes == ["Movable Type and the Slow Revolution of Reading"]


def test_sigterm_saves_and_gives_the_terminal_back(terminal: Terminal, tmp_path: Path) -> None:
    data_dir = Path(terminal.env["HAMISH_DATA_DIR"])
    pid_file = tmp_path / "hamish.pid"
    terminal.start(["sh", "-c", WITH_PID, str(pid_file), *HAMISH, str(SAMPLE)])
    terminal.wait_for(reading)
    pid = _pid(pid_file)
    terminal.keys("s", "h", pause=0.1)
    os.kill(pid, signal.SIGTERM)
    try:
        assert _ended(pid, timeout=2.0) is not None, "hamish still runs 2 s after SIGTERM"
    finally:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    terminal.wait_for(lambda lines: not reading(lines))  # out of the alternate screen
    quotes = [a["quote"] for a in stored_annotations(data_dir)]
    assert quotes == ["Movable Type and the Slow Revolution of Reading"]
