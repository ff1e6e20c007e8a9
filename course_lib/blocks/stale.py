"""Errors never stand next to stale numbers: on bad input a widget hides its plotted data and
its result texts before the German message is shown. Used by the module views around their
``update`` functions."""
from __future__ import annotations

from ..errors import CourseInputError
from .liveplot import LivePlot

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
