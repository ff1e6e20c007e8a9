"""A small, dependency-free validator for the JSON-Schema subset the course uses.

Every data file the course reads (module content, exercise tasks, learner exports, instructor
data) is checked with it before use; it agrees with the
reference ``jsonschema`` implementation on the course's schemas. It is kept small so that
importing course_lib in a notebook stays fast.

``tests/test_schema_differential.py`` compares it with ``jsonschema`` (Draft 2020-12) on the
course's schemas and real documents, on mutated (invalid) documents and on a corpus of
edge cases. JSON semantics, not Python's: ``true`` is not ``1`` (``const``, ``enum``,
``uniqueItems``), ``2.0`` is an integer, and a ``pattern``'s ``$`` matches only at the very
end of the string (as in ECMA-262; Python's ``$`` would also match before a final newline,
so „Adler_3\n“ would pass ``^[A-Za-z0-9_]+$``) – the one place where this validator is
deliberately stricter than the Python ``jsonschema`` package.

Supported keywords: type, enum, const, properties, required, additionalProperties, items,
minItems, maxItems, uniqueItems, minLength, maxLength, pattern, minimum, maximum,
exclusiveMinimum, maxProperties, anyOf, oneOf, $ref (local ``#/$defs/...``), propertyNames.
:func:`load_schema` refuses a schema with any other keyword, so nothing is silently ignored.
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


SUPPORTED = frozenset({
    "$comment", "$defs", "$ref", "$schema", "$id", "title", "description", "type", "enum", "const",
    "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "uniqueItems",
    "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "maxProperties",
    "anyOf", "oneOf", "propertyNames",
})


def _is_type(value: Any, t: str) -> bool:
    if t == "integer":
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
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


def json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON Schema defines it: booleans are not numbers, 1 equals 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern:
    """Compile a JSON-Schema pattern: an unescaped ``$`` outside a character class becomes
    ``\\Z`` (end of string only), ``\\d``/``\\w`` stay ASCII as in ECMA-262."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        elif c == "$" and not in_class:
            c = r"\Z"
        out.append(c)
        i += 1
    return re.compile("".join(out), re.ASCII)


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
    if "const" in s and not json_equal(v, s["const"]):
        errors.append((path, f"muss {s['const']!r} sein"))
    if "enum" in s and not any(json_equal(v, e) for e in s["enum"]):
        errors.append((path, f"muss einer von {s['enum']!r} sein"))
    if isinstance(v, str):
        if "minLength" in s and len(v) < s["minLength"]:
            errors.append((path, f"zu kurz (mindestens {s['minLength']} Zeichen)"))
        if "maxLength" in s and len(v) > s["maxLength"]:
            errors.append((path, f"zu lang (höchstens {s['maxLength']} Zeichen)"))
        if "pattern" in s and not _regex(s["pattern"]).search(v):
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
        if s.get("uniqueItems") and any(json_equal(v[i], v[j]) for i in range(len(v)) for j in range(i)):
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
                bad: list = []
                _check(key, pn, root, sub, bad)
                if bad:
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
    schema = json.loads(text)
    unknown = sorted(_keywords(schema) - SUPPORTED)
    if unknown:
        raise ValueError(f"{name}.schema.json uses keywords this validator does not support: {unknown}")
    return schema


def _keywords(schema: dict) -> set:
    """All keywords of the schema nodes that validation can reach from the root (following
    local ``$ref``s); names under ``properties`` are names, not keywords."""
    found: set = set()
    seen: set = set()

    def walk(s: Any) -> None:
        if not isinstance(s, dict):
            return
        for k, v in s.items():
            found.add(k)
            if k == "$ref" and v not in seen:
                seen.add(v)
                walk(_resolve(v, schema))
            elif k == "properties":
                for sub in v.values():
                    walk(sub)
            elif k in ("anyOf", "oneOf"):
                for sub in v:
                    walk(sub)
            elif k in ("items", "additionalProperties", "propertyNames"):
                walk(v)

    walk(schema)
    shape = {"type", "properties", "$ref", "anyOf", "oneOf", "enum", "const", "items"}
    for name, d in schema.get("$defs", {}).items():
        if isinstance(d, dict) and shape & d.keys():
            walk(d)            # a schema: every key must be a keyword
        elif isinstance(d, dict):
            for sub in d.values():  # a bag of property schemas (e.g. tasks' "common")
                walk(sub)
    return found


def check(doc: Any, schema_name: str) -> Any:
    """Validate ``doc`` against a named course schema; raise :class:`SchemaError` if invalid."""
    errs = validate(doc, load_schema(schema_name))
    if errs:
        raise SchemaError(errs)
    return doc
