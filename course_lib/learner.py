"""A random, local learner id and the learner's stable option orders.

The id is created once, stored in the learner-data folder (store ``learner``) and never
leaves the machine: the export and the class results do not contain it. It only seeds the
per-learner shuffling of choice options, so that two learners see different orders while one
learner sees the same order every time the notebook is reopened.
"""
from __future__ import annotations

import hashlib
import os
import secrets
from typing import Iterable, Sequence

from .storage import Store

STORE = "learner"
_ID_LEN = 32  # hex characters
_cache: dict[str, str] = {}


def _valid(value) -> bool:
    return isinstance(value, str) and len(value) == _ID_LEN and all(c in "0123456789abcdef" for c in value)


ENV = "VERTRIEB30_LEARNER_ID"  # a fixed id for reproducible builds (execute_all) – never set for learners


def learner_id() -> str:
    """The learner's id (created and saved on first use; ``$VERTRIEB30_LEARNER_ID`` overrides)."""
    fixed = os.environ.get(ENV, "")
    if _valid(fixed):
        return fixed
    store = Store(STORE)
    key = str(store.folder)
    if key in _cache:
        return _cache[key]
    data = store.read()
    if not _valid(data.get("id")):
        new = secrets.token_hex(_ID_LEN // 2)

        def put(d):
            if not _valid(d.get("id")):  # another kernel may have written one meanwhile
                d["id"] = new

        data = store.update(put)
    _cache[key] = data["id"]
    return data["id"]


def order(key: str, ids: Sequence[str], *, fixed_last: Iterable[str] = (), seed: str | None = None) -> list[str]:
    """``ids`` in the learner's stable shuffled order for the item ``key``.

    Each id gets a rank from a hash of (learner id, key, id), so the order depends only on
    the learner and the item – not on the order in the data file. Ids in ``fixed_last`` keep
    their place at the end (e.g. „alle genannten“). ``seed`` replaces the stored learner id
    (tests, or a fixed order for handouts).
    """
    ids = list(ids)
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate ids in {ids!r}")
    last = [i for i in ids if i in set(fixed_last)]
    movable = [i for i in ids if i not in set(last)]
    who = seed if seed is not None else learner_id()

    def rank(i: str) -> str:
        return hashlib.sha256(f"{who}\x1f{key}\x1f{i}".encode("utf-8")).hexdigest()

    return sorted(movable, key=rank) + last
