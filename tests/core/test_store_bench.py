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
    assert store_bench.main(["--sizes", "40,80", "--adds", "3", "--dir", str(tmp_path)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    sizes = [row[0] for row in rows if row and row[0].isdigit()]
    assert sizes == ["40", "80"]
    assert all(len(row) == 8 for row in rows if row and row[0].isdigit())
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
            "--dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert any(line.split()[:1] == ["20"] for line in result.stdout.splitlines())
