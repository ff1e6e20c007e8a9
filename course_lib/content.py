"""Loading and validating the course's data files (one ``data/`` folder per module).

Everything a notebook shows as content – quiz items, reflection prompts, polls, exercise
tasks, datasets, the glossary – comes from here, validated against the schemas in
``course_lib/schemas``. Files are size-limited and parsed as JSON/CSV only: nothing is
evaluated or unpickled.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import CourseInputError
from .schema import SchemaError, check

MAX_DATA_FILE_BYTES = 1_000_000


def read_json_file(path: Path | Any, schema_name: str | None = None, *, max_bytes: int = MAX_DATA_FILE_BYTES) -> Any:
    """Read a JSON file (a Path or an importlib Traversable) with a size limit and optional schema.

    Raises :class:`CourseInputError` (German) for files that are too large, not JSON, or do
    not match the schema.
    """
    name = getattr(path, "name", str(path))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CourseInputError(f"Die Datei „{name}“ fehlt.", "Bitte prüfen Sie, ob der Kurs vollständig installiert ist.") from None
    if len(raw) > max_bytes:
        raise CourseInputError(
            f"Die Datei „{name}“ ist zu groß ({len(raw) // 1000}\u00a0kB, erlaubt sind {max_bytes // 1000}\u00a0kB).",
            "Bitte verwenden Sie eine kleinere Datei.",
        )
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise CourseInputError(
            f"Die Datei „{name}“ ist keine gültige JSON-Datei ({type(exc).__name__}).",
            "Bitte prüfen Sie die Datei oder nehmen Sie die Originalfassung.",
        ) from None
    if schema_name:
        try:
            check(doc, schema_name)
        except SchemaError as exc:
            raise CourseInputError(
                f"Die Datei „{name}“ hat nicht das erwartete Format: {exc}",
                "Bitte korrigieren Sie die genannten Stellen.",
            ) from None
    return doc


@lru_cache(maxsize=None)
def modules() -> tuple[dict, ...]:
    """All course modules in order (from ``data/modules.json``)."""
    doc = read_json_file(resources.files("course_lib.data").joinpath("modules.json"), "modules")
    return tuple(doc["modules"])


def module_info(module_id: str) -> dict:
    """The registry entry of one module, e.g. ``module_info("m04")``."""
    for m in modules():
        if m["id"] == module_id:
            return m
    known = ", ".join(m["id"] for m in modules())
    raise CourseInputError(f"Das Modul „{module_id}“ gibt es nicht.", f"Bekannte Module: {known}.")


def data_path(module_id: str, filename: str):
    """Traversable of ``course_lib/<package>/data/<filename>``."""
    pkg = module_info(module_id)["package"]
    return resources.files(f"course_lib.{pkg}").joinpath("data", filename)


def load_module_file(module_id: str, filename: str, schema: str) -> dict:
    """A module's data file ``<package>/data/<filename>``, checked against
    ``schemas/<schema>.schema.json``; its ``"module"`` field must name ``module_id``."""
    doc = read_json_file(data_path(module_id, filename), schema)
    if doc["module"] != module_id:
        raise CourseInputError(f"{filename} gehört zu „{doc['module']}“, nicht zu „{module_id}“.",
                               f"Bitte tragen Sie in „{filename}“ als „module“ „{module_id}“ ein.")
    return doc


@lru_cache(maxsize=None)
def load_content(module_id: str) -> dict:
    """Quiz items, reflection prompts and polls of a module (``data/content.json``)."""
    return load_module_file(module_id, "content.json", "content")


@lru_cache(maxsize=None)
def load_tasks(module_id: str) -> dict:
    """Exercise tasks of a module (``data/tasks.json``)."""
    return load_module_file(module_id, "tasks.json", "tasks")


def find(items: list[dict], item_id: str, what: str) -> dict:
    """Return the entry with ``id == item_id`` or raise a German error."""
    for it in items:
        if it["id"] == item_id:
            return it
    raise CourseInputError(f"{what} „{item_id}“ gibt es nicht.", "Bitte prüfen Sie die Kennung.")


@lru_cache(maxsize=None)
def load_glossary() -> tuple[dict, ...]:
    """All glossary terms: course-wide ones (``data/glossary.json``) plus each module's own
    ``<package>/data/glossary.json``, sorted alphabetically."""
    terms = list(read_json_file(resources.files("course_lib.data").joinpath("glossary.json"), "glossary")["terms"])
    for m in modules():
        p = data_path(m["id"], "glossary.json")
        if p.is_file():
            terms += read_json_file(p, "glossary")["terms"]
    return tuple(sorted(terms, key=lambda t: t["term"].lower()))


def load_csv(module_id: str, filename: str, **kwargs):
    """A module's CSV dataset as a pandas DataFrame (size-limited; missing values stay NaN)."""
    import io

    import pandas as pd

    p = data_path(module_id, filename)
    raw = p.read_bytes()
    if len(raw) > MAX_DATA_FILE_BYTES:
        raise CourseInputError(f"Die Datei „{filename}“ ist zu groß.", "Bitte verwenden Sie eine kleinere Datei.")
    return pd.read_csv(io.BytesIO(raw), **kwargs)


def load_widget_data(package: str, name: str) -> dict:
    """A widget's table of learner text (``course_lib/<package>/data/<name>.json``), validated
    against ``schemas/<name>.schema.json`` – the file's stem names its schema.

    ``package`` is a model's ``__package__`` (e.g. ``"course_lib.m01_vertrieb30"``)."""
    return read_json_file(resources.files(package).joinpath("data", f"{name}.json"), name)


def data_error(filename: str, problem: str) -> CourseInputError:
    """The German error for a data file that passes its schema but contradicts itself."""
    return CourseInputError(f"Die Datei „{filename}“ ist fehlerhaft: {problem}.",
                            "Bitte korrigieren Sie die genannte Stelle oder nehmen Sie die Originalfassung des Kurses.")
