"""hamish.core must stay usable without a terminal: it may never import textual or rich."""

import pkgutil
import subprocess
import sys

import hamish.core


def core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(hamish.core.__path__, prefix="hamish.core.")
    )


def test_core_has_modules() -> None:
    assert "hamish.core.article" in core_modules()


def test_core_never_imports_textual_or_rich() -> None:
    modules = core_modules()
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'})\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"hamish.core imported: {result.stdout.strip()}"
