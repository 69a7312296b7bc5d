"""``python -m hamish.bench startup``: how long hamish makes people wait before anything.

Prints, in one run:

* time to first screen: from starting the process to the article's first rows reaching a
  terminal (a pseudo-terminal of 100×32, read by this process), for ``hamish ARTICLE`` and for
  a minimal Textual app that shows the same file in a ``Static``, run alternately, medians;
  goal: hamish ≤ 1.25× the minimal app;
* ``hamish --version`` against ``python -c pass``, alternately, medians; goal ≤ 5×. It stands for
  every scripted command's start (none of them imports Textual or Rich: a test checks it).

Both apps run as installed (bytecode cached, run once before timing) with a fresh data folder.
The first rows have arrived when the terminal has received the sample's marker, a word of its
third line that either app prints as it stands ("GMT").
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from hamish.core.paths import bundled_articles_dir

SAMPLE = "000_ba9713e08e0d77df.txt"
MARKER = b"GMT"
SIZE = (100, 32)
FIRST_SCREEN_GOAL = 1.25
VERSION_GOAL = 5.0
TIMEOUT = 20.0
MINIMAL_APP = Path(__file__).with_name("minimal_app.py")


def _environment(data: Path) -> dict[str, str]:
    environment = {
        key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
    }
    environment.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        HAMISH_DATA_DIR=str(data / "data"),
        HAMISH_CONFIG=str(data / "config.toml"),
    )
    return environment


def hamish_command() -> list[str]:
    """``hamish`` as installed beside this Python (``python -m hamish`` if it is not)."""
    script = Path(sys.executable).with_name("hamish")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hamish"]


def first_rows(argv: list[str], environment: dict[str, str]) -> float:
    """Seconds from starting ``argv`` on a terminal to ``MARKER`` reaching it; then end it."""
    primary, secondary = pty.openpty()
    columns, rows = SIZE
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=environment,
        start_new_session=True,
    )
    os.close(secondary)
    received = b""
    seen: float | None = None
    try:
        while seen is None and time.perf_counter() - started < TIMEOUT:
            if select.select([primary], [], [], 0.5)[0]:
                try:
                    received += os.read(primary, 65536)
                except OSError:
                    break
                if MARKER in received:
                    seen = time.perf_counter() - started
    finally:
        _end(process, primary)
    if seen is None:
        raise RuntimeError(f"{' '.join(argv)} never showed {MARKER!r}: {received[-500:]!r}")
    return seen


def _end(process: subprocess.Popen[bytes], primary: int) -> None:
    """SIGTERM (hamish leaves as when its terminal closes), reading its output meanwhile."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    while process.poll() is None and time.monotonic() < deadline:
        if select.select([primary], [], [], 0.05)[0]:
            try:
                os.read(primary, 65536)
            except OSError:
                break
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    os.close(primary)


def alternate(measures: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Each measure once (not counted: bytecode, a new store), then ``runs`` rounds of all."""
    for measure in measures.values():
        measure()
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            times[name].append(measure())
    return times


def wall_time(argv: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, env=environment, check=True)
    return time.perf_counter() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f} ms"


def _verdict(ratio: float, goal: float) -> str:
    return f"ratio {ratio:.2f} (goal <= {goal:g}: {'met' if ratio <= goal else 'MISSED'})"


def compare(title: str, measures: dict[str, Callable[[], float]], runs: int, goal: float) -> float:
    """Median times of alternating runs of two measures; the first's over the second's."""
    times = {label: statistics.median(runs_) for label, runs_ in alternate(measures, runs).items()}
    print(f"{title} (median of {runs})")
    for label, seconds in times.items():
        print(f"  {label:32}{_ms(seconds)}")
    first, second = times.values()
    ratio = first / second
    print(f"  {_verdict(ratio, goal)}")
    return ratio


def bench_first_screen(article: Path, environment: dict[str, str], runs: int) -> float:
    minimal = [sys.executable, str(MINIMAL_APP), str(article)]
    hamish = [*hamish_command(), str(article)]
    return compare(
        f"time to first screen ({article.name}, {SIZE[0]}x{SIZE[1]})",
        {
            "hamish": lambda: first_rows(hamish, environment),
            "minimal Textual app (Static)": lambda: first_rows(minimal, environment),
        },
        runs,
        FIRST_SCREEN_GOAL,
    )


def bench_version(environment: dict[str, str], runs: int) -> float:
    version = [*hamish_command(), "--version"]
    bare = [sys.executable, "-c", "pass"]
    return compare(
        "start of a command",
        {
            "hamish --version": lambda: wall_time(version, environment),
            "python -c pass": lambda: wall_time(bare, environment),
        },
        runs,
        VERSION_GOAL,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hamish.bench startup", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=21, help="rounds of alternating runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hamish-bench-") as folder:
        environment = _environment(Path(folder))
        bench_first_screen(bundled_articles_dir() / SAMPLE, environment, args.runs)
        bench_version(environment, max(args.runs, 21))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
