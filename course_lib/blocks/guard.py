"""Run widget callbacks safely: a learner never sees a traceback wall.

* :class:`~course_lib.errors.CourseInputError` → its German message (and hint) is shown.
* Any other exception → a German "something went wrong" message is shown, the traceback is
  written to ``<data dir>/logs/kurs.log`` and kept in :data:`LAST_ERRORS` (for tests and
  instructors). Errors are never swallowed silently.
"""
from __future__ import annotations

import logging
import traceback
from typing import Callable

from ..errors import CourseInputError
from .messages import error_box

LAST_ERRORS: list[str] = []
_logger: logging.Logger | None = None


def logger() -> logging.Logger:
    global _logger
    if _logger is None:
        from logging.handlers import RotatingFileHandler

        from ..storage import data_dir

        _logger = logging.getLogger("vertrieb30")
        _logger.setLevel(logging.INFO)
        _logger.propagate = False
        try:
            logs = data_dir() / "logs"
            logs.mkdir(parents=True, exist_ok=True)
            h = RotatingFileHandler(logs / "kurs.log", maxBytes=500_000, backupCount=2, encoding="utf-8")
        except OSError:
            h = logging.StreamHandler()
        h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(h)
    return _logger


def run(fn: Callable, show: Callable[[str], None], *args, **kwargs) -> bool:
    """Call ``fn``; on error call ``show(html)`` with a German message. Returns success."""
    try:
        fn(*args, **kwargs)
    except CourseInputError as exc:
        show(error_box(exc.message, exc.hint))
        return False
    except Exception:  # noqa: BLE001 - shown to the learner and logged, never swallowed
        tb = traceback.format_exc()
        LAST_ERRORS.append(tb)
        logger().error("widget callback failed:\n%s", tb)
        show(error_box(
            "Da ist im Hintergrund etwas schiefgelaufen. Ihre Eingaben sind erhalten.",
            "Bitte ändern Sie den Wert noch einmal oder führen Sie die Zelle erneut aus. "
            "Bleibt der Fehler, melden Sie ihn Ihrer Kursleitung (Details stehen im Kurs-Protokoll).",
        ))
        return False
    return True
