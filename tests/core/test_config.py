"""config.toml: defaults, every setting, one-line problems with their line, and safe saving."""

from __future__ import annotations

import errno
import json
import os
import re
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamish.core import atomic_file, paths
from hamish.core.annotations.model import Color
from hamish.core.atomic_file import WriteFailed
from hamish.core.config import (
    SETTINGS,
    Config,
    ConfigError,
    Setting,
    example_config,
    load_config,
    save_setting,
    settings_reference,
)


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def load_text(path: Path, text: str) -> tuple[Config, list[str]]:
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_a_missing_file_gives_the_defaults_and_no_problem(config_file: Path) -> None:
    assert load_config(config_file) == (Config(), [])
    assert Config() == Config(
        theme="textual-dark", color=Color.YELLOW, bidi="app", shaping=True, export_dir=None
    )
    assert dict(Config().keymap) == {}


def test_an_empty_file_gives_the_defaults(config_file: Path) -> None:
    assert load_text(config_file, "") == (Config(), [])
    assert load_text(config_file, "# only a comment\n\n") == (Config(), [])


def test_hamish_config_names_the_file(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text('theme = "nord"\n', encoding="utf-8")
    monkeypatch.setenv("HAMISH_CONFIG", str(config_file))
    assert load_config() == (Config(theme="nord"), [])


def test_every_setting_is_read(config_file: Path) -> None:
    config, problems = load_text(
        config_file,
        """
theme = "gruvbox"
color = "purple"
bidi = "terminal"
shaping = false
export_dir = "/srv/notes"
export_flavor = "github"

[keymap]
"reader.highlight" = "H"
"app.quit" = "q,ctrl+q"
""",
    )
    assert problems == []
    assert config == Config(
        theme="gruvbox",
        color=Color.PURPLE,
        bidi="terminal",
        shaping=False,
        export_dir=Path("/srv/notes"),
        export_flavor="github",
        keymap={"reader.highlight": "H", "app.quit": "q,ctrl+q"},
    )


def test_choices_ignore_case_and_surrounding_spaces(config_file: Path) -> None:
    config, problems = load_text(config_file, 'color = " Green "\nbidi = "Terminal"\n')
    assert (config.color, config.bidi, problems) == (Color.GREEN, "terminal", [])


def test_keymap_ids_may_be_written_as_sub_tables_or_dotted_keys(config_file: Path) -> None:
    config, problems = load_text(
        config_file,
        '[keymap]\napp.quit = "ctrl+q"\n[keymap.reader]\nhighlight = "H"\nnote = "N"\n',
    )
    assert problems == []
    assert dict(config.keymap) == {
        "app.quit": "ctrl+q",
        "reader.highlight": "H",
        "reader.note": "N",
    }


def test_the_config_is_immutable_and_hashable(config_file: Path) -> None:
    config, _ = load_text(config_file, '[keymap]\n"reader.note" = "N"\n')
    with pytest.raises(TypeError):
        config.keymap["reader.note"] = "M"  # type: ignore[index]
    assert hash(config) == hash(Config())  # the keymap does not take part in the hash


def test_export_dir_expands_home_and_is_relative_to_the_config_file(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert load_text(config_file, 'export_dir = "~/notes"')[0].export_dir == (
        tmp_path / "home" / "notes"
    )
    assert load_text(config_file, 'export_dir = "exports"')[0].export_dir == tmp_path / "exports"


def test_the_export_directory_defaults_to_paths(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HAMISH_EXPORT_DIR", str(tmp_path / "out"))
    assert Config().export_directory() == paths.export_dir() == tmp_path / "out"
    assert Config(export_dir=tmp_path / "mine").export_directory() == tmp_path / "mine"


# -- problems ------------------------------------------------------------------------------------

BAD_SETTINGS = """\
theme = "nord"
color = "red"
bidi = "both"
shaping = "yes"
export_dir = 3
colour = "blue"
export_flavor = "notion"

[keymap]
"reader.highlight" = 5
"app.quit" = "ctrl+q"

[reader]
width = 80
"""


def test_wrong_settings_are_reported_at_their_line_and_the_rest_is_kept(
    config_file: Path,
) -> None:
    config, problems = load_text(config_file, BAD_SETTINGS)
    name = str(config_file)
    assert problems == [
        f'{name}:2: color must be one of yellow, green, blue, pink, purple (got "red")',
        f'{name}:3: bidi must be "app" or "terminal" (got "both")',
        f'{name}:4: shaping must be true or false (got "yes")',
        f"{name}:5: export_dir must be a directory path (got 3)",
        f'{name}:6: unknown setting "colour" (did you mean "color"?)',
        f'{name}:7: export_flavor must be one of obsidian, github, plain (got "notion")',
        f'{name}:10: keymap entry "reader.highlight" must be a string of keys such as "ctrl+h" '
        "(got 5)",
        f'{name}:13: unknown setting "reader" (known: theme, color, bidi, shaping, max_width, '
        "export_dir, export_flavor, keymap)",
    ]
    assert config == Config(theme="nord", keymap={"app.quit": "ctrl+q"})


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('theme = ""', 1, 'theme must be a theme name (got "")'),
        ("theme = [1, 2]", 1, "theme must be a theme name (got an array)"),
        ("\n\ncolor = 2", 3, "color must be one of yellow, green, blue, pink, purple (got 2)"),
        ("shaping = 1", 1, "shaping must be true or false (got 1)"),
        ("max_width = -1", 1, "max_width must be a number of columns from 0 to 1000 (got -1)"),
        ("max_width = 5000", 1, "max_width must be a number of columns from 0 to 1000 (got 5000)"),
        ("max_width = true", 1, "max_width must be a number of columns from 0 to 1000 (got true)"),
        ('max_width = "80"', 1, 'max_width must be a number of columns from 0 to 1000 (got "80")'),
        ('export_dir = ""', 1, 'export_dir must be a directory path (got "")'),
        (
            'keymap = "H"',
            1,
            'keymap must be a table like [keymap] "reader.highlight" = "H" (got "H")',
        ),
        (
            "keymap = [1]",
            1,
            'keymap must be a table like [keymap] "reader.highlight" = "H" (got an array)',
        ),
        # A key inside an inline table is reported at the table's line.
        (
            '\nkeymap = { "reader.note" = true }',
            2,
            'keymap entry "reader.note" must be a string of keys such as "ctrl+h" (got true)',
        ),
        (
            '[keymap]\n"reader.note" = "  "',
            2,
            'keymap entry "reader.note" must be a string of keys such as "ctrl+h" (got "  ")',
        ),
        (
            "date = 2024-01-01",
            1,
            'unknown setting "date" (known: theme, color, bidi, shaping, max_width, '
            "export_dir, export_flavor, keymap)",
        ),
        ("shaping = 2024-01-01", 1, "shaping must be true or false (got a date)"),
    ],
)
def test_each_problem_names_the_file_and_line(
    config_file: Path, text: str, line: int, message: str
) -> None:
    config, problems = load_text(config_file, text)
    assert problems == [f"{config_file}:{line}: {message}"]
    assert config == Config()


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('theme = "nord"\ncolor = \n', 2, "Invalid value (column 9)"),
        ("[keymap\n", 1, "Expected ']' at the end of a table declaration (column 8)"),
        ('color = "blue"\ncolor = "pink"\n', 2, "a key is given twice"),
    ],
)
def test_a_syntax_error_gives_the_defaults_and_its_line(
    config_file: Path, text: str, line: int, reason: str
) -> None:
    config, problems = load_text(config_file, text)
    assert config == Config()
    assert len(problems) == 1
    assert problems[0].startswith(f"{config_file}:{line}: not valid TOML: ")
    assert reason in problems[0]
    assert problems[0].endswith("using the defaults")


def test_a_file_that_is_not_text_or_not_a_file_is_reported(config_file: Path) -> None:
    config_file.write_bytes(b'theme = "\xff"\n')
    config, problems = load_config(config_file)
    assert config == Config()
    assert problems == [
        f"{config_file}: is not UTF-8 text (invalid byte at offset 9); using the defaults"
    ]
    directory = config_file.parent / "folder.toml"
    directory.mkdir()
    config, problems = load_config(directory)
    assert config == Config()
    assert problems == [f"{directory}: cannot be read (Is a directory); using the defaults"]


def test_a_byte_order_mark_is_accepted(config_file: Path) -> None:
    config_file.write_bytes(b'\xef\xbb\xbftheme = "nord"\n')
    assert load_config(config_file) == (Config(theme="nord"), [])


def test_messages_cannot_carry_terminal_controls(config_file: Path) -> None:
    _, problems = load_text(config_file, '"\\u001b[2J\\u202e" = 1\ncolor = "\\u009b"\n')
    assert problems == [
        f'{config_file}:1: unknown setting "\\u001B[2J\\u202E" (known: theme, color, bidi, '
        "shaping, max_width, export_dir, export_flavor, keymap)",
        f'{config_file}:2: color must be one of yellow, green, blue, pink, purple (got "\\u009B")',
    ]


def test_a_home_path_is_shown_with_a_tilde(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    path = tmp_path / ".config" / "hamish" / "config.toml"
    path.parent.mkdir(parents=True)
    _, problems = load_text(path, "shaping = 0")
    assert problems == ["~/.config/hamish/config.toml:1: shaping must be true or false (got 0)"]


# -- any text at all -------------------------------------------------------------------------

KEYS = [
    "theme",
    "color",
    "bidi",
    "shaping",
    "export_dir",
    "keymap",
    "keymap.reader",
    '"a.b"',
    "x",
    "colour",
    "[keymap]",
    "[keymap.app]",
    "[[keymap]]",
    "[theme]",
]
VALUES = [
    '"nord"',
    '"blue"',
    '"app"',
    '"terminal"',
    "true",
    "false",
    "1",
    "2.5",
    '"~/x"',
    "[1, 2]",
    '{ "reader.note" = "N" }',
    "{ a = 1 }",
    "2024-01-01",
    '""',
    '"""\nx\n"""',
    "'lit'",
    '"\\u001b"',
    "=",
    "",
]


@st.composite
def toml_like(draw: st.DrawFn) -> str:
    """Lines that are mostly TOML, often wrong: the shapes a hand-edited file takes."""
    lines = draw(
        st.lists(
            st.one_of(
                st.builds(
                    lambda k, v: f"{k} = {v}", st.sampled_from(KEYS), st.sampled_from(VALUES)
                ),
                st.sampled_from(KEYS),
                st.sampled_from(["", "# comment", "  \t", "\ufeff", "\x00"]),
                st.text(max_size=20),
            ),
            max_size=12,
        )
    )
    return "\n".join(lines)


SETTING_KEYS = ["theme", "color", "bidi", "shaping", "export_dir", "keymap", "colour", '"odd key"']
TABLE_KEYS = ['"reader.note"', "app.quit", "highlight", "'x'", "n"]


@st.composite
def valid_toml(draw: st.DrawFn) -> str:
    """Valid TOML with settings of any type, right or wrong, and keymap tables."""
    lines = [
        f"{key} = {draw(st.sampled_from(VALUES[:-5]))}"
        for key in draw(st.lists(st.sampled_from(SETTING_KEYS), unique=True))
    ]
    for header in draw(
        st.lists(st.sampled_from(["keymap", "keymap.reader", "other"]), unique=True)
    ):
        if not any(line.startswith(header.split(".")[0] + " ") for line in lines):
            lines.append(f"[{header}]")
            for key in draw(st.lists(st.sampled_from(TABLE_KEYS), unique=True, max_size=3)):
                lines.append(f"  {key} = {draw(st.sampled_from(VALUES[:-5]))}")
    return "\n".join(lines)


def assert_well_formed(result: tuple[Config, list[str]], path: Path) -> None:
    config, problems = result
    assert isinstance(config, Config)
    assert isinstance(config.color, Color) and config.bidi in ("app", "terminal")
    assert isinstance(config.theme, str) and isinstance(config.shaping, bool)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in config.keymap.items())
    for problem in problems:
        assert problem.startswith(f"{path}:"), problem
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") for c in problem)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.text(), toml_like()))
def test_any_text_gives_a_config_and_one_line_problems(config_file: Path, text: str) -> None:
    config_file.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_well_formed(load_config(config_file), config_file)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(valid_toml())
def test_every_problem_in_valid_toml_has_its_line(config_file: Path, text: str) -> None:
    """Each message points at the line of the key it is about (or of its inline table)."""
    config_file.write_text(text, encoding="utf-8")
    result = load_config(config_file)
    assert_well_formed(result, config_file)
    lines = text.splitlines()
    for problem in result[1]:
        found = re.match(rf"{re.escape(str(config_file))}:(\d+): (.*)", problem)
        assert found, problem
        line = lines[int(found.group(1)) - 1]
        subject = re.match(r'(unknown setting |keymap entry )?"?([\w. ]+)', found.group(2))
        assert subject, problem
        name = subject.group(2).split(" ")[0].split(".")[-1]
        assert name in line, (problem, line)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_config(config_file: Path, data: bytes) -> None:
    config_file.write_bytes(data)
    assert_well_formed(load_config(config_file), config_file)


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    str.strip
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "theme": names,
            "color": st.sampled_from(list(Color)).map(str),
            "bidi": st.sampled_from(["app", "terminal"]),
            "shaping": st.booleans(),
            "export_flavor": st.sampled_from(["obsidian", "github", "plain"]),
            "keymap": st.dictionaries(names, names, max_size=4),
        },
    )
)
def test_a_valid_file_reads_back_exactly(config_file: Path, data: dict[str, object]) -> None:
    """Written here with JSON strings (valid TOML basic strings), independently of hamish."""
    lines = []
    for key, value in data.items():
        if key != "keymap":
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    if "keymap" in data:
        lines.append("[keymap]")
        for binding, keys in data["keymap"].items():  # type: ignore[attr-defined]
            lines.append(
                f"{json.dumps(binding, ensure_ascii=False)} = "
                f"{json.dumps(keys, ensure_ascii=False)}"
            )
    config, problems = load_text(config_file, "\n".join(lines))
    assert problems == []
    expected = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
    expected["keymap"] = {k: v.strip() for k, v in data.get("keymap", {}).items()}  # type: ignore[attr-defined]
    assert config == Config(**expected)  # type: ignore[arg-type]


# -- the example --------------------------------------------------------------------------------


def uncommented(example: str) -> str:
    """The example with its settings switched on: lines "# key = ..." and "# [table]"."""
    setting = re.compile(r'# ((?:[\w.]+|"[\w.]+") = .*|\[\w+\])$')
    return "\n".join(line[2:] if setting.match(line) else line for line in example.splitlines())


def test_the_example_is_all_defaults_as_shipped(config_file: Path) -> None:
    assert load_text(config_file, example_config()) == (Config(), [])


def test_the_example_settings_are_valid_and_documented(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    text = uncommented(example_config())
    keys = (
        "theme",
        "color",
        "bidi",
        "shaping",
        "max_width",
        "export_dir",
        "export_flavor",
        "keymap",
    )
    assert set(tomllib.loads(text)) == set(keys)
    config, problems = load_text(config_file, text)
    assert problems == []
    assert config == Config(
        export_dir=tmp_path / "Documents" / "hamish",
        keymap={"reader.highlight": "H", "app.quit": "q,ctrl+q"},
    )
    documented = readme_settings()
    for key in keys:
        assert f"- `{key}` (default: " in documented


README = Path(__file__).resolve().parents[2] / "README.md"
SETTINGS_START, SETTINGS_END = "<!-- settings:start -->\n", "<!-- settings:end -->"


def readme_settings() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index(SETTINGS_START) + len(SETTINGS_START) : text.index(SETTINGS_END)]


def test_the_readme_lists_the_settings_table() -> None:
    """README's list is generated; after changing a row, regenerate it with
    ``HAMISH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/core/test_config.py`` and review the diff."""
    if os.environ.get("HAMISH_UPDATE_GOLDEN") == "1":
        text = README.read_text(encoding="utf-8")
        start = text.index(SETTINGS_START) + len(SETTINGS_START)
        README.write_text(text[:start] + settings_reference() + text[text.index(SETTINGS_END) :])
    assert readme_settings() == settings_reference()


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda setting: setting.name)
def test_every_row_of_the_table_is_read_checked_documented_and_in_the_example(
    config_file: Path, setting: Setting
) -> None:
    """Adding a setting is adding a row (a ``Config`` field): this is all it needs to pass."""
    assert getattr(Config(), setting.name) == setting.default
    # In the example, commented out, under its help; switched on, it reads back without problems.
    example = "".join(f"# {line}\n" for line in setting.example.splitlines())
    assert example in example_config()
    comment = example_config().split(example)[0].rsplit("\n\n", 1)[-1]
    assert " ".join(line.removeprefix("# ") for line in comment.splitlines()) == setting.help
    config, problems = load_text(config_file, uncommented(example))
    assert problems == []
    if setting.name not in ("export_dir", "keymap"):  # their examples are not the default
        assert config == Config()
    # Checked: a wrong value is one problem at its line, and the default stays.
    config, problems = load_text(config_file, f"\n{setting.name} = 2024-01-01T00:00:00Z\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{config_file}:2: {setting.name} must be ")
    assert problems[0].endswith(" (got a datetime)")
    assert config == Config()
    # Documented in README, with its default and its help.
    documented = " ".join(readme_settings().split())
    assert f"- `{setting.name}` (default: {setting.shown_default}): {setting.help}" in documented
    # Saved by save_setting like any other (a table's entries are saved one by one).
    if isinstance(setting.default, str | bool):
        save_setting(setting.name, setting.default, config_file)
        assert load_config(config_file) == (Config(), [])


# -- saving ------------------------------------------------------------------------------------


def test_saving_creates_the_file_and_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    save_setting("theme", "nord", path)
    save_setting("keymap.reader.highlight", "H", path)
    assert (
        path.read_text(encoding="utf-8") == 'theme = "nord"\n\n[keymap]\n"reader.highlight" = "H"\n'
    )
    assert load_config(path) == (Config(theme="nord", keymap={"reader.highlight": "H"}), [])


def test_saving_changes_one_line_and_keeps_the_comments(config_file: Path) -> None:
    config_file.write_text(example_config().replace('# color = "yellow"', 'color = "blue"'))
    save_setting("color", "pink", config_file)
    save_setting("shaping", False, config_file)
    text = config_file.read_text(encoding="utf-8")
    assert text == example_config().replace('# color = "yellow"', 'color = "pink"').replace(
        "# Key bindings", "shaping = false\n\n# Key bindings"
    )
    assert load_config(config_file) == (Config(color=Color.PINK, shaping=False), [])


def test_saving_a_binding_adds_it_to_the_keymap_table(config_file: Path) -> None:
    config_file.write_text('[keymap]\n"app.quit" = "q"\n\n[keymap.reader]\nnote = "n"\n')
    save_setting("keymap.reader.note", "N", config_file)
    save_setting("keymap.reader.tags", "T", config_file)
    save_setting("theme", "nord", config_file)
    assert config_file.read_text() == (
        'theme = "nord"\n\n[keymap]\n"app.quit" = "q"\n"reader.tags" = "T"\n\n'
        '[keymap.reader]\nnote = "N"\n'
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("colour", "blue", 'unknown setting "colour"'),
        ("keymap", "H", 'unknown setting "keymap"'),
        ("color", "red", 'color must be one of yellow, green, blue, pink, purple (got "red")'),
        ("shaping", "no", 'shaping must be true or false (got "no")'),
        ("theme", True, "theme must be a theme name (got true)"),
        ("keymap.app.quit", "", 'keymap entry "app.quit" must be a string of keys'),
    ],
)
def test_saving_rejects_what_loading_would(
    config_file: Path, key: str, value: str | bool, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        save_setting(key, value, config_file)
    assert not config_file.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("theme = \n", "not valid TOML"),
        ('keymap = { "app.quit" = "q" }\n', "written in a way hamish cannot edit"),
        ('theme = """\nnord"""\n', "written in a way hamish cannot edit"),
    ],
)
def test_saving_never_breaks_a_file_it_cannot_edit(
    config_file: Path, text: str, message: str
) -> None:
    config_file.write_text(text)
    with pytest.raises(ConfigError, match=message):
        save_setting("keymap.app.quit" if "keymap" in text else "theme", "x", config_file)
    assert config_file.read_text() == text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("theme"), names),
            st.tuples(st.just("color"), st.sampled_from(list(Color)).map(str)),
            st.tuples(st.just("shaping"), st.booleans()),
            st.tuples(st.sampled_from(["keymap.a.b", "keymap.c", "keymap.reader.note"]), names),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_saved_settings_read_back(tmp_path: Path, changes: list[tuple[str, str | bool]]) -> None:
    path = tmp_path / "saved.toml"
    path.write_text(example_config())
    for key, value in changes:
        save_setting(key, value, path)
    config, problems = load_config(path)
    assert problems == []
    final = dict(changes)
    for key, value in final.items():
        if key.startswith("keymap."):
            assert config.keymap[key.removeprefix("keymap.")] == str(value).strip()
        else:
            expected = value.strip() if isinstance(value, str) else value
            assert getattr(config, key) == expected
    path.unlink()


def test_a_file_that_cannot_be_read_or_written_is_a_config_error(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = config_file.parent / "not-a-directory"
    blocker.write_text("")
    with pytest.raises(ConfigError, match=r"cannot be read \(Not a directory\)"):
        save_setting("theme", "nord", blocker / "config.toml")

    def disk_full(path: Path, pieces: list[bytes]) -> None:
        raise WriteFailed(OSError(errno.ENOSPC, "No space left on device"), replaced=False)

    config_file.write_text('theme = "nord"\n')
    monkeypatch.setattr(atomic_file, "replace_file", disk_full)  # imported when saving
    with pytest.raises(ConfigError, match=r"cannot be saved \(.*No space left on device"):
        save_setting("theme", "gruvbox", config_file)
    assert config_file.read_text() == 'theme = "nord"\n'


def test_max_width_takes_a_number_of_columns_or_zero(config_file: Path) -> None:
    assert load_text(config_file, "max_width = 100") == (Config(max_width=100), [])
    assert load_text(config_file, "max_width = 0") == (Config(max_width=0), [])
