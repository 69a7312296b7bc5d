"""A hamish process that adds annotations and acknowledges each one once ``Store.add`` returned.

    python writer.py DB ARTICLE_KEY loop            # add until killed
    python writer.py DB ARTICLE_KEY COUNT [GO_FILE] # add COUNT, starting when GO_FILE exists

Prints ``ready`` once the store is open, then one annotation id per line, flushed, strictly
after the add that saved it returned: every id the parent has read must be on disk.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

from hamish.core.annotations.model import Annotation
from hamish.core.store import Store

TEXT = "نص عربي للاختبار with some English words and עברית " * 40


def main(argv: list[str]) -> int:
    path, article_key, mode = Path(argv[0]), argv[1], argv[2]
    count = None if mode == "loop" else int(mode)
    go_file = Path(argv[3]) if len(argv) > 3 else None
    store = Store.open(path)
    print("ready", flush=True)
    while go_file is not None and not go_file.exists():
        time.sleep(0.001)
    for n in itertools.count() if count is None else range(count):
        start = (n * 7) % (len(TEXT) - 50)
        annotation = Annotation.create(
            article_key=article_key,
            text=TEXT,
            start=start,
            end=start + 20,
            text_hash=article_key,
            note=f"note {n} from {article_key}",
        )
        store.add(annotation)
        print(annotation.id, flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
