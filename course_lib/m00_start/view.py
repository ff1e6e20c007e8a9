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
from ..blocks.guard import blank_on_error
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
    """A search box over the course glossary with an A–Z index.

    Typing searches tolerantly (see :mod:`course_lib.glossary`); a letter button lists all
    terms under that letter. Results are a two-column table (term | explanation), so a
    term can never drift next to another term's definition.
    """

    LIMIT = 12

    def __init__(self):
        self.query = widgets.Text(value="", placeholder="z. B. Buying Center", description="Begriff suchen:",
                                  style={"description_width": "initial"}, layout=widgets.Layout(width="min(420px, 100%)"))
        self.results = widgets.HTML()
        self.results.add_class("vt-view")
        self.query.observe(lambda ch: self.show(ch["new"]), names="value")
        buttons = []
        for ch in glossary.letters():
            b = widgets.Button(description="0–9" if ch == "#" else ch, tooltip=f"Alle Begriffe unter {ch}",
                               layout=widgets.Layout(width="auto", min_width="2.6em", padding="0 6px"))
            b.on_click(lambda _b, ch=ch: self.show_letter(ch))
            buttons.append(b)
        self.index = widgets.HBox([widgets.HTML("<span>Von A bis Z:&nbsp;</span>")] + buttons,
                                  layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.box = widgets.VBox([self.query, self.index, self.results])
        self.box.add_class("vt-glossary")
        self.show("")

    @staticmethod
    def _table(terms) -> str:
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:4px 8px;width:30%'>{escape(t['term'])}"
            f"<br><small style='font-weight:normal'>Modul {t['module'][1:]}</small></th>"
            f"<td style='text-align:left;vertical-align:top;padding:4px 8px'>{escape(t['definition'])}</td></tr>"
            for t in terms)
        return ("<table class='vt-glossary-table' style='width:100%;table-layout:fixed;border-collapse:collapse'>"
                "<thead><tr><th scope='col' style='text-align:left;padding:4px 8px;width:30%'>Begriff</th>"
                "<th scope='col' style='text-align:left;padding:4px 8px'>Erklärung</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>")

    @staticmethod
    def head_text(shown: int, total: int, all_terms: int, query: str = "") -> str:
        """„12 von 30 Treffern“ when only part of the hits is shown, otherwise „3 Treffer“."""
        if not query:
            return f"Die ersten {shown} von {all_terms} Begriffen – tippen Sie, um zu suchen, oder wählen Sie einen Buchstaben."
        if shown < total:
            return f"{shown} von {total} Treffern – verfeinern Sie die Suche, um alle zu sehen."
        return f"{total} Treffer"

    def show(self, q: str) -> None:
        all_terms = len(content.load_glossary())
        if not q.strip():
            hits = glossary.search("", self.LIMIT)
            self.results.value = f"<p><i>{self.head_text(len(hits), all_terms, all_terms)}</i></p>" + self._table(hits)
            return
        found = glossary.matches(q)
        if not found:
            self.results.value = (f"<p>Zu „{escape(q)}“ gibt es keinen Eintrag. Versuchen Sie einen Wortteil, etwa „Kunde“, "
                                  "oder wählen Sie oben einen Buchstaben.</p>")
            return
        hits = found[: self.LIMIT]
        self.results.value = f"<p><i>{escape(self.head_text(len(hits), len(found), all_terms, q))}</i></p>" + self._table(hits)

    def show_letter(self, ch: str) -> None:
        terms = glossary.by_letter(ch)
        label = "0–9" if ch == "#" else ch
        self.results.value = f"<p><i>{len(terms)} Begriffe unter „{escape(label)}“</i></p>" + self._table(terms)

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
        rows.append(f"| {m['id'][1:]} | [{m['title']}]({m['notebook']}) | {m['summary']} | ca. {m['minutes']}\u00a0Min. | {ex} |")
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
