"""Issue 11 item 10: on every built-in Textual theme, every colour the reader draws text in
reaches WCAG AA (4.5:1), as the terminal receives it: in truecolor, and in the 256 colours Rich
downgrades to when the terminal does not announce truecolor. Highlights also stay apart from the
page and from each other, so that none vanishes or passes for another.

The styles are read from the running app exactly as ``ReaderView`` paints a glyph (its own style
plus the component's), for each theme in turn; ANSI colours are resolved in the palette Textual
assumes for the terminal.
"""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.theme import BUILTIN_THEMES

from hamish.core.annotations.model import Color
from hamish.core.contrast import AA, APART, Rgb, contrast
from hamish.core.store import Store
from hamish.ui.widgets.annotations_pane import AnnotationsPane
from tests.ui.conftest import make_app, sample, store_highlight

TEXT = ["title", "heading", "meta", "quote", "text"]
HIGHLIGHTS = [f"hl-{color}" for color in Color]
MARKS = [*HIGHLIGHTS, "selection", "match", "match-current"]
SYSTEMS = (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT)


def shown(
    color: RichColor | None, system: ColorSystem, terminal: TerminalTheme, *, fg: bool
) -> Rgb:
    """The colour a terminal of ``system`` shows for ``color`` (None: its default)."""
    sent = (color or RichColor.default()).downgrade(system)
    triplet = sent.get_truecolor(terminal, foreground=fg)
    return (triplet.red, triplet.green, triplet.blue)


def ratios(style: Style, terminal: TerminalTheme) -> list[float]:
    return [
        contrast(
            shown(style.color, system, terminal, fg=True),
            shown(style.bgcolor, system, terminal, fg=False),
        )
        for system in SYSTEMS
    ]


def apart(first: RichColor | None, second: RichColor | None, terminal: TerminalTheme) -> int:
    return min(
        max(
            abs(a - b)
            for a, b in zip(
                shown(first, system, terminal, fg=False),
                shown(second, system, terminal, fg=False),
                strict=True,
            )
        )
        for system in SYSTEMS
    )


async def test_every_reading_colour_reaches_aa_on_every_builtin_theme() -> None:
    app = make_app(sample())
    too_faint: list[str] = []
    unseen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.pane.view
        for theme in BUILTIN_THEMES:
            app.theme = theme
            await pilot.pause()
            terminal = app.ansi_theme
            base = view.rich_style
            for name in TEXT + MARKS:
                style = base + view.reading_style(name)
                for system, ratio in zip(SYSTEMS, ratios(style, terminal), strict=True):
                    if ratio < AA:
                        too_faint.append(f"{theme} {name} {system.name}: {ratio:.2f}")
            tints = [view.reading_style(name).bgcolor for name in MARKS]
            for index, tint in enumerate(tints):
                for other in [base.bgcolor, *tints[:index]]:
                    if apart(tint, other, terminal) < APART:
                        unseen.append(f"{theme} {MARKS[index]} is not apart from {other}")
    assert too_faint == []
    assert unseen == []
    assert len(BUILTIN_THEMES) >= 20  # every theme Textual ships, ANSI ones included


async def test_the_issue_s_combinations_are_fixed() -> None:
    """textual-light's highlights were dark on dark, nord's blue highlight was the page colour in
    256 colours, and textual-dark's headings were #004578 on #121212 (1.9:1)."""
    app = make_app(sample())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.pane.view
        app.theme = "textual-light"
        await pilot.pause()
        for name in HIGHLIGHTS:
            style = view.rich_style + view.reading_style(name)
            assert min(ratios(style, app.ansi_theme)) >= AA, name
        app.theme = "nord"
        await pilot.pause()
        blue = view.reading_style("hl-blue").bgcolor
        page = view.rich_style.bgcolor
        assert blue is not None and page is not None
        eight_bit = ColorSystem.EIGHT_BIT
        assert blue.downgrade(eight_bit).number != page.downgrade(eight_bit).number
        app.theme = "textual-dark"
        await pilot.pause()
        heading = view.rich_style + view.reading_style("heading")
        assert min(ratios(heading, app.ansi_theme)) >= AA


async def test_swatches_take_the_new_theme_s_highlight_colours(store: Store) -> None:
    article = sample()
    store_highlight(store, article, "اختراق نوعي", color=Color.GREEN)
    app = make_app(article, store=store)
    async with app.run_test(size=(120, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press("n")
        await pilot.pause()
        notes = pane.query_one(AnnotationsPane)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            green = pane.view.reading_style("hl-green")
            swatch = notes.swatch(Color.GREEN)
            assert (swatch.color, swatch.bgcolor) == (green.color, green.bgcolor)
            drawn = [
                segment.style
                for strip in app.screen._compositor.render_strips()
                for segment in strip
                if segment.text == " green "
            ]
            assert drawn and all(s is not None and s.bgcolor == green.bgcolor for s in drawn)
