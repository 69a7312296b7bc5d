"""Arabic letters in their contextual forms, as arabic-reshaper draws them, without it.

A terminal draws each code point alone, so joined Arabic is written with Unicode's presentation
forms (U+FB50–U+FDFF, U+FE70–U+FEFF): each letter's isolated, initial, medial or final shape,
and one glyph for a lam followed by an alef. Each presentation form's decomposition names the
letter it is a form of (``<final> 0628``), so the table of forms is read from ``unicodedata`` on
first use; a letter joins the one after it if it has an initial or medial form, the one before
it if it has a final or medial form.

The rules are arabic-reshaper 3.1's with the settings hamish used it with: harakat kept where
they are, a zero-width joiner joining and then dropped, tatweel drawn, and of its ligatures only
the four lam-alefs. A test holds ``reshape`` to arabic-reshaper's output. Doing it here costs a
fraction of what arabic-reshaper did (it loads configparser and looked six settings up in it for
every word), and it fixes one thing: arabic-reshaper finds lam-alefs by their place in the text
but replaces them by place in its output, which a dropped joiner shortens, so a word with a
joiner before a lam-alef raised IndexError (and broke the reader's layout).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

ISOLATED, INITIAL, MEDIAL, FINAL = range(4)
_AS_IS = -1
"""Not a letter that joins (or a ligature already drawn): kept as it is."""
_KINDS = {"<isolated>": ISOLATED, "<initial>": INITIAL, "<medial>": MEDIAL, "<final>": FINAL}
PRESENTATION_FORMS = (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00))
_SINGLE_LETTER_FORMS = (*range(0xFB50, 0xFC00), *range(0xFE70, 0xFF00))
"""Where in ``PRESENTATION_FORMS`` the forms of one letter are: U+FC00-U+FDFF holds only
ligatures of several, so it is not read at each start (a test checks it stays so)."""
TATWEEL = "\u0640"
ZWJ = "\u200d"
_HARAKAT_RANGES = (
    (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC),
    (0x06DF, 0x06E8), (0x06EA, 0x06ED), (0x08D4, 0x08FF),
)  # fmt: skip
_HARAKAT_CHARS = frozenset(
    chr(c) for first, last in _HARAKAT_RANGES for c in range(first, last + 1)
)
"""The marks arabic-reshaper keeps out of joining and puts back after the letter they follow."""
_LAM = "\u0644"
_LAM_ALEF = re.compile("\u0644[\u0627\u0623\u0625\u0622]")
_LAM_ALEF_FORMS = {
    "\u0627": ("\ufefb", "\ufefc"),
    "\u0623": ("\ufef7", "\ufef8"),
    "\u0625": ("\ufef9", "\ufefa"),
    "\u0622": ("\ufef5", "\ufef6"),
}
"""Lam with each alef: its isolated and final ligature (a lam-alef joins only before it)."""

Forms = tuple[str, str, str, str]


@cache
def letter_forms() -> dict[str, Forms]:
    """Each joining letter's isolated, initial, medial and final forms ("" where it has none)."""
    forms: dict[str, list[str]] = {TATWEEL: [TATWEEL] * 4, ZWJ: [ZWJ] * 4}
    for code in _SINGLE_LETTER_FORMS:
        kind, *letters = unicodedata.decomposition(chr(code)).split() or ("",)
        if kind in _KINDS and len(letters) == 1:
            shapes = forms.setdefault(chr(int(letters[0], 16)), ["", "", "", ""])
            shapes[_KINDS[kind]] = shapes[_KINDS[kind]] or chr(code)
    return {letter: (shape[0], shape[1], shape[2], shape[3]) for letter, shape in forms.items()}


class _Drawn:
    """What is drawn so far, in order: each letter, its form, its index in the text without
    harakat and in the text itself; and the harakat (their indices in the text), by the number
    of the letter they follow."""

    def __init__(self) -> None:
        self.letters: list[str] = []
        self.forms: list[int] = []
        self.places: list[int] = []
        self.sources: list[int] = []
        self.harakat: dict[int, list[int]] = {}

    def add(self, letter: str, form: int, place: int, source: int) -> None:
        self.letters.append(letter)
        self.forms.append(form)
        self.places.append(place)
        self.sources.append(source)

    def drop(self, number: int) -> None:
        del self.letters[number], self.forms[number], self.places[number], self.sources[number]


def _drawn(text: str) -> _Drawn:
    forms_of = letter_forms()
    drawn = _Drawn()
    letters, harakat = drawn.letters, drawn.harakat
    place = 0
    for source, char in enumerate(text):  # every word of a first screen goes through here
        if char in _HARAKAT_CHARS:
            harakat.setdefault(len(letters) - 1, []).append(source)
        else:
            drawn.add(char, _join(char, drawn, forms_of), place, source)
            place += 1
        if len(letters) > 1 and letters[-2] == ZWJ:  # it has done its joining
            drawn.drop(-2)
    if letters and letters[-1] == ZWJ:
        drawn.drop(-1)
    if _LAM in text:
        _ligate(text, drawn)
    return drawn


def reshape(text: str) -> str:
    """``text`` with its Arabic letters in their contextual presentation forms."""
    return "".join(glyph for _, glyph in shaped_glyphs(text))


def shaped_glyphs(text: str) -> list[tuple[tuple[int, ...], str]]:
    """What ``reshape`` draws, glyph by glyph, each with the indices in ``text`` of the
    characters it stands for: one for a letter's form or a haraka, two for a lam-alef. Mapping
    screen cells back to the text needs this, and here it is known rather than worked out."""
    forms_of = letter_forms()
    drawn = _drawn(text)
    glyphs: list[tuple[tuple[int, ...], str]] = [
        ((source,), text[source]) for source in drawn.harakat.get(-1, ())
    ]
    letters = drawn.letters
    for number, (letter, form) in enumerate(zip(letters, drawn.forms, strict=True)):
        if letter:
            sources: tuple[int, ...] = (drawn.sources[number],)
            if number + 1 < len(letters) and not letters[number + 1]:  # a lam-alef
                sources += (drawn.sources[number + 1],)
            glyphs.append((sources, letter if form == _AS_IS else forms_of[letter][form]))
        glyphs.extend(((source,), text[source]) for source in drawn.harakat.get(number, ()))
    return glyphs


def _join(letter: str, drawn: _Drawn, forms_of: dict[str, Forms]) -> int:
    """The form ``letter`` takes after what is drawn, changing the last one's if they join."""
    forms = forms_of.get(letter)
    if forms is None:
        return _AS_IS
    if not drawn.letters or drawn.forms[-1] == _AS_IS:
        return ISOLATED
    before = forms_of[drawn.letters[-1]]
    if not (forms[FINAL] or forms[MEDIAL]) or not (before[INITIAL] or before[MEDIAL]):
        return ISOLATED
    if drawn.forms[-1] == FINAL and not before[MEDIAL]:
        return ISOLATED
    drawn.forms[-1] = INITIAL if drawn.forms[-1] == ISOLATED else MEDIAL
    return FINAL


def _ligate(text: str, drawn: _Drawn) -> None:
    """Draw each lam-alef as one glyph where its forms allow (isolated or final)."""
    number_at = {place: number for number, place in enumerate(drawn.places)}
    unmarked = "".join(char for char in text if char not in _HARAKAT_CHARS)
    for match in _LAM_ALEF.finditer(unmarked):
        lam = number_at[match.start()]
        lam_form, alef_form = drawn.forms[lam], drawn.forms[lam + 1]
        isolated, final = _LAM_ALEF_FORMS[match.group()[1]]
        glyph = isolated if lam_form in (ISOLATED, INITIAL) else final
        if alef_form in (ISOLATED, FINAL):  # else it would join on: no such ligature
            drawn.letters[lam : lam + 2] = [glyph, ""]
            drawn.forms[lam : lam + 2] = [_AS_IS, _AS_IS]
