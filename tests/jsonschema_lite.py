"""A validator for the subset of JSON Schema (2020-12) that ras/_cli/schema.py uses.

Standard library only, so the Wine tier (Windows CPythons with only pytest and
hypothesis) validates the CLI's --json output too.  Keywords: type (a name or
a list of names), required, properties, additionalProperties (a bool or a
schema), items, enum, $ref (to #/$defs/...).  Any other keyword is refused,
so the schema cannot silently grow past what this checks;
tests/test_cli.py also checks it against the real jsonschema where that is
installed (Linux).
"""

from __future__ import annotations

from typing import Any

KNOWN = {
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "enum",
}

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def errors(
    instance: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$"
) -> list[str]:
    """Every way `instance` breaks `schema` (empty: valid)."""
    unknown = set(schema) - KNOWN
    if unknown:
        return [f"{path}: schema keywords this validator does not know: {sorted(unknown)}"]
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            return [f"{path}: unsupported $ref {ref}"]
        return errors(instance, root["$defs"][ref[len("#/$defs/") :]], root, path)
    out: list[str] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = False
        for name in names:
            py = TYPES[name]
            if name in ("integer", "number") and isinstance(instance, bool):
                continue
            if isinstance(instance, py):
                ok = True
        if not ok:
            return [f"{path}: {instance!r} is not of type {names}"]
    if "enum" in schema and instance not in schema["enum"]:
        out.append(f"{path}: {instance!r} is not one of {schema['enum']}")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                out.append(f"{path}: missing {key!r}")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, value in instance.items():
            if key in props:
                out += errors(value, props[key], root, f"{path}.{key}")
            elif extra is False:
                out.append(f"{path}: unexpected key {key!r}")
            elif isinstance(extra, dict):
                out += errors(value, extra, root, f"{path}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            out += errors(item, schema["items"], root, f"{path}[{i}]")
    return out


def check(instance: Any, definition: str, root: dict[str, Any]) -> None:
    """Raises AssertionError listing every problem of `instance` against $defs/`definition`."""
    problems = errors(instance, {"$ref": f"#/$defs/{definition}"}, root)
    assert not problems, "\n".join(problems)
