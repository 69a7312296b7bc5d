"""The binding ids a user can remap in ``config.toml``'s ``[keymap]`` table.

Collected from every hamish widget, screen and app class there is, so the config can be
checked against the bindings that exist (an unknown id is reported, not silently ignored) and
a new widget's keys are remappable without being listed anywhere.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping

from textual.binding import Binding
from textual.dom import DOMNode

import hamish.ui


def _hamish_classes(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for subclass in cls.__subclasses__():
        if subclass.__module__.startswith("hamish."):
            yield subclass
        yield from _hamish_classes(subclass)


def _import_every_ui_module() -> None:
    """The app imports screens and dialogs when they are first shown; their keys are
    remappable before that."""
    for module in pkgutil.walk_packages(hamish.ui.__path__, prefix="hamish.ui."):
        importlib.import_module(module.name)


def binding_ids() -> set[str]:
    """Every binding id declared by a hamish class."""
    _import_every_ui_module()
    ids: set[str] = set()
    for cls in _hamish_classes(DOMNode):
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


def keymap_problems(keymap: Mapping[str, str], known: set[str], config_name: str) -> list[str]:
    return [
        f"{config_name}: keymap: no binding is called {binding_id!r}"
        for binding_id in keymap
        if binding_id not in known
    ]
