"""WCAG contrast and the reader's derived colours, without Textual: the rules hold for any
colours and any view, here a coarse palette standing in for a 256-colour terminal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.annotations.model import Color
from hamish.core.contrast import (
    AA,
    APART,
    BLACK,
    WHITE,
    Rgb,
    apart,
    contrast,
    luminance,
    marked,
    mix,
    parse_hex,
    readable,
    worst_contrast,
)
from hamish.core.palette import HIGHLIGHT_SHARE, ThemeColors, reader_palette


def coarse(colour: Rgb) -> Rgb:
    """Six levels a channel, as the 256-colour cube has (not at the same places)."""
    red, green, blue = (min(255, round(channel / 51) * 51) for channel in colour)
    return (red, green, blue)


def same(colour: Rgb) -> Rgb:
    return colour


VIEWS = (same, coarse)
colours = st.tuples(*[st.integers(0, 255)] * 3)


def test_the_wcag_reference_values() -> None:
    assert luminance(BLACK) == 0 and luminance(WHITE) == pytest.approx(1)
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast(WHITE, BLACK) == contrast(BLACK, WHITE)
    # #767676 is the lightest grey that passes AA on white; #777777 just fails.
    assert contrast(parse_hex("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast(parse_hex("#777777"), WHITE) < AA
    # The heading: textual-dark's secondary colour on its background.
    assert contrast(parse_hex("#004578"), parse_hex("#121212")) == pytest.approx(1.9, abs=0.05)


def test_mix_and_apart() -> None:
    assert mix(BLACK, WHITE, 0) == BLACK and mix(BLACK, WHITE, 1) == WHITE
    assert mix((0, 100, 200), (100, 100, 0), 0.5) == (50, 100, 100)
    assert apart((10, 10, 10), (12, 12, 12), (same,)) == 2
    assert apart((10, 10, 10), (12, 12, 12), VIEWS) == 0  # one colour once coarsened


@settings(max_examples=300, deadline=None)
@given(text=colours, background=colours)
def test_readable_text_reads_and_text_that_reads_is_kept(text: Rgb, background: Rgb) -> None:
    found = readable(text, background, VIEWS)
    if max(worst_contrast(e, background, VIEWS) for e in (BLACK, WHITE)) < AA:
        return  # neither black nor white reads here in every view: nothing can
    assert worst_contrast(found, background, VIEWS) >= AA
    if worst_contrast(text, background, VIEWS) >= AA:
        assert found == text  # a colour that reads is kept as the theme gave it


@settings(max_examples=300, deadline=None)
@given(page=colours, text=colours, ink=colours, share=st.floats(0, 1))
def test_marked_text_always_reads_on_its_tint(page: Rgb, text: Rgb, ink: Rgb, share: float) -> None:
    found = marked(page, text, ink, share, VIEWS)
    assert worst_contrast(found.text, found.background, VIEWS) >= AA


def _chroma(colour: Rgb) -> int:
    return max(colour) - min(colour)


@settings(max_examples=200, deadline=None)
@given(
    page=st.one_of(st.tuples(*[st.integers(0, 60)] * 3), st.tuples(*[st.integers(200, 255)] * 3)),
    inks=st.lists(colours, min_size=1, max_size=5),
)
def test_tints_on_a_dark_or_light_page_stay_apart(page: Rgb, inks: list[Rgb]) -> None:
    """From the page and from the tints before them, in every view."""
    text = readable(WHITE if luminance(page) < 0.2 else BLACK, page, VIEWS)
    tints: list[Rgb] = []
    for ink in inks:
        found = marked(page, text, ink, HIGHLIGHT_SHARE, VIEWS, avoid=tints)
        assert worst_contrast(found.text, found.background, VIEWS) >= AA
        legible = max(worst_contrast(e, ink, VIEWS) for e in (BLACK, WHITE)) >= AA
        # A coloured ink must stay coloured in every view (a 256-colour terminal may round it
        # to a grey: (27, 27, 57) on black is such an ink).
        stays_coloured = _chroma(ink) < APART or all(_chroma(view(ink)) >= APART for view in VIEWS)
        if (
            legible
            and stays_coloured
            and all(apart(ink, other, VIEWS) >= APART for other in (page, *tints))
        ):
            # the ink itself would do, so a tint on the way to it was found
            assert all(apart(found.background, other, VIEWS) >= APART for other in (page, *tints))
        tints.append(found.background)


@pytest.mark.parametrize(
    "theme",
    [
        # background, foreground, accent, secondary, warning of textual-dark and textual-light
        ThemeColors(*map(parse_hex, ["#121212", "#e0e0e0", "#ffa62b", "#004578", "#ffa62b"])),
        ThemeColors(*map(parse_hex, ["#e0e0e0", "#1f1f1f", "#ffa62b", "#0178d4", "#ffa62b"])),
    ],
    ids=["dark", "light"],
)
def test_the_reader_palette_reads_and_keeps_the_theme_where_it_can(theme: ThemeColors) -> None:
    palette = reader_palette(theme, VIEWS)
    tints = palette.marks
    page = theme.background
    for colour in (palette.title, palette.heading, palette.muted):
        assert worst_contrast(colour, page, VIEWS) >= AA
    marks = [*tints.highlights.values(), tints.selection, tints.match, tints.current_match]
    assert set(tints.highlights) == set(Color)  # one highlight per row of the colour table
    for index, found in enumerate(marks):
        assert worst_contrast(found.text, found.background, VIEWS) >= AA
        for other in [page, *(m.background for m in marks[:index])]:
            assert apart(found.background, other, VIEWS) >= APART
    # A highlight is the page tinted toward its ink: on a dark page darker than the ink, on a
    # light one lighter.
    for color, found in tints.highlights.items():
        ink = parse_hex(color.ink)
        if luminance(page) < 0.2:
            assert luminance(found.background) < luminance(ink)
        else:
            assert luminance(found.background) > luminance(ink)
