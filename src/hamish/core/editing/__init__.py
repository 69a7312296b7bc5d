"""Editing text in hamish's own fields: a UI-free model drawn by the layout engine.

``Editor`` holds the text, the caret (a logical offset and the bidi level it belongs to), the
selection (a logical range) and the undo history; ``EditorView`` lays the text out paragraph by
paragraph with ``hamish.core.layout`` and answers where the caret stands on screen and which caret
a cell stands for. Moves go through the engine's visual lines and cell map: nothing here
reimplements bidi.
"""

from hamish.core.editing.caret import Caret, Selection
from hamish.core.editing.editor import Editor
from hamish.core.editing.view import CaretPlace, EditorView, Row

__all__ = ["Caret", "CaretPlace", "Editor", "EditorView", "Row", "Selection"]
