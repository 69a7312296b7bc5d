"""Benchmarks: `python -m hamish.bench <name>` prints measured figures (never run in CI)."""
