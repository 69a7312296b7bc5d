"""The yardstick for hamish's start: the least a Textual app can do to show a file.

``python minimal_app.py PATH`` shows the file's text in a ``Static``, nothing else: what any
Textual reader pays before its first screen (Python, Textual, one frame).
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class MinimalApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as article:
        MinimalApp(article.read()).run()
