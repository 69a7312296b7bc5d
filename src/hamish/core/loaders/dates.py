"""Recognising the date line under an article's title ("Published: March 3, 2025").

Only a line that *holds* a date is wanted, not a parsed date: hamish shows the line as the
article printed it and keeps the date as text, because a calendar conversion (Hijri, Solar
Hijri, Hebrew) would be a guess. Digits may be ASCII, Arabic-Indic or Persian (``\\d`` matches
them all).
"""

from __future__ import annotations

import re
from functools import cache

from hamish.core.loaders.parsed import strip_spaces

MAX_DATE_LINE_CHARS = 80
"""A longer line is a sentence that mentions a date, not a date line."""

_MONTHS = (
    # English, full and abbreviated
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    # Arabic: Egyptian/Gulf, Levantine/Iraqi and Maghrebi names, and the Hijri months
    "يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر "
    "أكتوبر اكتوبر نوفمبر ديسمبر "
    "كانون_الثاني شباط آذار نيسان أيار ايار حزيران تموز آب أيلول ايلول تشرين_الأول "
    "تشرين_الاول تشرين_الثاني كانون_الأول كانون_الاول "
    "جانفي فيفري أفريل ماي جوان جويلية أوت "
    "محرم صفر ربيع_الأول ربيع_الاول ربيع_الآخر ربيع_الثاني جمادى_الأولى جمادى_الاولى "
    "جمادى_الآخرة جمادى_الثانية رجب شعبان رمضان شوال ذو_القعدة ذو_الحجة "
    # Hebrew (the Gregorian months as Israeli papers write them)
    "ינואר פברואר מרץ מרס אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר "
    # Persian: Gregorian and Solar Hijri
    "ژانویه فوریه آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر "
    "فروردین اردیبهشت خرداد تیر مرداد امرداد شهریور مهر آبان آذر دی بهمن اسفند"
)
# Longest first, so "تشرين الثاني" wins over a shorter name that is its prefix.
_MONTH_NAMES = sorted({name.replace("_", " ") for name in _MONTHS.split()}, key=len, reverse=True)
_MONTH = "(?:" + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in _MONTH_NAMES) + ")"
# Hebrew glues the preposition to the month ("3 בינואר"); "ינואר/كانون الثاني" pairs occur too.
_MONTH_WORD = rf"(?<!\w)(?:ב[-־]?)?{_MONTH}\.?(?:\s*/\s*{_MONTH})?(?!\w)"
_DAY = r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<!\d)\d{4}(?!\d)"

_DATE_PATTERN = "|".join(
    (
        r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)",  # 2025-03-03
        r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)",  # 03/03/2025
        # March 3, 2025; March 2025; and with the day first (3 March 2025, ٧ يناير ٢٠٢٦), which
        # contains "March 2025": one form with the month once, as the pattern is compiled per
        # process and the month names are most of it.
        rf"{_MONTH_WORD}(?:\s*{_DAY})?,?\s*{_YEAR}",
    )
)
_LABEL = re.compile(r"^([^:\d]{1,40}):(.+)$")


@cache
def _date() -> re.Pattern[str]:
    """The date pattern, compiled on first use: only loaders that meet a short line need it.
    Month names are matched in lower case (compiled case-blind, the pattern took longer)."""
    return re.compile(_DATE_PATTERN)


def contains_date(text: str) -> bool:
    return _date().search(text.lower()) is not None


def date_of_line(line: str) -> str | None:
    """The date a short line announces, without its label; ``None`` if it is no date line.

    ``"تاريخ النشر: 07 يناير 2026 - 10:27 GMT"`` gives ``"07 يناير 2026 - 10:27 GMT"``;
    ``"2025-03-03"`` gives itself.
    """
    line = strip_spaces(line)
    if len(line) > MAX_DATE_LINE_CHARS or not contains_date(line):
        return None
    labelled = _LABEL.match(line)
    if labelled:
        value = strip_spaces(labelled.group(2))
        if contains_date(value):
            return value
    return line
