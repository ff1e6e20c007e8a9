"""00_Start: warm-up widget, glossary search, progress overview, where learner data lives."""
from __future__ import annotations

import os
import re
from html import escape
from pathlib import Path

import ipywidgets as widgets

from .. import content, glossary
from ..blocks.css import styled
from ..blocks.palette import PALETTE
from ..blocks.svgplot import SvgPlot
from ..blocks.panel import LivePanel, slider
from ..blocks.predict import Predict, Question, gate
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
    # an SVG chart, not matplotlib: the start page stays open next to every module, and
    # matplotlib + numpy would cost ≈ 50 MB in its kernel (issue #22)
    plot = SvgPlot(title="Wie viele Kundenbesuche passen in einen Tag?", xlabel="Minuten pro Gespräch",
                   ylabel="Besuche pro Tag (Anzahl)", xlim=(5, 185), ylim=(0, 9), width=560, height=320)
    xs = list(range(10, 181, 5))
    curve = plot.line(xs, [model.visits_per_day(x) for x in xs], steps=True, color=PALETTE["grau"],
                      label="alle Gesprächslängen", width=2.0)
    marker = plot.marker(color=PALETTE["orange"], label="Ihre Wahl")
    text = widgets.HTML()

    @blank_on_error(plot, None, [text])
    def update(v):
        n = model.visits_per_day(v["minuten"])
        marker.set_data([v["minuten"]], [n])
        plot.refresh(alt=f"Treppenkurve der Besuche pro Tag; markiert: {num(v['minuten'], 0)}\u00a0Minuten pro Gespräch ergeben {n}\u00a0Besuche.")
        text.value = (f"<p>Bei <b>{num(v['minuten'], 0)}&nbsp;Minuten</b> pro Gespräch und 45&nbsp;Minuten Fahrt passen "
                      f"<b>{n}&nbsp;Besuche</b> in einen Achtstundentag.</p>")

    panel = LivePanel(
        title="Aufwärmen: Ihr erster Regler",
        question="Was passiert mit der Zahl der Besuche pro Tag, wenn jedes Gespräch länger dauert?",
        controls={"minuten": slider("Dauer je Gespräch", 60, 10, 180, 5, integer=True, unit="min")},
        views=[plot.widget, text],
        update=update,
        assumptions="8\u00a0Stunden Arbeitszeit, 45\u00a0Minuten Fahrzeit je Besuch, nur ganze Besuche zählen.",
    )
    panel.artists = {"marker": marker, "curve": curve, "plot": plot}
    if predict:
        n90 = model.visits_per_day(PREDICT_MINUTES)
        gate(panel, Predict([Question(
            f"Wie viele Besuche passen in einen Tag, wenn jedes Gespräch {PREDICT_MINUTES}\u00a0Minuten dauert?",
            unit="Besuche", unit_one="Besuch", lo=0, hi=50, digits=0,
            answer=lambda: (n90, f"{n90}\u00a0Besuche bei {PREDICT_MINUTES}\u00a0Minuten – prüfen Sie es mit dem Regler"))]))
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
            label = "0–9" if ch == "#" else ch
            b = widgets.Button(description=label, tooltip=f"Alle Begriffe unter {label}",
                               layout=widgets.Layout(width="auto", min_width="2.6em", padding="0 6px"))
            b.on_click(lambda _b, ch=ch: self.show_letter(ch))
            buttons.append(b)
        # the buttons wrap inside their own box, so a second row starts under the first letter,
        # not under the label „Von A bis Z:“
        self.letter_buttons = buttons
        self.letters = widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap", flex="1 1 0",
                                                                    min_width="0", width="auto"))
        self.letters.add_class("vt-glossary-letters")
        self.index = widgets.HBox([widgets.HTML("<span>Von A bis Z:&nbsp;</span>",
                                                layout=widgets.Layout(flex="0 0 auto")), self.letters],
                                  layout=widgets.Layout(flex_flow="row nowrap", align_items="flex-start", width="100%"))
        self.box = widgets.VBox([self.query, self.index, self.results])
        styled(self.box, "vt-glossary")   # the course CSS also on the Glossar page (no other course widget there)
        self.show("")

    @staticmethod
    def _table(terms) -> str:
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:4px 8px;width:30%'>{escape(t['term'])}"
            f"<br><small style='font-weight:normal'>Modul {t['module'][1:]}</small></th>"
            f"<td style='text-align:left;vertical-align:top;padding:4px 8px'>{escape(t['definition'])}</td></tr>"
            for t in terms)
        return ("<table class='vt-glossary-table' style='width:100%;table-layout:fixed;border-collapse:collapse;line-height:1.45'>"
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
        self.results.value = f"<p><i>{len(terms)} {'Begriff' if len(terms) == 1 else 'Begriffe'} unter „{escape(label)}“</i></p>" + self._table(terms)

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


def _shown_data_dir() -> str | None:
    """The learner data folder as shown („~/…“ under the home folder); None when the
    environment variable VERTRIEB30_DATA_DIR sets it (a machine-specific path is not shown)."""
    if os.environ.get("VERTRIEB30_DATA_DIR"):
        return None
    from ..storage import data_dir

    d = data_dir()
    try:
        return "~/" + d.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(d)


def data_location_text() -> str:
    """Where learner data lives, as one plain sentence."""
    shown = _shown_data_dir()
    if shown is None:
        return ("Ihre Antworten liegen in dem Ordner, den die Umgebungsvariable VERTRIEB30_DATA_DIR festlegt "
                "(Ihre Kursleitung hat ihn eingerichtet).")
    return f"Ihre Antworten liegen im Ordner {shown} – außerhalb des Kursordners."


def path_html(path: str) -> str:
    """``path`` as ``<code>`` that a browser may break only after a path separator: each
    folder name is kept whole (``white-space:nowrap``), a ``<wbr>`` follows every „/“ or „\\“."""
    parts = [x for x in re.split(r"(?<=[/\\])", path) if x]
    return ("<code class='vt-path'>"
            + "<wbr>".join(f"<span style='white-space:nowrap'>{escape(x)}</span>" for x in parts) + "</code>")


class DataLocation:
    """Where learner data lives, for 00_Start: the sentence wraps at words, the folder path
    stands on its own line and breaks only after a separator (issue 17: a printed path wrapped
    in the middle of a folder name)."""

    def __init__(self):
        self.shown = _shown_data_dir()

    def _repr_html_(self) -> str:
        if self.shown is None:
            return ("<p>Ihre Antworten liegen in dem Ordner, den die Umgebungsvariable <code>VERTRIEB30_DATA_DIR</code> "
                    "festlegt (Ihre Kursleitung hat ihn eingerichtet).</p>")
        return ("<p>Ihre Antworten liegen außerhalb des Kursordners, in diesem Ordner:</p>"
                f"<p style='margin-left:1.5em'>{path_html(self.shown)}</p>")

    def __repr__(self) -> str:
        return data_location_text()


def data_location() -> DataLocation:
    return DataLocation()


WIDGETS = {"warmup": warmup}
