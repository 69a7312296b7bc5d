"""The start-up and key benchmarks run end to end on small inputs (their figures are not
checked here: speed is measured by ``python -m hamish.bench``, never by tests)."""

from __future__ import annotations

import pytest

from hamish.bench import keys, startup


def test_startup_bench_compares_hamish_with_the_minimal_app(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert startup.main(["--runs", "1"]) == 0
    output = capsys.readouterr().out
    assert "hamish " in output and "minimal Textual app (Static)" in output
    assert "goal <= 1.25" in output and "goal <= 5" in output
    assert "hamish --version" in output and "python -c pass" in output


def test_keys_bench_reports_search_keys_first_seconds_and_memory(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert keys.main(["--size-mb", "0.3", "--presses", "1"]) == 0
    output = capsys.readouterr().out
    for key in keys.SEARCH_KEYS:
        assert f"  {key} " in output
    assert "goal <= 1.5" in output
    assert "goal <= 50 ms" in output
    assert "G pressed at once: at the end of the whole article once it is read: yes" in output
    assert "peak memory" in output
