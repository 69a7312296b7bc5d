"""Drive hamish in a real terminal: tmux ``send-keys`` to type, ``capture-pane`` to read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamish.core.store.layout import annotations_dir, shard_files

ROOT = Path(__file__).resolve().parents[2]
HAMISH = [sys.executable, "-m", "hamish"]


def stored_annotations(data_dir: Path) -> list[dict[str, object]]:
    """Every annotation the store in ``data_dir`` holds, read as plain JSON from each
    article's file."""
    found: list[dict[str, object]] = []
    for path in shard_files(annotations_dir(data_dir / "hamish.json")):
        found += json.loads(path.read_bytes().decode("utf-8"))["annotations"].values()
    return found


class Terminal:
    """One tmux session running one command, on its own tmux server socket."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = ""
        self.env = env
        self.session = "hamish"

    def _tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )
        return result.stdout

    def start(self, command: list[str], *, width: int = 100, height: int = 32) -> None:
        """Run ``command`` in a new tmux server (a fresh socket, so a restart never races)."""
        self.socket = f"hamish-test-{uuid.uuid4().hex[:8]}"
        self._tmux(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
            self._shell_command(command),
        )  # fmt: skip

    def split(self, command: list[str]) -> None:
        """Run ``command`` in a second pane of the same window (it shares the session's fate)."""
        self._tmux("split-window", "-d", "-t", self.session, self._shell_command(command))

    def _shell_command(self, command: list[str]) -> str:
        env_prefix = [f"{key}={value}" for key, value in self.env.items()]
        return " ".join(
            [
                "env",
                "-u",
                "COLUMNS",
                "-u",
                "LINES",
                *env_prefix,
                *(self._quote(part) for part in command),
                "; sleep 600",
            ]
        )

    @staticmethod
    def _quote(part: str) -> str:
        return "'" + part.replace("'", "'\\''") + "'"

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", self.session, key)
            time.sleep(pause)

    def type(self, text: str, pause: float = 0.5) -> None:
        self._tmux("send-keys", "-t", self.session, "-l", text)
        time.sleep(pause)

    def screen(self) -> list[str]:
        return self._tmux("capture-pane", "-p", "-t", self.session).split("\n")

    def wait_for(self, predicate: object, timeout: float = 20.0) -> list[str]:
        """Poll the screen until ``predicate(lines)`` holds and the screen is stable."""
        deadline = time.monotonic() + timeout
        previous: list[str] = []
        while time.monotonic() < deadline:
            lines = self.screen()
            if lines == previous and predicate(lines):  # type: ignore[operator]
                return lines
            previous = lines
            time.sleep(0.4)
        raise AssertionError("screen never matched:\n" + "\n".join(self.screen()))

    def set_option(self, name: str, value: str) -> None:
        self._tmux("set-option", "-g", name, value)

    def buffer(self) -> str:
        """tmux's paste buffer (what an application's OSC 52 copy put there)."""
        return self._tmux("show-buffer", check=False)

    def pane_title(self) -> str:
        """The title programs set with ``ESC ] 0 ; ... BEL`` (tmux's ``#{pane_title}``)."""
        return self._tmux("display-message", "-p", "-t", self.session, "#{pane_title}").strip()

    def kill_session(self) -> None:
        """As when the terminal window closes: tmux hangs up the session's terminals."""
        self._tmux("kill-session", "-t", self.session)

    def close(self) -> None:
        if self.socket:
            self._tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is required for the terminal tests (.ci/run installs it)")
    env = {
        "HAMISH_DATA_DIR": str(tmp_path / "data"),
        "HAMISH_CONFIG": str(tmp_path / "config.toml"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT / "src"),
    }
    term = Terminal(env)
    try:
        yield term
    finally:
        term.close()
