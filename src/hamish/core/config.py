"""hamish's settings, from ``config.toml``.

The file lives at ``$HAMISH_CONFIG`` if that is set, else at ``config.toml`` in the platform's
configuration directory (``~/.config/hamish/config.toml`` on Linux). It is optional, and so is
every setting in it. A setting that is wrong is reported and replaced by its default, the others
still apply: hamish always starts, and says in one line per problem what to fix and where
(``config.toml:3: color must be one of yellow, green, blue, pink, purple (got "red")``).

The settings are the fields of ``Config``, and each field carries its row of the table
(``Setting``: default, parser, help). Everything else is made from the rows: reading and checking
the file, ``example_config()`` (a commented file with every setting at its default) and the list in
README's Configuration section (``settings_reference``; a test keeps the two equal). Adding a
setting is adding a field. ``save_setting`` changes one setting in the file and leaves the rest of
it, comments included, as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from hamish.core import paths
from hamish.core.annotations.colors import Color
from hamish.core.column import COMFORTABLE_WIDTH
from hamish.core.config_values import (
    Invalid,
    Parse,
    Reading,
    columns,
    directory,
    keymap,
    one_of,
    shown_path,
    theme_name,
    true_or_false,
)
from hamish.core.export.flavor_names import DEFAULT_FLAVOR, FLAVORS, Flavor
from hamish.core.safe_text import safe_text
from hamish.core.toml_text import toml_string, toml_value

Bidi = Literal["app", "terminal"]
BIDI_MODES: tuple[Bidi, ...] = ("app", "terminal")

T = TypeVar("T")


# -- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One row of the settings table."""

    name: str
    default: object
    parse: Parse
    help: str
    """What it does and takes, in sentences: README's list and the example file show it."""
    shown_default: str
    """The default as README names it (Markdown); made from ``default`` if not given."""
    example: str
    """The setting as ``example_config()`` writes it, commented out; ``name = default`` if not
    given."""


def _setting(default: T, parse: Parse, about: str, *, shown: str = "", example: str = "") -> T:
    """A ``Config`` field with its row of the table (named, and completed, by ``_settings``)."""
    row = {"setting": Setting("", default, parse, about, shown, example)}
    if isinstance(default, Mapping):  # immutable but unhashable: shared, and left out of the hash
        return field(default_factory=lambda: default, hash=False, metadata=row)
    return field(default=default, metadata=row)


@dataclass(frozen=True)
class Config:
    """Every setting, as the file gave it or by default; each field is a row of the table."""

    theme: str = _setting(
        "textual-dark",
        theme_name,
        'The Textual theme of the whole interface, for example "textual-light", "nord" or '
        '"gruvbox"; one chosen with ctrl+p is saved here. The interface knows which themes '
        "exist and reports an unknown name.",
    )
    color: Color = _setting(
        Color.YELLOW,
        one_of(*Color),
        f"The colour a new highlight gets: {', '.join(Color)}. The keys "
        f"{', '.join(color.key for color in Color)} change it while reading, and recolour the "
        "highlight under the caret.",
    )
    bidi: Bidi = _setting(
        "app",
        one_of(*BIDI_MODES),
        'Who puts right-to-left text in visual order. With "app" hamish does it (UAX #9): right '
        "for terminals that draw characters in the order they receive them, which is most of "
        'them. With "terminal" hamish sends every line in logical order, left-aligned and '
        "unmirrored, for a terminal that runs the bidirectional algorithm itself (such as "
        "mlterm): reordered twice, the text would read backwards. The --bidi option overrides it.",
    )
    shaping: bool = _setting(
        True,
        true_or_false,
        "Whether hamish draws Arabic and Persian letters in their joined forms: false for a "
        "terminal that shapes Arabic itself. The --no-shaping option turns it off.",
    )
    max_width: int = _setting(
        COMFORTABLE_WIDTH,
        columns,
        "The widest the text of an article is drawn, in columns: in a wider terminal the text is "
        "a centred column of this width, easier to read than lines across the whole screen (w "
        "switches between the two while reading). 0 means the whole width.",
    )
    export_dir: Path | None = _setting(
        None,
        directory,
        "Where Markdown and JSON exports are written. ~ means your home directory; a relative "
        "path is taken relative to the directory that holds config.toml.",
        shown="$HAMISH_EXPORT_DIR, else the hamish folder in your documents directory",
        example='export_dir = "~/Documents/hamish"',
    )
    export_flavor: Flavor = _setting(
        DEFAULT_FLAVOR,
        one_of(*FLAVORS),
        'The Markdown that exports are written in: "obsidian" (block ids to link to, #tags, '
        'front matter properties), "github" (dir attributes so right-to-left text reads '
        'right), or "plain" (no HTML and no ids).',
    )
    keymap: Mapping[str, str] = _setting(
        MappingProxyType({}),
        keymap,
        "Key bindings to change: each entry maps a binding id to the keys that trigger it, "
        "several separated by commas. Quote an id that contains a dot, or write the part "
        'before the dot as a sub-table ([keymap.reader], then highlight = "H"). Ids are named '
        "after a screen and an action (reader.highlight, reader.note, library.open, app.quit, "
        "...); ? shows the keys in use, and an unknown id is reported.",
        shown="none",
        example='[keymap]\n"reader.highlight" = "H"\n"app.quit" = "q,ctrl+q"',
    )

    def export_directory(self) -> Path:
        return self.export_dir if self.export_dir is not None else paths.export_dir()


def _settings() -> tuple[Setting, ...]:
    rows = []
    for item in fields(Config):
        row: Setting = item.metadata["setting"]
        value = toml_value(row.default) if isinstance(row.default, str | bool | int) else ""
        rows.append(
            replace(
                row,
                name=item.name,
                shown_default=row.shown_default or f"`{value}`",
                example=row.example or f"{item.name} = {value}",
            )
        )
    return tuple(rows)


SETTINGS = _settings()
NAMES = tuple(setting.name for setting in SETTINGS)


_EXAMPLE_HEADER = """\
# hamish settings. Every one is optional: delete the "# " before a line to change it.
# The file goes where `hamish` looks for it: $HAMISH_CONFIG, or config.toml in your
# configuration directory (~/.config/hamish/config.toml on Linux).
"""


@cache
def example_config() -> str:
    """A commented file with every setting at its default (made on demand: no start needs it)."""
    import textwrap

    blocks = [_EXAMPLE_HEADER]
    for setting in SETTINGS:
        comment = textwrap.fill(
            setting.help, 92, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False
        )
        lines = "".join(f"# {line}\n" for line in setting.example.splitlines())
        blocks.append(f"{comment}\n{lines}")
    return "\n".join(blocks)


def settings_reference() -> str:
    """The settings as README's Configuration section lists them (Markdown)."""
    import textwrap

    return "".join(
        textwrap.fill(
            f"- `{setting.name}` (default: {setting.shown_default}): {setting.help}",
            100,
            subsequent_indent="  ",
            break_on_hyphens=False,
        )
        + "\n"
        for setting in SETTINGS
    )


# -- reading ------------------------------------------------------------------------------------


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
        return Config(), [safe_text(f"{shown_path(path)}: {unreadable}")]
    import tomllib  # only for a file that exists: most users have none

    from hamish.core.config_toml import decode_error_position, redefined_line

    reading = Reading(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason, number = decode_error_position(str(error))
        if reason.startswith("Cannot overwrite a value"):
            reason, number = "a key is given twice", redefined_line(text) or number
        where = reading.name if number is None else f"{reading.name}:{number}"
        return Config(), [safe_text(f"{where}: not valid TOML: {reason}; using the defaults")]
    return _config_from(data, reading), reading.problems


def _config_from(data: dict[str, object], reading: Reading) -> Config:
    rows = {setting.name: setting for setting in SETTINGS}
    values: dict[str, Any] = {}
    for key, value in data.items():
        setting = rows.get(key)
        if setting is None:
            reading.problem((key,), _unknown(key))
            continue
        try:
            values[key] = setting.parse(value, reading)
        except Invalid as invalid:
            reading.problem((key,), f"{key} {invalid}")
    return Config(**values)


def _unknown(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key.lower(), NAMES, n=1, cutoff=0.75)
    hint = f'did you mean "{close[0]}"?' if close else "known: " + ", ".join(NAMES)
    return f"unknown setting {toml_string(key)} ({hint})"


# -- saving -------------------------------------------------------------------------------------


class ConfigError(Exception):
    """``save_setting`` could not change the file; the message is one line for the user."""


def _setting_path(key: str) -> tuple[str, ...]:
    if key.startswith("keymap.") and len(key) > len("keymap."):
        return ("keymap", key.removeprefix("keymap."))
    if key in NAMES and key != "keymap":
        return (key,)
    raise ValueError(f"unknown setting {toml_string(key)} (use one of {', '.join(NAMES)})")


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
    validation = Reading(Path("config.toml"), "")
    _config_from(_nested(setting, value), validation)
    if validation.problems:
        raise ValueError(validation.problems[0].removeprefix("config.toml: "))
    path = paths.config_path() if path is None else path
    name = shown_path(path)
    text, unreadable = _read_text(path)
    if unreadable is not None:
        raise ConfigError(safe_text(f"{name}: {unreadable.removesuffix('; using the defaults')}"))
    text = text or ""
    import tomllib

    from hamish.core.config_toml import with_setting

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
        from hamish.core.atomic_file import replace_file

        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, [updated.encode("utf-8")])
    except OSError as error:
        raise ConfigError(safe_text(f"{name}: cannot be saved ({error})")) from error
