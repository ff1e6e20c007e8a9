"""Shared discovery of the course's notebooks for tests."""
from __future__ import annotations

import json
from pathlib import Path

from course_lib.authoring.execute_all import all_notebooks as course_notebooks  # noqa: F401 - one list for tools and tests

ROOT = Path(__file__).resolve().parents[1]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def cell_text(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def output_texts(cell: dict):
    """Yield every textual payload of a code cell's outputs."""
    for o in cell.get("outputs", []) or []:
        if "text" in o:
            t = o["text"]
            yield "".join(t) if isinstance(t, list) else t
        for mime, payload in (o.get("data") or {}).items():
            if isinstance(payload, (list, str)):
                yield "".join(payload) if isinstance(payload, list) else payload
            else:
                yield json.dumps(payload)
