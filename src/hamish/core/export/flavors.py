"""The Markdown export's targets: what each tool a file is opened in understands.

The three flavours differ only in the rules below; everything else (front matter, order,
quote escaping) is shared. What each rule rests on, from the tools' own documentation:

* **Obsidian** (help.obsidian.md, "Internal links" → "Link to a block in a note"): a ``^id`` at
  the end of a paragraph's line names that paragraph; for a block quote, list or table the id
  goes alone on the line after the block, with a blank line before and after it, and may hold
  only Latin letters, digits and dashes. Obsidian does not render Markdown inside HTML tags
  ("Obsidian Flavored Markdown"), and since 1.6 it sets the direction of every line of a note
  itself (docs.obsidian.md, "Right to left"), so a ``<div dir="rtl">`` only stands between a
  quote and its id. ``#tags`` need a character that is not a digit ("Tags"). Properties
  (help.obsidian.md, "Properties") are the YAML front matter: text, lists (``tags``), and dates
  written ``YYYY-MM-DDTHH:mm:ss``.
* **GitHub** renders raw ``<div dir="rtl">`` (its sanitiser keeps ``dir``) and, like CommonMark,
  parses Markdown again after the blank line that ends the HTML block, so right-to-left quotes,
  notes and titles are wrapped. ``dir="auto"`` would pick the direction from the first strong
  character, exactly what hamish computes (UAX #9 P2-P3), so hamish writes the resolved
  direction instead. A ``^id`` means nothing there, so it stays at the end of the metadata line
  where it is harmless.
* **plain** is CommonMark for any renderer: no HTML, no ids, and notes escaped like quotes, so
  every character renders as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hamish.core.export.flavor_names import DEFAULT_FLAVOR, FLAVORS, Flavor

__all__ = ["DEFAULT_FLAVOR", "FLAVORS", "RULES", "BlockIdPlace", "Flavor", "FlavorRules"]

BlockIdPlace = Literal["own_line", "meta_line", "none"]


@dataclass(frozen=True)
class FlavorRules:
    direction_wrappers: bool
    """Right-to-left title, quotes and notes inside ``<div dir="rtl">``."""
    block_ids: BlockIdPlace
    """``own_line``: alone after the quote (Obsidian's rule for quotes); ``meta_line``: at the
    end of the metadata line; ``none``: no ids."""
    markdown_notes: bool
    """Notes keep their inline Markdown; otherwise they are escaped to render as typed."""


RULES: dict[Flavor, FlavorRules] = {
    "obsidian": FlavorRules(direction_wrappers=False, block_ids="own_line", markdown_notes=True),
    "github": FlavorRules(direction_wrappers=True, block_ids="meta_line", markdown_notes=True),
    "plain": FlavorRules(direction_wrappers=False, block_ids="none", markdown_notes=False),
}
