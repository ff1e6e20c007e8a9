"""Glossary search (pure) over all glossary.json files of the course.

The search is tolerant: case, umlauts written as „ae/oe/ue“, hyphens and spaces do not
matter („Buying-Center“ = „buying center“ = „Buyingcenter“), and a small spelling
difference is forgiven („Markov“ finds „Markow-Kette“, „Druckerkolonne“ finds
„Drückerkolonne“). :func:`matches` returns every hit, so the widget can say how many
there are in total; :func:`search` keeps the short list (at most ``limit``).
"""
from __future__ import annotations

from .content import load_glossary
from .textfold import edit_distance, fold_search

#: Query words shorter than this are only matched exactly (as a substring), never fuzzily.
FUZZY_MIN_LEN = 4


def _tolerance(word: str) -> int:
    """Edits allowed for a query word: 0 below 4 letters, 1 up to 7, 2 from 8 letters on."""
    if len(word) < FUZZY_MIN_LEN:
        return 0
    return 1 if len(word) < 8 else 2


def _word_matches(qword: str, text_key: str, words: list[str]) -> bool:
    """``qword`` occurs in the folded text, or is within its tolerance of a word (or of the
    start of a word, so a typo in a half-typed word still finds it)."""
    if qword in text_key:
        return True
    tol = _tolerance(qword)
    if not tol:
        return False
    for w in words:
        if edit_distance(qword, w, tol) <= tol:
            return True
        if len(w) > len(qword) and edit_distance(qword, w[: len(qword)], tol) <= tol:
            return True
    return False


def _all_words_match(qwords: list[str], text: str) -> bool:
    key = fold_search(text)
    compact = key.replace(" ", "")
    words = key.split()
    return all(_word_matches(q, key, words) or q in compact for q in qwords)


def letter(term: dict) -> str:
    """The index letter of a term: its first letter, umlauts as their base letter („Ä“ → „A“)."""
    key = fold_search(term["term"])
    ch = key[:1].upper()
    return ch if ch.isalpha() else "#"


def matches(query: str) -> list[dict]:
    """Every term that matches ``query``, best first.

    Order: the term starts with the query; the query occurs in the term; the term matches
    with a small spelling difference; only the definition matches. Within each group the
    alphabetical order of the glossary is kept. An empty query matches nothing.
    """
    terms = load_glossary()
    key = fold_search(query or "")
    if not key:
        return []
    qwords = key.split()
    compact = key.replace(" ", "")
    starts, inside, fuzzy, in_def = [], [], [], []
    for t in terms:
        tkey = fold_search(t["term"])
        tcompact = tkey.replace(" ", "")
        if tcompact.startswith(compact):
            starts.append(t)
        elif compact in tcompact:
            inside.append(t)
        elif _all_words_match(qwords, t["term"]):
            fuzzy.append(t)
        elif _all_words_match(qwords, t["definition"]):
            in_def.append(t)
    return starts + inside + fuzzy + in_def


def by_letter(ch: str) -> list[dict]:
    """All terms filed under the index letter ``ch`` (see :func:`letter`)."""
    ch = (ch or "").strip().upper()[:1]
    return [t for t in load_glossary() if letter(t) == ch]


def letters() -> list[str]:
    """The index letters that have at least one term, in order."""
    return sorted({letter(t) for t in load_glossary()})


def search(query: str, limit: int = 12) -> list[dict]:
    """At most ``limit`` terms matching ``query`` (see :func:`matches`).

    An empty query returns the first ``limit`` terms alphabetically.
    """
    if not fold_search(query or ""):
        return list(load_glossary()[:limit])
    return matches(query)[:limit]


def count(query: str) -> int:
    """How many terms match ``query`` in total (0 for an empty query)."""
    return len(matches(query))
