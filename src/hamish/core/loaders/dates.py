"""Recognising the date line under an article's title ("Published: March 3, 2025").

Only a line that *holds* a date is wanted, not a parsed date: hamish shows the line as the
article printed it and keeps the date as text, because a calendar conversion (Hijri, Solar
Hijri, Hebrew) would be a guess. Digits may be ASCII, Arabic-Indic or Persian (``\\d`` matches
them all).
"""

from __future__ import annotations

import re

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
MONTH_NAMES = frozenset(name.replace("_", " ") for name in _MONTHS.split())
"""Lower case; a two-word name has one space (the text may have any run of spaces there)."""
_HEBREW_IN = "ב"
"""Hebrew glues the preposition to the month ("3 בינואר"), with or without a hyphen or maqaf."""
_DAY = r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<!\d)\d{4}(?!\d)"
_NUMERIC_DATE = re.compile(
    r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"  # 2025-03-03
    r"|(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)"  # 03/03/2025
)
_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_SECOND_MONTH = re.compile(r"\s*/\s*")  # "07 يناير/كانون الثاني 2026"
_AFTER_MONTH = re.compile(rf"(?:\s*{_DAY})?,?\s*{_YEAR}")
"""What follows a month for a date: an optional day, then the year (March 3, 2025; March 2025;
3 March 2025 is found as its "March 2025")."""
_LABEL = re.compile(r"^([^:\d]{1,40}):(.+)$")


def _month_end(text: str, start: int) -> int | None:
    """Where the month name that is the word at ``start`` ends, if it is one. A two-word name
    is tried first; no first word of one is a month by itself, so nothing shorter is missed."""
    word = _WORD.match(text, start)
    if word is None:
        return None
    first = word.group()
    firsts = (first, first[1:]) if first.startswith(_HEBREW_IN) else (first,)
    following = _NEXT_WORD.match(text, word.end())
    if following is not None and any(f"{f} {following.group(1)}" in MONTH_NAMES for f in firsts):
        return following.end()
    if any(f in MONTH_NAMES for f in firsts):
        return word.end()
    return None


def _month_date_at(text: str, start: int) -> bool:
    """A month name at ``start`` (a word's start), maybe "/" and another, then a year."""
    end = _month_end(text, start)
    if end is None:
        return False
    if text.startswith(".", end):
        end += 1
    slash = _SECOND_MONTH.match(text, end)
    if slash is not None:
        end = _month_end(text, slash.end()) or end
    if end < len(text) and _WORD.match(text, end):
        return False
    return _AFTER_MONTH.match(text, end) is not None


def contains_date(text: str) -> bool:
    """Whether ``text`` holds a date: numeric, or a month name by its day and year.

    Month names are looked up word by word in a set. One regular expression with every name
    as an alternative did the same, but compiling it took longer than loading an article.
    """
    text = text.lower()
    if _NUMERIC_DATE.search(text):
        return True
    return any(_month_date_at(text, word.start()) for word in _WORD.finditer(text))


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
