"""One open article's annotations, and the rules for changing them.

A reader pane shows what the session holds and asks it to change; the session applies each
change in memory at once, so the screen follows the user without waiting for the disk, and
hands the change to ``submit`` (the app's background writer, a list in tests) to be made
durable. Listeners are told after every change, whether the user made it or another process
wrote it (``reload``), so whoever draws the annotations repaints from one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from hamish.core.annotations.model import Anchored, Annotation, ArticleRecord, Color
from hamish.core.article import Article
from hamish.core.changes import Change, DeleteAnnotation, PutAnnotation, SavePosition, SetMark
from hamish.core.loaders import LoadError
from hamish.core.marks import PREVIOUS_PLACE, is_mark_name
from hamish.core.opening import OpenedArticle, document_order, open_article, place_new
from hamish.core.reading_progress import Whereabouts
from hamish.core.store import Store, StoreError

Listener = Callable[[], None]


class ArticleSession:
    def __init__(self, opened: OpenedArticle, submit: Callable[[Change], None]) -> None:
        self.article: Article = opened.article
        self.record: ArticleRecord = opened.record
        self._anchored = sorted(opened.anchored, key=document_order)
        self._submit = submit
        self._last_deleted: Anchored | None = None
        self._saved = (opened.record.position, opened.record.furthest)
        self.furthest = opened.record.furthest
        """The furthest offset that has been on screen, in this session or before."""
        self._previous_place: int | None = None
        self.words = self.article.word_index
        self._listeners: list[Listener] = []
        self.local_changes = 0
        """How many changes this session has made: a reload read from the store before the
        latest of them would undo it, so ``reload`` refuses one computed at an older count."""

    # -- reading -------------------------------------------------------------------------------

    @property
    def anchored(self) -> tuple[Anchored, ...]:
        """Every annotation, orphans last, in document order."""
        return tuple(self._anchored)

    @property
    def orphans(self) -> int:
        return sum(1 for placed in self._anchored if placed.orphaned)

    def highlights(self) -> list[Anchored]:
        """The annotations found in the text, oldest first: the order they are painted in, so
        where two overlap the newer one shows."""
        placed_ones = [placed for placed in self._anchored if not placed.orphaned]
        return sorted(placed_ones, key=lambda placed: placed.annotation.created)

    def find(self, annotation_id: str) -> Anchored | None:
        return next((p for p in self._anchored if p.annotation.id == annotation_id), None)

    def at(self, offset: int) -> Anchored | None:
        """The newest highlight covering ``offset`` (the one painted on top)."""
        covering = [p for p in self.highlights() if p.start <= offset < p.end]
        return covering[-1] if covering else None

    def neighbour(self, offset: int, step: int) -> Anchored | None:
        """The next highlight starting after ``offset`` (``step`` > 0) or the previous one
        starting before it, wrapping around the article's ends."""
        placed_ones = [p for p in self._anchored if not p.orphaned]
        if not placed_ones:
            return None
        if step > 0:
            following = [p for p in placed_ones if p.start > offset]
            return min(following, key=lambda p: p.start) if following else placed_ones[0]
        preceding = [p for p in placed_ones if p.start < offset]
        return max(preceding, key=lambda p: p.start) if preceding else placed_ones[-1]

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    # -- changing ------------------------------------------------------------------------------

    def create(
        self, start: int, end: int, *, color: Color, note: str = "", tags: Iterable[str] = ()
    ) -> Anchored:
        """A new annotation of ``article.text[start:end]``; ``ValueError`` for an empty range."""
        annotation = Annotation.create(
            article_key=self.record.key,
            text=self.article.text,
            start=start,
            end=end,
            text_hash=self.article.key,
            color=color,
            note=note,
            tags=tags,
        )
        placed = place_new(annotation)
        self._put(placed)
        return placed

    def edit(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        color: Color | None = None,
    ) -> Anchored | None:
        """The annotation with its note, tags or colour changed; None if it is gone."""
        placed = self.find(annotation_id)
        if placed is None:
            return None
        edited = replace(
            placed, annotation=placed.annotation.edited(note=note, tags=tags, color=color)
        )
        self._anchored.remove(placed)
        self._put(edited)
        return edited

    def delete_at(self, offset: int) -> Anchored | None:
        """Delete the highlight under ``offset``; it can be brought back by ``undo_delete``."""
        placed = self.at(offset)
        if placed is None:
            return None
        self._anchored.remove(placed)
        self._last_deleted = placed
        self._changed(DeleteAnnotation(placed.annotation.id, placed.annotation.article_key))
        return placed

    def undo_delete(self) -> Anchored | None:
        """Bring back the last deleted annotation, exactly as it was; None if there is none."""
        placed, self._last_deleted = self._last_deleted, None
        if placed is not None:
            self._put(placed)
        return placed

    def whereabouts(self, caret: int) -> Whereabouts:
        return Whereabouts.at(caret, self.furthest, len(self.article.text), self.words)

    def reached(self, offset: int) -> None:
        """The text up to ``offset`` has been on screen."""
        self.furthest = max(self.furthest, offset)

    def save_position(self, offset: int) -> None:
        """Remember ``offset`` as the reading position, with the furthest point reached
        (submitted only when either moved)."""
        change = SavePosition(self.record.key, offset, self.furthest)
        if (change.offset, change.furthest) != self._saved:
            self._saved = (change.offset, change.furthest)
            self._submit(change)

    # -- marks ---------------------------------------------------------------------------------

    def set_mark(self, name: str, offset: int) -> None:
        """Mark ``offset`` as ``name`` (``is_mark_name``), kept with the article."""
        if not is_mark_name(name):
            raise ValueError(f"a mark is named by one letter (got {name!r})")
        self.record = self.record.with_mark(name, offset)
        self._submit(SetMark(self.record.key, name, offset))

    def go_to_mark(self, name: str, caret: int) -> int | None:
        """Where mark ``name`` is (``PREVIOUS_PLACE``: where the reader was before the last
        jump), or None if it is not set; going there is a jump from ``caret``."""
        found = self._previous_place if name == PREVIOUS_PLACE else self.record.mark(name)
        if found is None:
            return None
        self.jumped_from(caret)
        return min(found, max(0, len(self.article.text) - 1))

    def jumped_from(self, caret: int) -> None:
        """The reader jumped away from ``caret`` (to a mark, a heading): ``''`` comes back."""
        self._previous_place = caret

    def reload(self, anchored: Sequence[Anchored], local_changes: int) -> bool:
        """Show what the store holds now (another process wrote it), unless this session
        changed something since ``local_changes`` was read: then False, and the caller tries
        again later, when the store has our change too."""
        if local_changes != self.local_changes:
            return False
        self._anchored = sorted(anchored, key=document_order)
        self._notify()
        return True

    def _put(self, placed: Anchored) -> None:
        self._anchored.append(placed)
        self._anchored.sort(key=document_order)
        self._changed(PutAnnotation(placed.annotation))

    def _changed(self, change: Change) -> None:
        self.local_changes += 1
        self._submit(change)
        self._notify()

    def _notify(self) -> None:
        for listener in self._listeners:
            listener()


@dataclass(frozen=True)
class OpenedSession:
    article: Article
    """The whole article (the head shown first, read to its end)."""
    session: ArticleSession | None
    """None when the article could not be read to its end: annotations are off."""
    problem: str | None
    """What to tell the user, if anything went wrong."""


def open_session(
    store: Store | None,
    article: Article,
    submit: Callable[[Change], None],
    *,
    rest: Callable[[], Article] | None = None,
) -> OpenedSession:
    """``article`` (read to its end by ``rest`` when only its head was loaded) with its
    annotations from ``store``.

    Without a store, or with one that cannot be read, the session starts empty: the article
    can still be read, and ``submit`` decides what becomes of changes made meanwhile.
    """
    if rest is not None:
        try:
            article = rest()
        except LoadError as error:
            message = f"{error}; only the beginning is shown and annotations are off."
            return OpenedSession(article, None, message)
    problem: str | None = None
    if store is not None:
        try:
            opened = open_article(store, article, defer=submit)
            return OpenedSession(article, ArticleSession(opened, submit), None)
        except StoreError as error:
            problem = f"{error}: annotations are not available."
    record = ArticleRecord(key=article.key, text_hash=article.key, title=article.title)
    return OpenedSession(
        article, ArticleSession(OpenedArticle(article, record, ()), submit), problem
    )
