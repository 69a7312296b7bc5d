"""The footer of key hints, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds all its keys (and styles each again) whenever the screen says its
bindings changed, and a screen says so several times over while the keys stay the same: as it is
shown, as focus lands, and once more after the next frame. Each rebuild took some 15-20 ms of
the reader's first second, holding up the keys pressed meanwhile.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def _shown(screen: Screen[object]) -> tuple[tuple[object, ...], ...]:
    """What a footer shows of ``screen``'s bindings (what Textual's compose reads)."""
    return tuple(
        (key, binding.action, binding.description, enabled, tooltip, binding.group)
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


class KeyHints(Footer):
    _wanted: tuple[tuple[object, ...], ...] | None = None
    """The bindings the last rebuild was asked for."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        rebuilds = screen.app.app_focus and self.is_attached and screen is self.screen
        if rebuilds:
            wanted = _shown(screen)
            if wanted == self._wanted:
                return  # shown already, or about to be
            self._wanted = wanted
        super().bindings_changed(screen)
