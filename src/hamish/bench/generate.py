"""Generated articles for the benchmarks: realistic Arabic prose of any size, reproducibly."""

from __future__ import annotations

import random

_WORDS = (
    "العلم نور والجهل ظلام في من على إلى عن أن التي الذي هذا هذه كان كانت قد لم لا ما مع بين كل "
    "بعد قبل حتى الكتاب المكتبة القراءة الكاتب المؤلف الفصل الرسالة التاريخ الحكمة المعرفة "
    "الثقافة الجامعة المدينة الناس العالم الأدب الشعر لأن الأمر السلام"
).split()
_EXTRA = ("Unicode", "(2026)", "[١٢٣]", "«نص»", "75%", "GMT", "10:27", "UAX #9", "Python 3.11")


def arabic_paragraph(rng: random.Random) -> str:
    words = [
        rng.choice(_WORDS) if rng.random() > 0.05 else rng.choice(_EXTRA)
        for _ in range(rng.randint(40, 120))
    ]
    return " ".join(words) + "."


def arabic_article(
    size_bytes: int, *, seed: int = 7, markdown: bool = False, one_paragraph: bool = False
) -> str:
    """An article of about ``size_bytes`` UTF-8 bytes: a title, a date line, paragraphs and a
    heading every 20 paragraphs; or, with ``one_paragraph``, a title and a single paragraph."""
    rng = random.Random(seed)
    title = "مقال طويل للاختبار"
    parts = [f"# {title}" if markdown else title, "تاريخ النشر: 07 يناير 2026"]
    size = sum(len(part.encode()) for part in parts)
    number = 0
    while size < size_bytes:
        number += 1
        if number % 20 == 0:
            heading = f"القسم {number // 20}"
            parts.append(f"## {heading}" if markdown else heading)
        paragraph = arabic_paragraph(rng)
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
    if one_paragraph:
        return parts[0] + "\n\n" + " ".join(part for part in parts[2:] if part.endswith(".")) + "\n"
    return "\n\n".join(parts) + "\n"


def peak_memory_mb() -> float:
    """This process's peak resident memory, in MB.

    Linux's ``VmHWM`` starts afresh when a program is executed; ``ru_maxrss`` does not (it keeps
    the high-water mark of the process that forked it), which made a measurement taken in a
    child of the ``all`` run report the parent's memory instead of its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
