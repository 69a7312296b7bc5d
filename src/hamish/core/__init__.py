"""The UI-free heart of hamish.

Nothing under ``hamish.core`` may import textual or rich (``tests/core/test_import_hygiene.py``
enforces it), so every rule about text, layout, annotations and storage can be used from the CLI
and tested without a terminal. Data goes in and out as frozen dataclasses; I/O happens only in
``loaders``, ``store``, ``export`` and ``paths``.
"""
