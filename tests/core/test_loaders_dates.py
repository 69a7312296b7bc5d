"""Date lines: ``contains_date`` finds the same dates as one regular expression listing every
month name, the form it had before (compiling that took ~2 ms of every start); the expression is
the oracle here."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from hamish.core.loaders.dates import MONTH_NAMES, contains_date

_MONTH = (
    "(?:"
    + "|".join(
        re.escape(name).replace(r"\ ", r"\s+")
        for name in sorted(MONTH_NAMES, key=len, reverse=True)
    )
    + ")"
)
_MONTH_WORD = rf"(?<!\w)(?:ב[-־]?)?{_MONTH}\.?(?:\s*/\s*{_MONTH})?(?!\w)"
_DAY = r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<!\d)\d{4}(?!\d)"
ORACLE = re.compile(
    "|".join(
        (
            r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)",
            r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)",
            rf"{_MONTH_WORD}(?:\s*{_DAY})?,?\s*{_YEAR}",
        )
    )
)

PIECES = st.sampled_from(
    [
        *sorted(MONTH_NAMES),
        "March",
        "SEPT",
        "ב",
        "-",
        "־",
        "/",
        " / ",
        ".",
        ",",
        " ",
        "  ",
        "\t",
        "3",
        "07",
        "3rd",
        "2025",
        "٢٠٢٦",
        "۱۴۰۴",
        "٧",
        "12345",
        "x",
        "ال",
        "ُ",
        "_",
        ":",
    ]
)


@given(st.lists(PIECES, max_size=8).map("".join))
@example("07 يناير/كانون الثاني 2026")
@example("3 ב-ינואר 2026")
@example("בكانون الثاني 2026")
@example("jan.2025")
@example("Sept. 3, 2025")
@example("may june 2025")
@example("كانون\t\tالثاني ٢٠٢٦")
def test_same_dates_as_the_month_expression(text: str) -> None:
    assert contains_date(text) == (ORACLE.search(text.lower()) is not None), text


def test_every_month_name_with_a_year_is_a_date() -> None:
    for name in MONTH_NAMES:
        assert contains_date(f"3 {name} 2025"), name
        assert contains_date(f"{name.upper()} 3, 2025"), name
        assert not contains_date(f"{name} 25"), name
