"""A small, dependency-free validator for the JSON-Schema subset the course uses.

Every data file the course reads (module content, exercise tasks, learner exports, instructor
data) is checked with it before use; ``tests/test_schema.py`` proves it agrees with the
reference ``jsonschema`` implementation on the course's schemas. It is kept small so that
importing course_lib in a notebook stays fast.

Supported keywords: type, enum, const, properties, required, additionalProperties, items,
minItems, maxItems, uniqueItems, minLength, maxLength, pattern, minimum, maximum,
exclusiveMinimum, anyOf, oneOf, $ref (local ``#/$defs/...``), propertyNames (maxLength).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def _is_type(value: Any, t: str) -> bool:
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[t])


class SchemaError(ValueError):
    """A document does not match its schema. ``errors`` lists (path, problem) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        shown = "; ".join(f"{p or '(Wurzel)'}: {m}" for p, m in errors[:5])
        more = f" (und {len(errors) - 5} weitere)" if len(errors) > 5 else ""
        super().__init__(shown + more)


def validate(doc: Any, schema: dict, *, root: dict | None = None) -> list[tuple[str, str]]:
    """Return a list of (json-path, German problem) pairs; empty means valid."""
    errors: list[tuple[str, str]] = []
    _check(doc, schema, root or schema, "", errors)
    return errors


def _resolve(ref: str, root: dict) -> dict:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref supported: {ref}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _check(v: Any, s: dict, root: dict, path: str, errors: list) -> None:
    if "$ref" in s:
        _check(v, _resolve(s["$ref"], root), root, path, errors)
        return
    t = s.get("type")
    if t is not None:
        types = t if isinstance(t, list) else [t]
        if not any(_is_type(v, x) for x in types):
            errors.append((path, f"erwartet {'/'.join(types)}, gefunden {type(v).__name__}"))
            return
    if "const" in s and v != s["const"]:
        errors.append((path, f"muss {s['const']!r} sein"))
    if "enum" in s and v not in s["enum"]:
        errors.append((path, f"muss einer von {s['enum']!r} sein"))
    if isinstance(v, str):
        if "minLength" in s and len(v) < s["minLength"]:
            errors.append((path, f"zu kurz (mindestens {s['minLength']} Zeichen)"))
        if "maxLength" in s and len(v) > s["maxLength"]:
            errors.append((path, f"zu lang (höchstens {s['maxLength']} Zeichen)"))
        if "pattern" in s and not re.search(s["pattern"], v):
            errors.append((path, f"passt nicht zum Muster {s['pattern']}"))
    if _is_type(v, "number"):
        if "minimum" in s and v < s["minimum"]:
            errors.append((path, f"kleiner als {s['minimum']}"))
        if "maximum" in s and v > s["maximum"]:
            errors.append((path, f"größer als {s['maximum']}"))
        if "exclusiveMinimum" in s and v <= s["exclusiveMinimum"]:
            errors.append((path, f"muss größer als {s['exclusiveMinimum']} sein"))
    if isinstance(v, list):
        if "minItems" in s and len(v) < s["minItems"]:
            errors.append((path, f"zu wenige Einträge (mindestens {s['minItems']})"))
        if "maxItems" in s and len(v) > s["maxItems"]:
            errors.append((path, f"zu viele Einträge (höchstens {s['maxItems']})"))
        if s.get("uniqueItems"):
            seen = [json.dumps(x, sort_keys=True) for x in v]
            if len(set(seen)) != len(seen):
                errors.append((path, "Einträge doppelt"))
        if "items" in s:
            for i, item in enumerate(v):
                _check(item, s["items"], root, f"{path}[{i}]", errors)
    if isinstance(v, dict):
        for key in s.get("required", []):
            if key not in v:
                errors.append((path, f"Feld „{key}“ fehlt"))
        props = s.get("properties", {})
        extra = s.get("additionalProperties", True)
        pn = s.get("propertyNames")
        if "maxProperties" in s and len(v) > s["maxProperties"]:
            errors.append((path, f"zu viele Felder (höchstens {s['maxProperties']})"))
        for key, val in v.items():
            sub = f"{path}.{key}" if path else str(key)
            if pn is not None:
                if not isinstance(key, str) or len(key) > pn.get("maxLength", 10**9) or (
                    "pattern" in pn and not re.search(pn["pattern"], key)
                ):
                    errors.append((sub, "unzulässiger Feldname"))
            if key in props:
                _check(val, props[key], root, sub, errors)
            elif extra is False:
                errors.append((sub, "unbekanntes Feld"))
            elif isinstance(extra, dict):
                _check(val, extra, root, sub, errors)
    for kw in ("anyOf", "oneOf"):
        if kw in s:
            results = []
            for alt in s[kw]:
                e: list = []
                _check(v, alt, root, path, e)
                results.append(e)
            ok = sum(1 for e in results if not e)
            if ok == 0:
                best = min(results, key=len)
                errors.extend(best or [(path, "passt zu keiner erlaubten Form")])
            elif kw == "oneOf" and ok > 1:
                errors.append((path, "passt zu mehreren Formen zugleich"))


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """Load ``course_lib/schemas/<name>.schema.json``."""
    text = resources.files("course_lib.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def check(doc: Any, schema_name: str) -> Any:
    """Validate ``doc`` against a named course schema; raise :class:`SchemaError` if invalid."""
    errs = validate(doc, load_schema(schema_name))
    if errs:
        raise SchemaError(errs)
    return doc
