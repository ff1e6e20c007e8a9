"""Learner data on disk: reflections, quiz answers, polls, task progress, self-assessments.

Where: ``$VERTRIEB30_DATA_DIR`` if set, else ``$XDG_DATA_HOME/vertrieb30``, else
``~/.local/share/vertrieb30`` – outside the course checkout, so a ``git pull`` or a fresh
clone never touches a learner's answers.

How (see docs/LEARNER_DATA.md):

* one JSON document per store (``reflections.json``, ``progress.json`` …) with a format tag
  and a version;
* every change is read–modify–write under an exclusive ``flock`` on ``<store>.lock``, so two
  notebooks (two kernels) writing at once lose no entry;
* the new content is written to a temporary file in the same folder, flushed, fsync'ed and
  renamed over the old one (atomic on POSIX): a crash mid-write leaves the previous state;
* a file that cannot be read (corrupt, foreign, unknown version) is moved aside as
  ``<store>.defekt-<timestamp>.json`` and a German notice is recorded – never silently
  discarded.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

FORMAT_PREFIX = "vertrieb30/"
VERSION = 1
MAX_STORE_BYTES = 5_000_000

# Notices about moved-aside files, shown by widgets (German, learner-facing).
NOTICES: list[str] = []


def _schema_errors(name: str, data: dict) -> list:
    """Validate a known store's data against course_lib/schemas/stores.schema.json."""
    from .schema import load_schema, validate

    root = load_schema("stores")
    if name not in root["$defs"]:
        return []
    return validate(data, root["$defs"][name], root=root)


def data_dir() -> Path:
    """The folder with the learner's saved data (created on first use)."""
    env = os.environ.get("VERTRIEB30_DATA_DIR")
    if env:
        base = Path(env).expanduser()
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = (Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share") / "vertrieb30"
    base.mkdir(parents=True, exist_ok=True)
    return base


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temp file in the same folder + fsync + rename)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


class Store:
    """One named JSON store in the learner data folder.

    >>> s = Store("reflections")
    >>> s.update(lambda d: d.setdefault("m01", {}).update(r1="Mein Text"))
    >>> s.read()["m01"]["r1"]
    'Mein Text'
    """

    def __init__(self, name: str, folder: Path | None = None):
        if not name.replace("_", "").isalnum():
            raise ValueError(f"bad store name {name!r}")
        self.name = name
        self._folder = folder

    @property
    def folder(self) -> Path:
        return self._folder or data_dir()

    @property
    def path(self) -> Path:
        return self.folder / f"{self.name}.json"

    @contextlib.contextmanager
    def _locked(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / f"{self.name}.lock", "a+") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _load(self) -> dict:
        p = self.path
        if not p.exists():
            return {}
        problem = None
        try:
            raw = p.read_bytes()
            if len(raw) > MAX_STORE_BYTES:
                problem = "zu groß"
            else:
                doc = json.loads(raw.decode("utf-8"))
                if not isinstance(doc, dict) or doc.get("format") != FORMAT_PREFIX + self.name:
                    problem = "fremdes Format"
                elif doc.get("version") != VERSION:
                    problem = f"unbekannte Version {doc.get('version')!r}"
                elif not isinstance(doc.get("data"), dict):
                    problem = "ohne Daten"
                elif _schema_errors(self.name, doc["data"]):
                    problem = "unerwarteter Inhalt"
                else:
                    return doc["data"]
        except (OSError, UnicodeDecodeError, ValueError):
            problem = "beschädigt"
        self._move_aside(problem)
        return {}

    def _move_aside(self, problem: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.path.with_name(f"{self.name}.defekt-{stamp}.json")
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.path, target)
        NOTICES.append(
            f"Ihre gespeicherte Datei „{self.path.name}“ war nicht lesbar ({problem}). "
            f"Sie wurde nicht gelöscht, sondern als „{target.name}“ beiseitegelegt "
            f"(Ordner: {self.folder}). Neue Eingaben werden ab jetzt wieder gespeichert."
        )

    def read(self) -> dict:
        """The current data (a fresh copy; changing it does not write)."""
        with self._locked():
            return self._load()

    def update(self, change: Callable[[dict], Any]) -> dict:
        """Apply ``change(data)`` under the lock and save atomically; returns the new data."""
        with self._locked():
            data = self._load()
            change(data)
            doc = {"format": FORMAT_PREFIX + self.name, "version": VERSION,
                   "saved": time.strftime("%Y-%m-%dT%H:%M:%S"), "data": data}
            atomic_write_text(self.path, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True))
            return data

    def reset(self) -> None:
        """Delete the store's contents (the file is kept as an empty, valid store)."""
        self.update(lambda d: d.clear())


def pop_notices() -> list[str]:
    """Return and clear the pending notices about moved-aside files."""
    out = list(NOTICES)
    NOTICES.clear()
    return out
