"""Glossary search (pure) over all glossary.json files of the course."""
from __future__ import annotations

from .content import load_glossary
from .exercises.checks import fold


def search(query: str, limit: int = 12) -> list[dict]:
    """Terms matching ``query`` (case/umlaut-insensitive); term matches before definition matches.

    An empty query returns the first ``limit`` terms alphabetically.
    """
    terms = load_glossary()
    q = fold(query or "").strip()
    if not q:
        return list(terms[:limit])
    starts = [t for t in terms if fold(t["term"]).startswith(q)]
    in_term = [t for t in terms if q in fold(t["term"]) and t not in starts]
    in_def = [t for t in terms if q in fold(t["definition"]) and t not in starts and t not in in_term]
    return (starts + in_term + in_def)[:limit]
