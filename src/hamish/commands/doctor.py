"""``hamish doctor [--restore [--force]]``: the store's health, and the way back from damage.

Reads only, unless ``--restore`` is given; even then the damaged file is moved aside, never
deleted (``restore_backup``). Exit status: 0 healthy or repaired, 1 a problem remains, 2 the
repair was refused or failed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hamish.commands.common import EXIT_NOTHING, EXIT_OK, command_parser, count
from hamish.commands.output import plain
from hamish.core import paths
from hamish.core.store import DoctorReport, FileState, diagnose, restore_backup

RECOVERY_PATTERN = "hamish-unsaved-*.json"


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "doctor",
        "Check the annotation database and its backup; with --restore, put the backup back "
        "in place of a damaged database (the damaged file is kept beside it).",
        "Exit status: 0 healthy or restored, 1 a problem remains, 2 an error.",
    )
    parser.add_argument(
        "--restore",
        action="store_true",
        help="replace a damaged or missing database with its backup",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="with --restore: restore even over a readable database (its latest changes are "
        "lost, though the file is kept beside it)",
    )
    return parser


def recovery_files() -> list[Path]:
    """Unsaved changes the app could not write (``changes.write_recovery``): in the data
    directory, or in the home directory where the app falls back to."""
    found: dict[str, Path] = {}
    for folder in (paths.data_dir(), Path.home()):
        try:
            for candidate in sorted(folder.glob(RECOVERY_PATTERN)):
                found.setdefault(str(candidate.resolve()), candidate)
        except OSError:
            continue
    return list(found.values())


def _report_lines(report: DoctorReport) -> list[str]:
    lines = [report.summary, f"  database: {report.path}", f"  state: {report.state.value}"]
    if report.problem:
        lines.append(f"  problem: {report.problem}")
    if report.state is FileState.OK:
        counts = (
            f"  {count(report.articles, 'article')}, "
            f"{count(report.annotations, 'annotation')}, schema version {report.schema_version}"
        )
        if report.unreadable_annotations:
            counts += f", {report.unreadable_annotations} unreadable (kept in the file)"
        if report.invalid_text:
            counts += f", {report.invalid_text} with invalid text"
        lines.append(counts)
    backup = f"  backup: {report.backup_path} ({report.backup_state.value}"
    if report.backup_state is FileState.OK:
        backup += f", {count(report.backup_annotations, 'annotation')}"
    lines.append(backup + ")")
    return lines


def _print_report(report: DoctorReport) -> None:
    for line in _report_lines(report):
        print(plain(line))


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.force and not args.restore:
        parser.error("--force only makes sense with --restore")
    database = paths.database_path()
    report = diagnose(database)
    _print_report(report)
    if args.restore:
        if report.healthy and not args.force:
            print("nothing to restore: the database is healthy (--force restores anyway)")
        else:
            aside = restore_backup(database, force=args.force)
            if aside == database:
                print(plain(f"restored {report.backup_path} as {database}"))
            else:
                print(plain(f"restored {report.backup_path}; the damaged file is now {aside}"))
            report = diagnose(database)
            _print_report(report)
    for recovery in recovery_files():
        print(
            plain(
                f"unsaved changes: {recovery} holds changes hamish could not save; "
                f"`hamish import {recovery}` applies them"
            )
        )
    return EXIT_OK if report.healthy and not report.invalid_text else EXIT_NOTHING
