"""The Unicode Bidirectional Algorithm (UAX #9) for hamish's layout engine.

Why hamish implements the algorithm itself rather than calling python-bidi: python-bidi 0.6
exposes only ``get_display`` and ``get_base_level``. It gives no embedding levels and no index
map, applies neither L3 nor L4, and a per-line call re-resolves levels without the context of the
rest of the paragraph. Wrapping in logical order and then reordering each line with levels
resolved on the whole paragraph (UAX #9 §3.4) needs exactly what it hides, and every visual cell
must map back to a logical offset. So levels are resolved here (``uax9``), in pure Python over
``unicodedata``'s bidi classes, and proven against ICU in ``tests/core/test_bidi_icu.py``.

The modules follow the spec's sections, as Rust's unicode-bidi does: ``classes`` and ``codes``
(§3.2, the bidi classes and their groups), ``levels`` (BD2), ``paragraph`` (P2–P3), ``explicit``
(BD9, X1–X8), ``sequences`` (X9–X10), ``implicit`` (W1–W7, N1–N2, I1–I2), ``brackets``
(BD14–BD16, N0), ``reorder`` (L1, L2, L4), and ``uax9``, which runs them on one paragraph;
``cuts`` says where a long paragraph may be resolved a window at a time without changing a
level.
"""

from hamish.core.bidi.classes import bidi_class
from hamish.core.bidi.levels import is_rtl
from hamish.core.bidi.paragraph import paragraph_base_level
from hamish.core.bidi.uax9 import BidiParagraph, mirror_glyph, resolve_paragraph, visual_order

__all__ = [
    "BidiParagraph",
    "bidi_class",
    "is_rtl",
    "mirror_glyph",
    "paragraph_base_level",
    "resolve_paragraph",
    "visual_order",
]
