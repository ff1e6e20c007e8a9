"""Learner data on disk: reflections, quiz answers, polls, task progress, self-assessments.

Where: ``$VERTRIEB30_DATA_DIR`` if set, else the platform's user data folder
(``platformdirs.user_data_dir("vertrieb30", appauthor=False)``): ``%LOCALAPPDATA%\\vertrieb30`` on
Windows, ``~/Library/Application Support/vertrieb30`` on macOS,
``$XDG_DATA_HOME/vertrieb30`` or ``~/.local/share/vertrieb30`` on Linux – outside the course
checkout, so a ``git pull`` or a fresh clone never touches a learner's answers. Data from the
old fixed Linux location (``~/.local/share/vertrieb30``, used before 0.2 on every platform)
is moved there once.

How (see docs/LEARNER_DATA.md):

* one JSON document per store (``reflections.json``, ``progress.json`` …) with a format tag
  and a version;
* every change is read–modify–write under an exclusive lock on ``<store>.lock``
  (:mod:`filelock`: ``flock`` on Unix, ``msvcrt`` locking on Windows, a marker file with
  stale-owner detection where neither exists), so two notebooks (two kernels) writing at
  once lose no entry;
* the new content is validated (store schema, size) *before* anything is written, then
  written to a temporary file in the same folder, flushed, fsync'ed and renamed over the old
  one (``os.replace``: atomic on POSIX and on Windows/NTFS; retried while another program
  briefly holds the old file open on Windows): a crash mid-write leaves the previous state;
* a file that cannot be read (corrupt, foreign, unknown version) is moved aside as
  ``<store>.defekt-<timestamp>.json`` and a German notice is recorded (:func:`pop_notices`,
  :func:`notice_html`) – never silently discarded;
* a save that fails (disk full, no permission, lock not available) raises
  :class:`SaveError`, a :class:`~course_lib.errors.CourseInputError` whose German message says
  that the input was *not* saved (widgets show it through ``blocks.guard``).
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from .errors import CourseInputError

FORMAT_PREFIX = "vertrieb30/"
VERSION = 1
MAX_STORE_BYTES = 5_000_000
APP_NAME = "vertrieb30"
LOCK_TIMEOUT_S = 30.0
# Windows: os.replace fails with PermissionError while another process (a second kernel
# reading the file, a virus scanner, a backup tool) has the target open. Retry for ~3 s.
REPLACE_RETRIES = 30
REPLACE_DELAY_S = 0.1

# Notices about moved-aside files, shown by widgets (German, learner-facing).
NOTICES: list[str] = []


class SaveError(CourseInputError):
    """Saving learner data failed; the message says so in German (nothing was written)."""


class StoreDataError(SaveError):
    """A programming error: the data a change produced does not fit the store's schema (or is
    not JSON). Raised before anything is written, so such data never lands on disk (and is
    never later moved aside as a „defekte“ learner file). The learner is told in German that
    the input was not saved; ``detail`` (English, also in ``str()``) is for developers and is
    written to the course log."""

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(
            "Ihre letzte Eingabe wurde NICHT gespeichert (ein Fehler im Kurs-Code). Ihre bisher "
            "gespeicherten Eingaben sind unverändert.",
            "Bitte melden Sie das Ihrer Kursleitung (Details stehen im Kurs-Protokoll).",
        )
        with contextlib.suppress(Exception):
            from .blocks.guard import logger

            logger().error("refused to save learner data: %s", detail)

    def __str__(self) -> str:
        return f"{self.detail} – {self.message}"


def _schema_errors(name: str, data: dict) -> list:
    """Validate a known store's data against course_lib/schemas/stores.schema.json."""
    from .schema import load_schema, validate

    root = load_schema("stores")
    if name not in root["$defs"]:
        return []
    return validate(data, root["$defs"][name], root=root)


# -- where the data lives ------------------------------------------------------------------

def legacy_dir() -> Path:
    """The folder every platform used before 0.2 (XDG rule, Linux-style)."""
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share") / APP_NAME


def platform_dir() -> Path:
    """The platform's user data folder for the course (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


_MIGRATED: set[str] = set()


def _migrate_legacy(new: Path) -> None:
    """Move data from the old Linux-style folder to ``new`` once (when they differ).

    Only when ``new`` holds no data yet: two folders with data are never merged (the old one
    stays where it is, and the learner is told)."""
    key = str(new)
    if key in _MIGRATED:
        return
    _MIGRATED.add(key)
    old = legacy_dir()
    try:
        if old.resolve() == new.resolve() or not old.is_dir() or not any(old.iterdir()):
            return
        if new.exists() and any(new.iterdir()):
            NOTICES.append(
                f"Im früheren Datenordner „{old}“ liegen noch gespeicherte Kursdaten. Der Kurs "
                f"nutzt jetzt „{new}“, in dem schon Daten sind; der alte Ordner wurde deshalb "
                "nicht übernommen und nicht gelöscht."
            )
            return
        new.parent.mkdir(parents=True, exist_ok=True)
        if new.exists():
            new.rmdir()  # empty
        shutil.move(str(old), str(new))
    except OSError as exc:
        NOTICES.append(
            f"Ihre gespeicherten Kursdaten aus „{old}“ konnten nicht nach „{new}“ verschoben "
            f"werden ({type(exc).__name__}). Sie sind nicht verloren: Der alte Ordner ist noch da."
        )


def data_dir() -> Path:
    """The folder with the learner's saved data (created on first use)."""
    env = os.environ.get("VERTRIEB30_DATA_DIR")
    if env:
        base = Path(env).expanduser()
    else:
        base = platform_dir()
        _migrate_legacy(base)
    base.mkdir(parents=True, exist_ok=True)
    return base


# -- atomic write --------------------------------------------------------------------------

def _replace(src: str, dst: Path) -> None:
    """``os.replace`` with a short retry while the target is held open (Windows)."""
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(REPLACE_DELAY_S)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temp file in the same folder + fsync + rename)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sys.platform != "win32":  # make the rename itself durable (no directory handles on Windows)
        with contextlib.suppress(OSError):
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


def _save_error(what: str, exc: BaseException) -> SaveError:
    reason = {
        "PermissionError": "keine Schreibberechtigung",
        "Timeout": "die Datei ist gerade von einem anderen Notebook gesperrt",
    }.get(type(exc).__name__)
    if reason is None:
        reason = "der Speicherplatz ist voll" if getattr(exc, "errno", None) == 28 else type(exc).__name__
    return SaveError(
        f"Ihre letzte Eingabe wurde NICHT gespeichert ({what}: {reason}).",
        "Ihr Text bzw. Ihre Auswahl steht noch im Notebook – kopieren Sie längere Texte zur "
        "Sicherheit. Versuchen Sie es in einer Minute noch einmal; bleibt der Fehler, melden "
        "Sie ihn Ihrer Kursleitung.",
    )


class Store:
    """One named JSON store in the learner data folder.

    >>> s = Store("reflections")
    >>> s.update(lambda d: d.setdefault("m01", {}).update(r1={"text": "Mein Text"}))["m01"]["r1"]["text"]
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
        from filelock import FileLock, Timeout

        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(folder / f"{self.name}.lock"), timeout=LOCK_TIMEOUT_S)
        try:
            lock.acquire()
        except (Timeout, OSError) as exc:
            raise _save_error(f"Sperre für „{self.name}.json“", exc) from exc
        try:
            yield
        finally:
            lock.release()

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
            _replace(str(self.path), target)
        NOTICES.append(
            f"Ihre gespeicherte Datei „{self.path.name}“ war nicht lesbar ({problem}). "
            f"Sie wurde nicht gelöscht, sondern als „{target.name}“ beiseitegelegt "
            f"(Ordner: {self.folder}). Neue Eingaben werden ab jetzt wieder gespeichert."
        )

    def read(self) -> dict:
        """The current data (a fresh copy; changing it does not write)."""
        with self._locked():
            return self._load()

    def _serialise(self, data: dict) -> str:
        """The file content for ``data`` – or an exception, before anything is written."""
        if not isinstance(data, dict):
            raise StoreDataError(f"store {self.name!r}: data must be a dict, got {type(data).__name__}")
        errors = _schema_errors(self.name, data)
        if errors:
            raise StoreDataError(f"store {self.name!r}: refusing to write data that does not match "
                                 f"its schema: {errors[:3]}")
        doc = {"format": FORMAT_PREFIX + self.name, "version": VERSION,
               "saved": time.strftime("%Y-%m-%dT%H:%M:%S"), "data": data}
        try:
            text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise StoreDataError(f"store {self.name!r}: data is not JSON ({exc})") from exc
        if len(text.encode("utf-8")) > MAX_STORE_BYTES:
            # A file this large would be refused (moved aside) on the next read: never write it.
            raise SaveError(
                f"Ihre letzte Eingabe wurde NICHT gespeichert: Die Datei „{self.name}.json“ würde "
                f"größer als {MAX_STORE_BYTES // 1_000_000}\u00a0MB.",
                "Kürzen Sie Ihren Text; Ihre bisher gespeicherten Eingaben bleiben erhalten.",
            )
        return text

    def update(self, change: Callable[[dict], Any]) -> dict:
        """Apply ``change(data)`` under the lock and save atomically; returns the new data.

        Validated before writing: data that does not fit the store's schema raises
        :class:`StoreDataError` and nothing is written. A failed write raises
        :class:`SaveError` (German) and leaves the previous state."""
        with self._locked():
            data = self._load()
            change(data)
            text = self._serialise(data)
            try:
                atomic_write_text(self.path, text)
            except OSError as exc:
                raise _save_error(f"„{self.name}.json“", exc) from exc
            return data

    def reset(self) -> None:
        """Delete the store's contents (the file is kept as an empty, valid store)."""
        self.update(lambda d: d.clear())


def pop_notices() -> list[str]:
    """Return and clear the pending notices about moved-aside files."""
    out = list(NOTICES)
    NOTICES.clear()
    return out


def notice_html() -> str:
    """The pending store notices as German message boxes (HTML), cleared once shown; ``""``
    when there is nothing to say. Every widget that reads a store shows it once after reading:
    ``status.value = storage.notice_html() + status.value``."""
    notices = pop_notices()
    if not notices:
        return ""
    from .blocks.messages import box

    return "".join(box("info", n, title="Gespeicherte Daten") for n in notices)
