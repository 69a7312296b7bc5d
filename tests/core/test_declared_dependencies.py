"""What hamish imports is declared, and what is declared is pinned by the lock.

A package that only arrives through someone else's extra is not a dependency hamish can rely
on: trafilatura's justext asks for ``lxml[html_clean]``, an older pip resolves that extra to
nothing, and every HTML article then failed to open with an ImportError.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
APP = {canonicalize_name(Requirement(line).name) for line in PROJECT["dependencies"]}
TESTS = {canonicalize_name(Requirement(line).name) for line in PROJECT["optional-dependencies"]["test"]}  # fmt: skip  # noqa: E501
LOCK = ROOT / "constraints.txt"


def imported_distributions(folder: Path) -> dict[str, set[str]]:
    """Distribution -> the files under ``folder`` that import one of its modules."""
    owners = metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("hamish", "tests"):
                    continue
                for distribution in owners.get(top, [top]):
                    found.setdefault(canonicalize_name(distribution), set()).add(path.name)
    return found


def test_everything_hamish_imports_is_declared() -> None:
    undeclared = {
        name: files for name, files in imported_distributions(ROOT / "src").items()
        if name not in APP
    }  # fmt: skip
    assert not undeclared


def test_everything_the_tests_import_is_declared() -> None:
    undeclared = {
        name: files for name, files in imported_distributions(ROOT / "tests").items()
        if name not in APP | TESTS
    }  # fmt: skip
    assert not undeclared


def _requirements(distribution: str) -> list[Requirement]:
    return [Requirement(line) for line in metadata.requires(distribution) or ()]


def test_nothing_hamish_needs_comes_only_through_an_extra() -> None:
    """Walk the installed dependencies of the app; where one asks for ``package[extra]``, what
    that extra brings must be a direct dependency of hamish."""
    seen: set[str] = set()
    queue = sorted(APP)
    through_extras: dict[str, str] = {}
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        for requirement in _requirements(name):
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            wanted = canonicalize_name(requirement.name)
            queue.append(wanted)
            for extra in requirement.extras:
                for brought in _requirements(wanted):
                    marker = brought.marker
                    if marker is not None and marker.evaluate({"extra": extra}):
                        through_extras[canonicalize_name(brought.name)] = f"{name}: {requirement}"
    assert {name: why for name, why in through_extras.items() if name not in APP} == {}


def pins() -> dict[str, str]:
    lines = LOCK.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("==") for line in lines if line and not line.startswith("#"))
    return {canonicalize_name(name): version for name, version in pairs}


def test_the_lock_pins_every_dependency_and_is_what_is_installed() -> None:
    pinned = pins()
    assert not (APP | TESTS) - set(pinned), "run `make lock` after changing dependencies"
    installed = {name: metadata.version(name) for name in APP | TESTS}
    assert {name: version for name, version in installed.items() if pinned[name] != version} == {}
