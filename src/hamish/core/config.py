"""hamish's settings, from ``config.toml``.

The file lives at ``$HAMISH_CONFIG`` if that is set, else at ``config.toml`` in the platform's
configuration directory (``~/.config/hamish/config.toml`` on Linux). It is optional, and so is
every setting in it. A setting that is wrong is reported and replaced by its default, the others
still apply: hamish always starts, and says in one line per problem what to fix and where
(``config.toml:3: color must be one of yellow, green, blue, pink, purple (got "red")``).

Settings, all at the top of the file except the ``[keymap]`` table:

``theme`` — a string, default ``"textual-dark"``
    The Textual theme of the whole interface, for example ``"textual-light"``, ``"nord"`` or
    ``"gruvbox"``. The interface knows which themes exist and reports an unknown name.

``color`` — ``"yellow"`` (default), ``"green"``, ``"blue"``, ``"pink"`` or ``"purple"``
    The colour a new highlight gets; the keys 1-5 still choose one per highlight.

``bidi`` — ``"app"`` (default) or ``"terminal"``
    Who puts right-to-left text in visual order. With ``"app"`` hamish does it (UAX #9): right
    for terminals that draw characters in the order they receive them, which is most of them.
    With ``"terminal"`` hamish sends every line in logical order, left-aligned and unmirrored,
    for a terminal that runs the bidirectional algorithm itself (such as mlterm): reordered
    twice, the text would read backwards. The ``--bidi`` command-line option overrides this.

``shaping`` — ``true`` (default) or ``false``
    Whether hamish draws Arabic and Persian letters in their joined forms. Set it to ``false``
    for a terminal that shapes Arabic itself.

``export_dir`` — a directory, default: ``$HAMISH_EXPORT_DIR``, else ``hamish`` in your
documents directory
    Where Markdown and JSON exports are written. ``~`` means your home directory; a relative
    path is taken relative to the directory that holds ``config.toml``.

``[keymap]`` — a table of key bindings to change, default empty
    Each entry maps a binding id to the keys that trigger it, several separated by commas:
    ``"reader.highlight" = "H"``, ``"app.quit" = "q,ctrl+q"``. Quote an id that contains a
    dot, or write the part before the dot as a sub-table (``[keymap.reader]`` then
    ``highlight = "H"``). Ids are named after a screen and an action (``reader.highlight``,
    ``reader.note``, ``library.open``, ``app.quit``, ...); the interface reports an unknown id.

``EXAMPLE_CONFIG`` below is a commented file with every setting at its default. ``save_setting``
changes one setting in the file and leaves the rest of it, comments included, as it was.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Literal, cast

from hamish.core import paths
from hamish.core.annotations.model import Color
from hamish.core.config_toml import (
    KeyPath,
    decode_error_position,
    describe,
    key_lines,
    line_of,
    redefined_line,
    toml_string,
    toml_value,
    with_setting,
)
from hamish.core.safe_text import safe_text
from hamish.core.store.atomic import WriteFailed, close_handle, write_atomically

Bidi = Literal["app", "terminal"]
BIDI_MODES: tuple[Bidi, ...] = ("app", "terminal")
SETTINGS = ("theme", "color", "bidi", "shaping", "export_dir", "keymap")

EXAMPLE_CONFIG = """\
# hamish settings. Every one is optional: delete the "# " before a line to change it.
# The file goes where `hamish` looks for it: $HAMISH_CONFIG, or config.toml in your
# configuration directory (~/.config/hamish/config.toml on Linux).

# Theme of the interface: "textual-dark", "textual-light", "nord", "gruvbox", ...
# theme = "textual-dark"

# Colour of a new highlight: yellow, green, blue, pink or purple.
# color = "yellow"

# Who reorders right-to-left text: "app" (hamish), or "terminal" for a terminal
# that runs the bidirectional algorithm itself.
# bidi = "app"

# Draw Arabic letters joined; false for a terminal that shapes Arabic itself.
# shaping = true

# Where exports are written (default: the hamish folder in your documents directory).
# export_dir = "~/Documents/hamish"

# Key bindings to change, by binding id (quote ids that contain a dot).
# [keymap]
# "reader.highlight" = "H"
# "app.quit" = "q,ctrl+q"
"""


def _empty_keymap() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Config:
    theme: str = "textual-dark"
    color: Color = Color.YELLOW
    bidi: Bidi = "app"
    shaping: bool = True
    export_dir: Path | None = None
    """None: the default, ``paths.export_dir()``."""
    keymap: Mapping[str, str] = field(default_factory=_empty_keymap, hash=False)
    """Textual binding id → keys, e.g. ``{"reader.highlight": "H"}``."""

    def export_directory(self) -> Path:
        return self.export_dir if self.export_dir is not None else paths.export_dir()


class _Reader:
    """Validates the parsed file setting by setting, collecting one message per problem."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.name = _shown_path(path)
        self.lines = key_lines(text)
        self.problems: list[str] = []

    def problem(self, key: KeyPath, message: str) -> None:
        number = line_of(self.lines, key)
        where = f"{self.name}:{number}" if number is not None else self.name
        self.problems.append(safe_text(f"{where}: {message}"))

    def choice(self, key: str, value: object, allowed: tuple[str, ...], phrase: str) -> str | None:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        self.problem((key,), f"{key} must be {phrase} (got {describe(value)})")
        return None

    def keymap(self, value: object) -> Mapping[str, str]:
        if not isinstance(value, dict):
            self.problem(
                ("keymap",),
                f'keymap must be a table like [keymap] "reader.highlight" = "H" '
                f"(got {describe(value)})",
            )
            return _empty_keymap()
        keymap: dict[str, str] = {}
        self._flatten(("keymap",), value, keymap)
        return MappingProxyType(keymap)

    def _flatten(self, prefix: KeyPath, table: dict[str, object], into: dict[str, str]) -> None:
        for name, keys in table.items():
            path = (*prefix, name)
            binding = ".".join(path[1:])
            if isinstance(keys, dict):
                self._flatten(path, keys, into)
            elif not isinstance(keys, str) or not keys.strip():
                self.problem(
                    path,
                    f"keymap entry {toml_string(binding)} must be a string of keys such as "
                    f'"ctrl+h" (got {describe(keys)})',
                )
            elif binding in into:
                self.problem(path, f"keymap entry {toml_string(binding)} is given twice")
            else:
                into[binding] = keys.strip()

    def export_dir(self, value: object) -> Path | None:
        if not isinstance(value, str) or not value.strip() or "\0" in value:
            self.problem(
                ("export_dir",), f"export_dir must be a directory path (got {describe(value)})"
            )
            return None
        try:
            directory = Path(value.strip()).expanduser()
        except RuntimeError as error:  # "~user" of an unknown user, or no home directory
            self.problem(("export_dir",), f"export_dir: {error} (got {describe(value)})")
            return None
        return directory if directory.is_absolute() else self.path.parent / directory


def _shown_path(path: Path) -> str:
    """The file as messages name it, with the home directory as ``~``."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)


def _read_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None), (None, None) when there is no file, or (None, why it cannot be read)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, f"cannot be read ({error.strerror or error}); using the defaults"
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as error:
        return None, f"is not UTF-8 text (invalid byte at offset {error.start}); using the defaults"


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings in ``path`` (default ``paths.config_path()``) and what is wrong with them.

    Never raises for the file's content: each problem becomes a one-line message naming the
    file and, when it can be found, the line; the setting concerned keeps its default.
    """
    path = paths.config_path() if path is None else path
    text, unreadable = _read_text(path)
    if text is None:
        if unreadable is None:
            return Config(), []
        return Config(), [safe_text(f"{_shown_path(path)}: {unreadable}")]
    reader = _Reader(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason, number = decode_error_position(str(error))
        if reason.startswith("Cannot overwrite a value"):
            reason, number = "a key is given twice", redefined_line(text) or number
        where = reader.name if number is None else f"{reader.name}:{number}"
        return Config(), [safe_text(f"{where}: not valid TOML: {reason}; using the defaults")]
    return _config_from(data, reader), reader.problems


def _config_from(data: dict[str, object], reader: _Reader) -> Config:
    config = Config()
    for key, value in data.items():
        if key == "theme":
            if isinstance(value, str) and value.strip():
                config = replace(config, theme=value.strip())
            else:
                reader.problem((key,), f"theme must be a theme name (got {describe(value)})")
        elif key == "color":
            colours = tuple(colour.value for colour in Color)
            colour = reader.choice(key, value, colours, "one of " + ", ".join(colours))
            if colour is not None:
                config = replace(config, color=Color(colour))
        elif key == "bidi":
            mode = reader.choice(key, value, BIDI_MODES, '"app" or "terminal"')
            if mode is not None:
                config = replace(config, bidi=cast(Bidi, mode))
        elif key == "shaping":
            if isinstance(value, bool):
                config = replace(config, shaping=value)
            else:
                reader.problem((key,), f"shaping must be true or false (got {describe(value)})")
        elif key == "export_dir":
            config = replace(config, export_dir=reader.export_dir(value))
        elif key == "keymap":
            config = replace(config, keymap=reader.keymap(value))
        else:
            reader.problem((key,), _unknown(key))
    return config


def _unknown(key: str) -> str:
    close = difflib.get_close_matches(key.lower(), SETTINGS, n=1, cutoff=0.75)
    hint = f'did you mean "{close[0]}"?' if close else "known: " + ", ".join(SETTINGS)
    return f"unknown setting {toml_string(key)} ({hint})"


class ConfigError(Exception):
    """``save_setting`` could not change the file; the message is one line for the user."""


def _setting_path(key: str) -> tuple[str, ...]:
    if key.startswith("keymap.") and len(key) > len("keymap."):
        return ("keymap", key.removeprefix("keymap."))
    if key in SETTINGS and key != "keymap":
        return (key,)
    raise ValueError(f"unknown setting {toml_string(key)} (use one of {', '.join(SETTINGS)})")


def _nested(path: tuple[str, ...], value: object) -> dict[str, object]:
    return {path[0]: value} if len(path) == 1 else {path[0]: {path[1]: value}}


def _flat_settings(data: dict[str, object]) -> dict[tuple[str, ...], object]:
    """Top-level settings, and keymap entries by their dotted id (as ``load_config`` reads)."""
    flat: dict[tuple[str, ...], object] = {}
    tables: list[tuple[str, dict[str, object]]] = []
    for key, value in data.items():
        if key == "keymap" and isinstance(value, dict):
            tables.append(("", value))
        else:
            flat[(key,)] = value
    while tables:
        prefix, table = tables.pop()
        for name, value in table.items():
            if isinstance(value, dict):
                tables.append((prefix + name + ".", value))
            else:
                flat[("keymap", prefix + name)] = value
    return flat


def save_setting(key: str, value: str | bool, path: Path | None = None) -> None:
    """Set ``key`` (a setting, or ``keymap.<binding id>``) to ``value`` in the config file.

    Only the line of that setting changes (or one is added); the file is checked to read back
    as before plus the change, then replaced atomically. Raises ``ValueError`` for an unknown
    key or a value ``load_config`` would reject, ``ConfigError`` when the file cannot be read,
    is not valid TOML, cannot be changed one line at a time, or cannot be written.
    """
    setting = _setting_path(key)
    validation = _Reader(Path("config.toml"), "")
    _config_from(_nested(setting, value), validation)
    if validation.problems:
        raise ValueError(validation.problems[0].removeprefix("config.toml: "))
    path = paths.config_path() if path is None else path
    name = _shown_path(path)
    text, unreadable = _read_text(path)
    if unreadable is not None:
        raise ConfigError(safe_text(f"{name}: {unreadable.removesuffix('; using the defaults')}"))
    text = text or ""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(safe_text(f"{name}: not valid TOML ({error}); not saved")) from error
    updated = with_setting(text, setting, toml_value(value))
    expected = _flat_settings(before)
    expected[setting] = value
    try:
        edited = _flat_settings(tomllib.loads(updated)) == expected
    except tomllib.TOMLDecodeError:
        edited = False
    if not edited:
        raise ConfigError(safe_text(f"{name}: {key} is written in a way hamish cannot edit"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        written = write_atomically(path, [updated.encode("utf-8")], keep_backup=False)
    except (OSError, WriteFailed) as error:
        raise ConfigError(safe_text(f"{name}: cannot be saved ({error})")) from error
    close_handle(written.handle)
