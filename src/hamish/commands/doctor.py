"""``hamish doctor [--restore [--force]] [--recover FILE [--yes]]``: the store's health, and the
ways back from damage.

Reads only, unless ``--restore`` or ``--recover`` is given. ``--restore`` moves a damaged file
aside (never deleting it) and puts the backup back. ``--recover`` applies a recovery file the
app wrote when it could not save; since such a file can delete and rewrite notes, it first
lists what it would change, and asks before anything stored is lost. Exit status: 0 healthy
or repaired, 1 a problem remains, 2 the repair was refused or failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hamish.commands.common import (
    EXIT_NOTHING,
    EXIT_OK,
    CommandError,
    command_parser,
    count,
    open_store,
    read_input,
)
from hamish.commands.output import Display, add_order_options, clipped, plain
from hamish.core import paths
from hamish.core.annotations.model import Annotation
from hamish.core.changes import (
    Change,
    RecoveryFormatError,
    RecoveryPlan,
    apply_changes,
    plan_recovery,
    recovery_from_text,
)
from hamish.core.store import FileState
from hamish.core.store.doctor import DoctorReport, diagnose, restore_backup

RECOVERY_PATTERN = "hamish-unsaved-*.json"
QUOTE_SHOWN = 60


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "doctor",
        "Check the annotation database and its backup; with --restore, put the backup back "
        "in place of a damaged database (the damaged file is kept beside it); with --recover, "
        "apply the changes the app saved to a recovery file when it could not save them.",
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
    parser.add_argument(
        "--recover",
        metavar="FILE",
        help="apply a hamish-unsaved-*.json recovery file, after listing what it changes",
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="with --recover: apply without asking, even what deletes or rewrites annotations",
    )
    add_order_options(parser)
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


def _recovery_line(path: Path) -> str:
    """What a recovery file holds: the one that parses is named with the way to apply it; an
    empty or damaged one (a save that failed on a full disk) is said to hold nothing."""
    try:
        changes = recovery_from_text(read_input(str(path)))
    except (CommandError, RecoveryFormatError) as problem:
        reason = str(problem).removeprefix(f"{path}: ")
        return f"not a usable recovery file: {path} {reason}; it holds nothing to apply"
    return (
        f"unsaved changes: {path} holds {count(len(changes), 'change')} hamish could not "
        f"save; `hamish doctor --recover {path}` applies them"
    )


def _report_lines(report: DoctorReport) -> list[str]:
    lines = [report.summary]
    if report.linked_from is not None:
        lines.append(f"  link: {report.linked_from} -> {report.path}")
    database, backup = report.database, report.backup
    lines += [f"  database: {report.path}", f"  state: {database.state.value}"]
    if database.problem and database.state is not FileState.MISSING:
        lines.append(f"  problem: {database.problem}")
    if database.state is FileState.OK:
        counts = (
            f"  {count(database.articles, 'article')}, "
            f"{count(database.annotations, 'annotation')}, "
            f"schema version {database.schema_version}"
        )
        if database.unreadable_annotations:
            counts += f", {database.unreadable_annotations} unreadable (kept in the file)"
        if database.invalid_text:
            counts += f", {database.invalid_text} with invalid text"
        lines.append(counts)
    about_backup = f"  backup: {report.backup_path} ({backup.state.value}"
    if backup.usable:
        about_backup += f", {count(backup.annotations, 'annotation')}"
    elif backup.state is not FileState.MISSING:
        about_backup += f": {backup.problem}"
    lines.append(about_backup + ")")
    return lines + _surroundings(report)


def _surroundings(report: DoctorReport) -> list[str]:
    lines = []
    if report.lock_holder is not None:
        pid = f" (pid {report.lock_holder.pid})" if report.lock_holder.pid else ""
        lines.append(
            f"  lock: held by another hamish{pid}: it is saving, or stopped while saving; "
            "other hamish processes wait for it, then give up"
        )
    if report.unwritable is not None:
        lines.append(
            f"  folder: {report.path.parent} cannot be written ({report.unwritable}): "
            "hamish shows your notes but cannot save"
        )
    if report.leftovers:
        lines.append(
            f"  leftovers: {count(len(report.leftovers), 'temporary file')} of an interrupted "
            "save; the next save removes them"
        )
    for kept in report.kept_copies:
        lines.append(f"  kept copy: {kept} (a damaged file moved aside, or a pre-upgrade copy)")
    return lines


def _print_report(report: DoctorReport) -> None:
    for line in _report_lines(report):
        print(plain(line))


def _restore(report: DoctorReport, force: bool) -> DoctorReport:
    database = report.path
    if report.healthy and not force:
        print("nothing to restore: the database is healthy (--force restores anyway)")
        return report
    aside = restore_backup(database, force=force)
    if aside == database:
        print(plain(f"restored {report.backup_path} as {database}"))
    else:
        print(plain(f"restored {report.backup_path}; the damaged file is now {aside}"))
    report = diagnose(database)
    _print_report(report)
    return report


def _annotation_line(annotation: Annotation, display: Display) -> str:
    line = "    " + display.inline(clipped(annotation.quote, QUOTE_SHOWN))
    if annotation.note:
        line += " — note: " + display.inline(clipped(annotation.note, QUOTE_SHOWN))
    return line


def _plan_lines(
    name: str, changes: list[Change], plan: RecoveryPlan, display: Display
) -> list[str]:
    lines = [plain(f"{name} holds {count(len(changes), 'change')} hamish could not save:")]
    if plan.added:
        lines.append(f"  add {count(len(plan.added), 'annotation')}")
    if plan.replaced:
        rewritten = count(len(plan.replaced), "annotation")
        lines.append(f"  rewrite {rewritten} (as stored, then as the file has it):")
        for stored, replacement in plan.replaced:
            lines += [_annotation_line(stored, display), _annotation_line(replacement, display)]
    if plan.deleted:
        lines.append(f"  delete {count(len(plan.deleted), 'annotation')}:")
        lines += [_annotation_line(annotation, display) for annotation in plan.deleted]
    if plan.articles:
        lines.append(f"  update articles or reading positions ({count(plan.articles, 'change')})")
    return lines


def _confirmed(name: str, plan: RecoveryPlan, yes: bool) -> bool:
    if yes or not plan.loses_anything:
        return True
    if not sys.stdin.isatty():
        raise CommandError(
            f"{name}: applying it would delete or rewrite annotations you have now; nothing "
            "was changed; run again with --yes to apply it"
        )
    answer = input("Apply these changes? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _recover(name: str, yes: bool, display: Display) -> None:
    try:
        changes = recovery_from_text(read_input(name))
    except RecoveryFormatError as error:
        raise CommandError(f"{name}: {error}") from None
    with open_store() as store:
        plan = plan_recovery(store, changes)
        for line in _plan_lines(name, changes, plan, display):
            print(line)
        if not _confirmed(name, plan, yes):
            print("nothing was changed")
            return
        applied = apply_changes(store, changes)
    print(plain(f"applied {applied.applied} of {count(len(changes), 'change')} from {name}"))
    for reason in applied.skipped:
        print(f"  skipped: {plain(reason)}")


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.force and not args.restore:
        parser.error("--force only makes sense with --restore")
    if args.yes and not args.recover:
        parser.error("--yes only makes sense with --recover")
    if args.recover and args.restore:
        parser.error("give --restore or --recover, not both")
    if args.recover:
        _recover(args.recover, args.yes, Display.for_stream(sys.stdout, args.order))
        return EXIT_OK
    report = diagnose(paths.database_path())
    _print_report(report)
    if args.restore:
        report = _restore(report, args.force)
    for recovery in recovery_files():
        print(plain(_recovery_line(recovery)))
    return EXIT_OK if report.healthy else EXIT_NOTHING
