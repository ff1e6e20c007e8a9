"""Run widget callbacks safely: a learner never sees a traceback wall.

* :class:`~course_lib.errors.CourseInputError` → its German message (and hint) is shown.
* Any other exception → a German "something went wrong" message is shown, the traceback is
  written to ``<data dir>/logs/kurs.log`` and kept in :data:`LAST_ERRORS` (for tests and
  instructors). Errors are never swallowed silently.
"""
from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING, Callable

from ..errors import CourseInputError
from .messages import error_box

if TYPE_CHECKING:
    from .liveplot import LivePlot

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


# -- views: an error never stands next to numbers of earlier values --------------------------

NO_RESULT = "<p><i>Keine Auswertung: Bitte prüfen Sie Ihre Eingabe (Hinweis unter dem Widget).</i></p>"


def blank_on_error(plot: LivePlot, artists: list | None, texts: list):
    """Wrap an ``update``: on bad input hide the plotted data and the result texts before the
    German message is shown, so that an error never stands next to numbers of earlier values
    and the display depends only on the current control values.

    ``artists``: what to hide (``None``: every dynamic artist of ``plot``). Artists hidden
    this way are shown again before the next update, which then sets what it needs."""
    def deco(update):
        hidden: list = []

        def wrapped(v):
            for a in hidden:
                a.set_visible(True)
            hidden.clear()
            try:
                update(v)
            except CourseInputError:
                for a in (plot._dynamic if artists is None else artists):
                    if a.get_visible():
                        a.set_visible(False)
                        hidden.append(a)
                plot.refresh(alt="Keine Darstellung: Eine Eingabe ist ungültig; der Hinweis unter dem Widget sagt, was zu tun ist.")
                for t in texts:
                    t.value = NO_RESULT
                raise
        return wrapped
    return deco
