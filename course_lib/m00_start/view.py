"""00_Start: warm-up widget, glossary search, progress overview, where learner data lives."""
from __future__ import annotations

import os
from html import escape
from pathlib import Path

import ipywidgets as widgets
import numpy as np

from .. import content, glossary
from ..blocks.liveplot import LivePlot
from ..blocks.panel import LivePanel, slider
from ..blocks.predict import Predict, Question, gate
from ..blocks.style import PALETTE, german_axis, style_axes
from ..format_de import num
from ..m03_digitalisierung.view import blank_on_error
from . import model


PREDICT_MINUTES = 90


def warmup(predict: bool = True) -> LivePanel:
    """Slider → bar of visits per day: a first feel for widgets.

    With ``predict`` the learner first types a guess for 90 minutes (the notebook asks for
    it); the plot, which answers it, opens afterwards.

    Invariants (tests/test_m00_invariants.py): the marker sits at (slider value, visits) on
    the plotted step curve and inside the axes; the number in the text is the marker's
    height; the text names the 45 minutes travel and the 8 hours the model uses.
    """
    plot = LivePlot(figsize=(6.0, 3.2))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Wie viele Kundenbesuche passen in einen Tag?", "Minuten pro Gespräch (min)", "Besuche pro Tag (Anzahl)")
    xs = np.arange(10, 181, 5)
    ax.plot(xs, [model.visits_per_day(x) for x in xs], drawstyle="steps-post", color=PALETTE["grau"], label="alle Gesprächslängen")
    ax.set_xlim(5, 185)
    ax.set_ylim(0, 9)
    german_axis(ax.yaxis, 0)
    german_axis(ax.xaxis, 0)
    (marker,) = ax.plot([], [], "D", color=PALETTE["orange"], markersize=11, markeredgecolor="black", label="Ihre Wahl")
    plot.dynamic(marker)
    ax.legend(fontsize=9, loc="upper right")
    text = widgets.HTML()

    @blank_on_error(plot, None, [text])
    def update(v):
        n = model.visits_per_day(v["minuten"])
        marker.set_data([v["minuten"]], [n])
        plot.refresh(alt=f"Treppenkurve der Besuche pro Tag; markiert: {num(v['minuten'], 0)} Minuten pro Gespräch ergeben {n} Besuche.")
        text.value = (f"<p>Bei <b>{num(v['minuten'], 0)} Minuten</b> pro Gespräch und 45 Minuten Fahrt passen "
                      f"<b>{n} Besuche</b> in einen Achtstundentag.</p>")

    panel = LivePanel(
        title="Aufwärmen: Ihr erster Regler",
        question="Was passiert mit der Zahl der Besuche pro Tag, wenn jedes Gespräch länger dauert?",
        controls={"minuten": slider("Minuten pro Gespräch", 60, 10, 180, 5, integer=True, unit="min")},
        views=[plot.widget, text],
        update=update,
        assumptions="8 Stunden Arbeitszeit, 45 Minuten Fahrzeit je Besuch, nur ganze Besuche zählen.",
    )
    panel.artists = {"marker": marker, "curve": ax.lines[0], "ax": ax}
    if predict:
        n90 = model.visits_per_day(PREDICT_MINUTES)
        gate(panel, Predict([Question(
            f"Wie viele Besuche passen in einen Tag, wenn jedes Gespräch {PREDICT_MINUTES} Minuten dauert?",
            unit="Besuche", unit_one="Besuch", lo=0, hi=50, digits=0,
            answer=lambda: (n90, f"{n90} Besuche bei {PREDICT_MINUTES} Minuten – prüfen Sie es mit dem Regler"))]))
    return panel


class GlossarySearch:
    """A search box over the course glossary."""

    def __init__(self):
        self.query = widgets.Text(value="", placeholder="z. B. Buying Center", description="Begriff suchen:",
                                  style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))
        self.results = widgets.HTML()
        self.results.add_class("vt-view")
        self.query.observe(lambda ch: self.show(ch["new"]), names="value")
        self.box = widgets.VBox([self.query, self.results])
        self.box.add_class("vt-glossary")
        self.show("")

    def show(self, q: str) -> None:
        hits = glossary.search(q)
        if not hits:
            self.results.value = f"<p>Zu „{escape(q)}“ gibt es keinen Eintrag. Versuchen Sie einen Wortteil, etwa „Kunde“.</p>"
            return
        total = len(content.load_glossary())
        head = f"<p><i>{len(hits)} von {total} Begriffen</i></p>" if q.strip() else f"<p><i>Die ersten {len(hits)} von {total} Begriffen – tippen Sie, um zu suchen.</i></p>"
        items = "".join(f"<dt><b>{escape(t['term'])}</b> <small>(Modul {t['module'][1:]})</small></dt><dd>{escape(t['definition'])}</dd>" for t in hits)
        self.results.value = head + f"<dl>{items}</dl>"

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def glossary_search() -> GlossarySearch:
    return GlossarySearch()


def module_table_markdown() -> str:
    """Markdown table of all modules with links (used to write 00_Start; tested for sync)."""
    rows = ["| Nr. | Modul | Worum es geht | Zeit | Übungen |", "|---|---|---|---|---|"]
    for m in content.modules():
        if m["id"] == "m00":
            continue
        ex = f"[Übungen](../exercises/{m['exercise']})" if m.get("exercise") else "–"
        rows.append(f"| {m['id'][1:]} | [{m['title']}]({m['notebook']}) | {m['summary']} | ca. {m['minutes']} Min. | {ex} |")
    return "\n".join(rows)


def data_location_text() -> str:
    """Where learner data lives, without printing machine-specific absolute paths."""
    if os.environ.get("VERTRIEB30_DATA_DIR"):
        return ("Ihre Antworten liegen in dem Ordner, den die Umgebungsvariable VERTRIEB30_DATA_DIR festlegt "
                "(Ihre Kursleitung hat ihn eingerichtet).")
    from ..storage import data_dir

    d = data_dir()
    try:
        shown = "~/" + str(d.relative_to(Path.home()))
    except ValueError:
        shown = str(d)
    return f"Ihre Antworten liegen im Ordner {shown} – außerhalb des Kursordners."


WIDGETS = {"warmup": warmup}
