"""Text folding for tolerant matching (pure, no dependencies).

Shared by the glossary search and – if wanted – by the exercise checks: one place that
decides when two spellings count as "the same word".

* :func:`fold` – lower case, umlauts and ß as ae/oe/ue/ss, accents removed, runs of white
  space collapsed (the rule the exercise checks use);
* :func:`fold_search` – :func:`fold` plus hyphens, slashes, dots and other punctuation read
  as spaces, so „Buying-Center“, „Buying Center“ and „buying/center“ are one key;
* :func:`edit_distance` – Levenshtein distance with an early stop, for small typos and
  spelling variants such as „Markov“/„Markow“.
"""
from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_PUNCT = re.compile(r"[^\w\s]|_", flags=re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, fold umlauts/ß and accents, collapse spaces – for keyword matching."""
    t = text.lower().translate(_UMLAUTS)
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", t)


def fold_search(text: str) -> str:
    """:func:`fold` with punctuation (hyphen, slash, dot, quotes …) read as a space, trimmed."""
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", fold(text))).strip()


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance of ``a`` and ``b``.

    With ``limit`` the computation stops early and returns ``limit + 1`` as soon as the
    distance is certain to exceed ``limit`` (cheap for long, clearly different words).
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]
