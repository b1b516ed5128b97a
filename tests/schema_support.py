"""Checking a script's text against ``coach schema`` as an editor would."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from coach.scripts.schema import script_schema

SCHEMA = script_schema()
CHECKER = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """A loaded YAML value as an editor's YAML server hands it to the schema."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def schema_errors(text: str) -> list[str]:
    return [error.message for error in CHECKER.iter_errors(as_json(yaml.safe_load(text)))]
