"""Exports of an article's annotations: the formats, as pure functions from an ``Article`` and
its ``Anchored`` annotations to text (``markdown``, ``web_annotation``, ``readwise``...), and the
one place that writes them as files and updates its own earlier ones (``files``, ``targets``).

Import what you need from its modules (``markdown``, ``web_annotation``, ``filenames``...): the
package itself imports none of them, so one export does not load every format.
"""
