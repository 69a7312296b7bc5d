"""Exports of an article's annotations, as pure functions from values to text.

Writing files is the caller's business: everything here takes an ``Article`` and its
``Anchored`` annotations (or exported text) and returns strings or frozen dataclasses.

Import what you need from its modules (``markdown``, ``web_annotation``, ``filenames``...): the
package itself imports none of them, so one export does not load every format.
"""
