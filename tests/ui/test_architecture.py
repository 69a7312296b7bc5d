"""How the UI layer is put together: imports flow one way, and no background work can end
the app (a failure is said in one line instead)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "src" / "hamish" / "ui"


def _module_name(path: Path) -> str:
    relative = path.relative_to(UI.parent.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> set[str]:
    """Modules imported when the code runs (``if TYPE_CHECKING:`` blocks left out), including
    imports inside functions: those run too, only later."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _ui_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in UI.rglob("*.py")}
    return {
        name: _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))) & modules.keys()
        for name, path in modules.items()
    }


def test_no_import_circle_under_ui() -> None:
    graph = _ui_graph()
    visiting: list[str] = []
    done: set[str] = set()

    def walk(name: str) -> None:
        if name in done:
            return
        assert name not in visiting, "import circle: " + " -> ".join([*visiting, name])
        visiting.append(name)
        for imported in sorted(graph[name]):
            walk(imported)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        walk(name)


def _worker_calls(tree: ast.AST) -> list[ast.Call]:
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("run_worker", "work"):
                calls.append(node)
    return calls


def test_every_worker_reports_its_failure_instead_of_ending_the_app() -> None:
    checked = 0
    for path in UI.rglob("*.py"):
        for call in _worker_calls(ast.parse(path.read_text(encoding="utf-8"))):
            keywords = {k.arg: k.value for k in call.keywords}
            value = keywords.get("exit_on_error")
            assert isinstance(value, ast.Constant) and value.value is False, (
                f"{path.name}:{call.lineno}: a worker without exit_on_error=False"
            )
            checked += 1
    assert checked >= 5  # the search above really found the app's workers


def test_every_message_hamish_shows_is_plain_text() -> None:
    """Messages carry file names, titles and queries: none may be read as markup."""
    checked = 0
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            target = node.func
            if target.attr in ("call_from_thread", "call_later") and node.args:
                first = node.args[0]
                if not (isinstance(first, ast.Attribute) and first.attr == "notify"):
                    continue
            elif target.attr != "notify" or not node.args or isinstance(target.value, ast.Call):
                continue  # not a message: Condition.notify(), or the app's own super().notify
            markup = {k.arg: k.value for k in node.keywords}.get("markup")
            assert isinstance(markup, ast.Constant) and markup.value is False, (
                f"{path.name}:{node.lineno}: a message without markup=False"
            )
            checked += 1
    assert checked >= 20


def _loaded(imports: list[str], watched: set[str]) -> str:
    """Which of ``watched`` (modules, or top-level packages) a fresh interpreter has loaded
    after importing ``imports``, comma-separated."""
    script = (
        "import importlib, sys\n"
        f"for name in {imports!r}:\n"
        "    importlib.import_module(name)\n"
        f"watched = {sorted(watched)!r}\n"
        "found = sorted(m for m in sys.modules if m in watched or m.split('.')[0] in watched)\n"
        "print(','.join(found))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_the_app_starts_without_the_http_client() -> None:
    """httpx and feedparser are imported when a page or a feed is fetched, not at start-up:
    every UI module (the fetch dialog and the Feeds section included) and the CLI load
    without them."""
    modules = [*sorted(_ui_graph()), "hamish.cli"]
    assert "hamish.ui.web" in modules and "hamish.ui.widgets.feeds_section" in modules
    leaked = _loaded(modules, {"httpx", "feedparser"})
    assert leaked == "", f"imported at start-up: {leaked}"


def test_an_articles_first_screen_loads_nothing_of_the_store_but_its_errors() -> None:
    """``hamish FILE`` opens the store after the first screen (``ui.store_opening``): what
    that screen imports leaves out the repository, TinyDB, the file writing under it and the
    annotation model (the screen needs only the colour table). Speed is the benchmark's to
    measure; this keeps the modules from creeping back."""
    store = {
        "tinydb",
        "hashlib",
        "hamish.core.store.repository",
        "hamish.core.store.storage",
        "hamish.core.atomic_file",
        "hamish.core.annotations.model",
    }
    leaked = _loaded(["hamish.cli", "hamish.ui.launch", "hamish.ui.app"], store)
    assert leaked == "", f"imported before the first screen: {leaked}"
