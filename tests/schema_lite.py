"""A validator for the subset of JSON Schema (2020-12) that src/ras/_cli/schema.py
uses, for the interpreters where the ``jsonschema`` package is not installed
(the Windows CPythons of the Wine tier): ``type`` (one or a list), ``required``,
``properties``, ``additionalProperties`` (true, false or a schema), ``items``,
``$ref`` to ``#/$defs/...``, ``pattern``, ``minimum``, ``maximum``, ``enum``;
``format``, ``description`` and ``title`` are annotations.  A keyword it does
not know fails the check, so the schema cannot outgrow it unnoticed.
``tests/test_cli_entries.py`` checks that it agrees with ``jsonschema`` where
that is installed.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
_KNOWN = {
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "format",
    "type",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "pattern",
    "minimum",
    "maximum",
    "enum",
}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def errors(
    instance: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$"
) -> list[str]:
    """Every way `instance` breaks `schema` (`root` holds the ``$defs``)."""
    unknown = set(schema) - _KNOWN
    if unknown:
        return [f"{path}: schema keywords this validator does not know: {sorted(unknown)}"]
    out: list[str] = []
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        out += errors(instance, root["$defs"][ref[len("#/$defs/") :]], root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(instance, t) for t in types):
            return [*out, f"{path}: {instance!r} is not of type {types}"]
    if "enum" in schema and instance not in schema["enum"]:
        out.append(f"{path}: {instance!r} is not one of {schema['enum']}")
    if isinstance(instance, str) and "pattern" in schema:
        if not re.search(schema["pattern"], instance):
            out.append(f"{path}: {instance!r} does not match {schema['pattern']!r}")
    if _is_type(instance, "number"):
        if "minimum" in schema and instance < schema["minimum"]:
            out.append(f"{path}: {instance} < {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            out.append(f"{path}: {instance} > {schema['maximum']}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            out += errors(item, schema["items"], root, f"{path}[{i}]")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                out.append(f"{path}: {key!r} is required")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, value in instance.items():
            if key in props:
                out += errors(value, props[key], root, f"{path}.{key}")
            elif extra is False:
                out.append(f"{path}: additional property {key!r}")
            elif isinstance(extra, dict):
                out += errors(value, extra, root, f"{path}.{key}")
    return out
