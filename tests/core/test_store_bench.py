"""The store benchmark runs end to end on tiny sizes (its timings are not checked here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hamish.bench import store as store_bench


def test_bench_prints_a_row_per_size_and_cleans_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--sizes", "40,80", "--adds", "3", "--articles", "8", "--runs", "1"]
    assert store_bench.main([*argv, "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines()]
    sizes = [row[0] for row in rows if row and row[0].isdigit()]
    assert sizes == ["40", "80"]
    assert all(len(row) == 8 for row in rows if row and row[0].isdigit())
    assert "at 80 annotations over 8 articles (the goals are for 100,000 over 1,000):" in out
    for name, goal in store_bench.GOALS.items():  # each figure beside its goal
        line = next(line for line in out.splitlines() if store_bench.GOAL_NAMES[name] in line)
        assert f"goal <= {goal * 1000:.0f} ms: " in line
    assert list(tmp_path.iterdir()) == []


def test_bench_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hamish.bench.store",
            "--sizes",
            "20",
            "--adds",
            "2",
            "--articles",
            "4",
            "--runs",
            "1",
            "--dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert any(line.split()[:1] == ["20"] for line in result.stdout.splitlines())
