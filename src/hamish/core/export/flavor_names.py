"""The Markdown export's flavours by name (``flavors`` says what each is for and its rules).

Apart from the rules because the ``export_flavor`` setting needs only the names, and every
start of hamish reads the settings.
"""

from __future__ import annotations

from typing import Literal

Flavor = Literal["obsidian", "github", "plain"]
FLAVORS: tuple[Flavor, ...] = ("obsidian", "github", "plain")
DEFAULT_FLAVOR: Flavor = "obsidian"
"""Most people who export highlights as Markdown keep them in an Obsidian vault, and the
Obsidian flavour is also the cleanest CommonMark: GitHub and other renderers show it well,
only with each ``^id`` as a short line of text."""
