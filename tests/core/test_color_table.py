"""The colour table (``Color``): each row is a whole colour. Adding one is adding a row; these
tests iterate the table, so a new row is checked everywhere a colour is used without Textual."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.config import load_config
from hamish.core.contrast import parse_hex
from hamish.core.export.web_annotation import export_json
from hamish.core.export.web_annotation_import import parse_json


def test_keys_and_names_are_unique_and_in_table_order() -> None:
    assert (
        len({color.key for color in Color}) == len({color.value for color in Color}) == len(Color)
    )
    assert [color.key for color in Color] == [str(n) for n in range(1, len(Color) + 1)]


@pytest.mark.parametrize("color", list(Color), ids=str)
def test_every_row_is_a_setting_an_export_and_an_import(tmp_path: Path, color: Color) -> None:
    parse_hex(color.ink)  # both are #rrggbb colours
    parse_hex(color.web)
    path = tmp_path / "config.toml"
    path.write_text(f'color = "{color}"\n', encoding="utf-8")
    config, problems = load_config(path)
    assert (config.color, problems) == (color, [])
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, "some text")], title="t")
    made = Annotation.create(
        article_key=article.key,
        text=article.text,
        start=0,
        end=4,
        text_hash=article.key,
        color=color,
    )
    exported = export_json(article, [Anchored(made, AnchorStatus.EXACT, 0, 4)], exported_at="")
    item = json.loads(exported)["first"]["items"][0]
    assert item["target"]["styleClass"] == color.value
    assert item["stylesheet"]["value"] == f".{color} {{ background-color: {color.web}; }}"
    [imported] = parse_json(exported).annotations
    assert imported.annotation.color is color
