"""Exports of an article's annotations, as pure functions from values to text.

Writing files is the caller's business: everything here takes an ``Article`` and its
``Anchored`` annotations (or exported text) and returns strings or frozen dataclasses.
"""

from hamish.core.export.filenames import safe_file_name, unique_file_name, unique_file_names
from hamish.core.export.markdown import export_markdown
from hamish.core.export.matching import ImportPlan, plan_import
from hamish.core.export.web_annotation import export_json
from hamish.core.export.web_annotation_import import (
    ImportBatch,
    ImportedAnnotation,
    ImportFormatError,
    ImportSource,
    parse_json,
)

__all__ = [
    "ImportBatch",
    "ImportFormatError",
    "ImportPlan",
    "ImportSource",
    "ImportedAnnotation",
    "export_json",
    "export_markdown",
    "parse_json",
    "plan_import",
    "safe_file_name",
    "unique_file_name",
    "unique_file_names",
]
