"""The colour table: every highlight colour, its key and its inks.

Apart from the annotation model because the reader's first screen needs the colours (their
keys are bindings, the default is a setting) and nothing else of it: the model, with its
dataclasses and ``datetime``, loads with the article's session, after that screen.
"""

from __future__ import annotations

from enum import StrEnum


class Color(StrEnum):
    """Highlight colours: this table is the one place a colour is defined.

    The interface makes everything else from it: the key that chooses a colour, each theme's
    highlight style (``ink`` mixed into the theme's background, its text adjusted for contrast:
    see ``hamish.core.palette``) and the swatches. A JSON export names the colour and gives
    ``web``, a pastel meant for dark text on a white page, in its stylesheet.
    """

    key: str
    ink: str
    web: str

    def __new__(cls, value: str, *row: str) -> Color:
        member = str.__new__(cls, value)
        member._value_ = value
        member.key, member.ink, member.web = row
        return member

    #        value      key  ink        web
    YELLOW = "yellow", "1", "#d7b600", "#fff59d"
    GREEN = "green", "2", "#3fae4f", "#a5d6a7"
    BLUE = "blue", "3", "#3d8fd6", "#90caf9"
    PINK = "pink", "4", "#d6509b", "#f48fb1"
    PURPLE = "purple", "5", "#8c5bd6", "#ce93d8"
