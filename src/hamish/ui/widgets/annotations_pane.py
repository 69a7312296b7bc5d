"""The annotations pane: every annotation of the article in document order, orphans apart.

Quotes and notes are drawn by the layout engine (bidi_text), so an Arabic note reads right to
left here as in the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.theme import Theme
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from hamish.core.annotations.model import Anchored, Color
from hamish.core.article import percent_through
from hamish.ui.render import bidi_text
from hamish.ui.theme_colors import reading_styles


def entry_text(placed: Anchored, width: int, article_length: int, swatch: Style) -> Text:
    annotation = placed.annotation
    head = Text(no_wrap=True, end="")
    head.append(f" {annotation.color.value} ", style=swatch + Style(bold=True))
    if not placed.orphaned and article_length:
        head.append(f"  {percent_through(placed.start, article_length)}%", style="dim")
    lines = [head]
    lines.append(bidi_text(" ".join(annotation.quote.split()), width, max_lines=3, style="italic"))
    if annotation.note.strip():
        lines.append(bidi_text(annotation.note.strip(), width, max_lines=4))
    if annotation.tags:
        tags = "  ".join(f"#{tag}" for tag in annotation.tags)
        lines.append(bidi_text(tags, width, max_lines=2, style="bold"))
    return Text("\n", end="").join(lines)


class AnnotationsPane(Vertical):
    DEFAULT_CSS = """
    AnnotationsPane { width: 42%; min-width: 32; max-width: 72; border-left: vkey $primary; }
    AnnotationsPane > #annotations-heading { padding: 0 1; text-style: bold; color: $hamish-title; }
    AnnotationsPane > OptionList { height: 1fr; border: none; }
    AnnotationsPane > OptionList > .option-list--option { padding: 0 1 1 1; }
    """

    @dataclass
    class Jump(Message):
        pane: AnnotationsPane
        annotation_id: str

        @property
        def control(self) -> AnnotationsPane:
            return self.pane

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.anchored: tuple[Anchored, ...] = ()
        self.article_length = 0
        self._stale = True

    def compose(self) -> ComposeResult:
        yield Static("Annotations", id="annotations-heading")
        yield OptionList(id="annotations-list")

    def show(self, anchored: tuple[Anchored, ...], article_length: int) -> None:
        """Take the article's annotations; they are laid out only while the pane is visible
        (each entry goes through the layout engine, about a millisecond apiece)."""
        self.anchored = anchored
        self.article_length = article_length
        self._stale = True
        if self.display:
            self._rebuild()

    def on_show(self) -> None:
        if self._stale:
            self._rebuild()

    def on_resize(self) -> None:
        if self.display:
            self._rebuild()

    def _rebuild(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.scrollable_content_region.width <= 0:
            return  # not laid out yet: its first resize builds the entries, once
        self._stale = False
        # Option text is pre-laid-out: it must be exactly as wide as an option's content.
        width = max(12, option_list.scrollable_content_region.width - 2)
        styles = reading_styles(
            self.app.get_css_variables(), self.app.ansi_theme
        )  # once, not per entry
        highlighted = option_list.highlighted
        option_list.clear_options()
        placed_ones = [p for p in self.anchored if not p.orphaned]
        orphans = [p for p in self.anchored if p.orphaned]
        heading = f"Annotations ({len(self.anchored)})"
        self.query_one("#annotations-heading", Static).update(heading)
        if not self.anchored:
            option_list.add_option(
                Option("No annotations yet: select text (v, s) and press h or a.", disabled=True)
            )
        for placed in placed_ones:
            swatch = styles[f"hl-{placed.annotation.color}"]
            text = entry_text(placed, width, self.article_length, swatch)
            option_list.add_option(Option(text, id=placed.annotation.id))
        if orphans:
            option_list.add_option(
                Option(Text("Orphaned: not found in this version", style="bold"), disabled=True)
            )
            for placed in orphans:
                swatch = styles[f"hl-{placed.annotation.color}"]
                text = entry_text(placed, width, self.article_length, swatch)
                option_list.add_option(Option(text, id=placed.annotation.id))
        if highlighted is not None and highlighted < option_list.option_count:
            option_list.highlighted = highlighted
        elif self.anchored:  # something to press Enter on from the start
            option_list.highlighted = 0 if placed_ones else 1

    def swatch(self, color: Color) -> Style:
        """How an annotation's colour is shown: as its highlights are in the article."""
        return reading_styles(self.app.get_css_variables(), self.app.ansi_theme)[f"hl-{color}"]

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _restyle(self, theme: Theme) -> None:
        """Draw the swatches again, in the new theme's highlight styles."""
        self.show(self.anchored, self.article_length)

    def select_annotation(self, annotation_id: str) -> None:
        option_list = self.query_one(OptionList)
        try:
            option_list.highlighted = option_list.get_option_index(annotation_id)
        except OptionDoesNotExist:
            return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(self.Jump(self, event.option_id))
