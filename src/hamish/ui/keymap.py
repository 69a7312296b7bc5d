"""The binding ids a user can remap in ``config.toml``'s ``[keymap]`` table.

Collected from the classes that declare bindings, so the config can be checked against the
bindings that exist (an unknown id is reported, not silently ignored).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.dom import DOMNode


def binding_ids(classes: Iterable[type[DOMNode]]) -> set[str]:
    ids: set[str] = set()
    for cls in classes:
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
