"""Widgets of module 06 „Beziehungskompetenz“: Selbsteinschätzung, Energiebudget, Kunden als Freunde.

Thin layer: controls → :mod:`.model` → plot and text. All text is escaped; every callback
runs through :func:`course_lib.blocks.guard.run`.
"""
from __future__ import annotations

import json
import time
from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..blocks import guard
from ..blocks.choices import ChoiceList
from ..blocks.liveplot import LivePlot
from ..blocks.messages import box
from ..blocks.panel import PanelBase, LivePanel, dropdown, slider
from ..blocks.style import FONT, PALETTE, german_axis, style_axes
from ..errors import CourseInputError
from ..format_de import num, pct
from .. import storage
from ..storage import Store
from . import model

STORE_NAME = "selfassessment"
NO_RUN = "kein früherer Lauf"
ALL_RUNS = "alle gespeicherten Läufe"
MODULE = "m06"


# ---------------------------------------------------------------------------------------
# Selbsteinschätzung
# ---------------------------------------------------------------------------------------

RING_PAD_PT = 4.0
"""Gap (points) between the radar's outer ring and the nearest corner of an area label."""


def _labels_outside_ring(ax, angles) -> None:
    """Area labels of the radar wholly outside its outer ring.

    Polar tick labels are centred on a point just outside the ring, so a wide label reaches
    back over the ring (seen at „Empathie“ and „Respektvolle Kultur“). Each label is aligned
    away from the centre instead – left-aligned on the right half, top-aligned on the lower
    half, … – so its nearest corner sits ``RING_PAD_PT`` outside the ring (the tick pad is
    applied radially). ``angles``: the labels' theta values (theta offset π/2, clockwise)."""
    ax.tick_params(axis="x", pad=RING_PAD_PT)
    for tick, th in zip(ax.xaxis.get_major_ticks(), angles):
        dx, dy = np.sin(th), np.cos(th)  # screen direction of the label from the centre
        tick.label1.set_horizontalalignment("left" if dx > 0.2 else "right" if dx < -0.2 else "center")
        tick.label1.set_verticalalignment("bottom" if dy > 0.2 else "top" if dy < -0.2 else "center")
        tick.label1.set_multialignment("left" if dx > 0.2 else "right" if dx < -0.2 else "center")


def placeholder_text(done: int, total: int) -> str:
    """The note inside the empty radar (no current profile, no earlier run shown)."""
    if done == 0:
        return f"Noch keine Antworten –\nbeantworten Sie oben\ndie {total}\u00a0Aussagen."
    left = total - done
    return (f"Noch {left}\u00a0{'Aussage' if left == 1 else 'Aussagen'} offen –\nIhr Profil erscheint,\n"
            "sobald alle beantwortet sind.")


class SelfAssessment(PanelBase):
    """Questionnaire → radar chart; save runs locally, compare (the anonymous workshop result goes via the 00_Start export or the Klassenraum)."""

    def __init__(self, store: Store | None = None):
        self.store = store or Store(STORE_NAME)
        self.controls: dict[str, widgets.ToggleButtons] = {}
        rows = [widgets.HTML(
            "<p><b>Wie sehr trifft die Aussage auf Sie zu?</b> "
            + escape(" · ".join(f"{k} = {v}" for k, v in model.LIKERT_LABELS.items())) + "</p>")]
        for k, item in enumerate(model.ITEMS, start=1):
            tb = widgets.ToggleButtons(options=[(str(x), x) for x in model.LIKERT], value=None,
                                       tooltips=[model.LIKERT_LABELS[x] for x in model.LIKERT],
                                       style={"button_width": "38px"},
                                       layout=widgets.Layout(margin="0 0 6px 0"))
            tb.observe(self._on_change, names="value")
            self.controls[item["id"]] = tb
            rows += [widgets.HTML(f"<p style='margin:4px 0 0 0'>{k}. {escape(item['text'])}</p>"), tb]
        # -1 = no comparison (a None value would show an empty dropdown field)
        self.compare = widgets.Dropdown(options=[(NO_RUN, -1)], value=-1,
                                        description="Vergleichen mit:", style={"description_width": "initial"},
                                        layout=widgets.Layout(width="360px"))
        self.compare.observe(self._on_change, names="value")
        self.save_button = widgets.Button(description="Ergebnis speichern", icon="save", button_style="primary")
        self.clear_button = widgets.Button(description="Gespeicherte Läufe löschen …", icon="trash")
        self.save_button.on_click(lambda _b: guard.run(self.save, self._show))
        self.clear_button.on_click(lambda _b: guard.run(self.ask_delete, self._show))
        # delete with a confirm step: choose one run or all, then confirm or cancel
        self.delete_target = widgets.Dropdown(options=[(ALL_RUNS, "alle")], value="alle", description="Löschen:",
                                              style={"description_width": "initial"},
                                              layout=widgets.Layout(width="360px"))
        self.confirm_text = widgets.HTML()
        self.confirm_button = widgets.Button(description="Ja, endgültig löschen", icon="trash", button_style="danger")
        self.cancel_button = widgets.Button(description="Abbrechen", icon="times")
        self.confirm_button.on_click(lambda _b: guard.run(self.confirm_delete, self._show))
        self.cancel_button.on_click(lambda _b: guard.run(self.cancel_delete, self._show))
        self.delete_target.observe(lambda _c: self._confirm_label(), names="value")
        self.confirm_box = widgets.VBox([self.delete_target, self.confirm_text,
                                         widgets.HBox([self.confirm_button, self.cancel_button])],
                                        layout=widgets.Layout(display="none"))

        # radar chart: static grid and labels, dynamic polygons
        self.plot = LivePlot(figsize=(6.0, 5.0))
        ax = self.plot.fig.add_subplot(projection="polar")
        self.ax = ax
        n = len(model.DIM_IDS)
        self.angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_thetalim(0, 2 * np.pi)
        ax.set_xticks(self.angles)
        ax.set_xticklabels([model.DIM_LABELS[d].replace(" & ", " &\n").replace("Respektvolle ", "Respektvolle\n")
                            for d in model.DIM_IDS], fontsize=FONT["tick"])
        _labels_outside_ring(ax, self.angles)
        ax.set_ylim(0, 100)
        ax.set_yticks([25, 50, 75, 100])
        ax.set_yticklabels([f"{v}" for v in (25, 50, 75, 100)], fontsize=FONT["note"], color=PALETTE["grau"])
        ax.set_rlabel_position(100)
        ax.set_title("Ihr Profil: Punkte je Bereich (0–100)", fontsize=FONT["title"], pad=14)
        closed = np.append(self.angles, self.angles[0])
        self._closed = closed
        (self.line_now,) = ax.plot(closed, np.zeros_like(closed), "-o", color=PALETTE["blau"], lw=2.2,
                                   markersize=6, label="jetzt")
        (self.fill_now,) = ax.fill(closed, np.zeros_like(closed), color=PALETTE["blau"], alpha=0.18)
        (self.line_prev,) = ax.plot(closed, np.zeros_like(closed), "--s", color=PALETTE["orange"], lw=1.8,
                                    markersize=6, label="früherer Lauf")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, frameon=False, fontsize=FONT["legend"])
        # empty state: a note inside the grid (upper half, clear of the radial labels on the
        # right) while neither a current profile nor an earlier run is drawn
        self.placeholder = ax.text(0.5, 0.7, "", transform=ax.transAxes, ha="center", va="center",
                                   multialignment="center", fontsize=FONT["label"], color="#333333",
                                   bbox=dict(boxstyle="round,pad=0.5", facecolor="white", edgecolor="#bbbbbb"))
        self.plot.dynamic(self.line_now, self.fill_now, self.line_prev, self.placeholder)

        self.text = widgets.HTML()
        self.preview = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("vt-message")
        self.view_box = widgets.VBox([self.plot.widget, self.text, self.preview])
        self.view_box.add_class("vt-view")
        self.plots = [self.plot]
        ctrl = widgets.VBox(rows + [self.compare, widgets.HBox([self.save_button, self.clear_button]),
                                    self.confirm_box])
        ctrl.add_class("vt-controls")
        header = widgets.HTML(
            "<h4 style='margin:4px 0'>Selbsteinschätzung Beziehungskompetenz</h4>"
            "<p style='margin:2px 0'><b>Frage:</b> Was passiert mit Ihrem Profil, wenn Sie den Fragebogen "
            "in einigen Wochen noch einmal ausfüllen?</p>")
        notes = widgets.HTML(
            "<details><summary>Annahmen und Datenschutz</summary><p>"
            + escape("Ein Reflexionswerkzeug des Kurses, kein geprüfter psychologischer Test [Lernmodell]. "
                     "Je Bereich zwei Aussagen; bei fünf Aussagen spricht Zustimmung gegen den Bereich, sie "
                     "werden umgepolt (6\u00a0−\u00a0Antwort). Punkte = 100·(Mittelwert\u00a0−\u00a01)/4. "
                     "Gespeichert wird nur auf Ihrem Rechner. Ihr anonymes Workshop-Ergebnis (Exportdatei in 00_Start "
                     "oder „An die Kursleitung senden“) enthält nur die fünf gerundeten Bereichswerte des zuletzt "
                     "gespeicherten Laufs – keinen Namen, keine Einzelantworten, kein Datum.")
            + "</p></details>")
        self.box = widgets.VBox([header, ctrl, self.view_box, self.message, notes])
        self.box.add_class("vt-live")
        self._refill_compare()
        self.refresh()
        self.message.value = storage.notice_html()  # a moved-aside self-assessment file is said

    # -- state --------------------------------------------------------------------------

    def view_state(self) -> list:
        """What the learner currently sees in the views (as LivePanel.view_state)."""
        return [getattr(v, "value", None) for v in self.view_box.children]

    def runs(self) -> list[dict]:
        return list(self.store.read().get(MODULE, {}).get("runs", []))

    def current_scores(self) -> dict[str, float]:
        return model.score_selfassessment(self.values())

    def _on_change(self, _change) -> None:
        self.refresh()

    def _refill_compare(self, select_last: bool = True) -> None:
        runs = self.runs()
        opts = [(NO_RUN, -1)] + [
            (f"Lauf {k} vom {r.get('datum', '?')}", k - 1) for k, r in enumerate(runs, start=1)]
        self.compare.unobserve(self._on_change, names="value")
        self.compare.options = opts
        self.compare.value = (len(runs) - 1) if (runs and select_last) else -1
        self.compare.observe(self._on_change, names="value")

    # -- drawing ------------------------------------------------------------------------
    def refresh(self) -> bool:
        ok = guard.run(self._update, self._show)
        if ok:
            self.message.value = ""
        return ok

    def _update(self) -> None:
        self.result = None
        answers = self.values()
        done = model.answered_count(answers)
        total = len(model.ITEM_IDS)
        prev = None
        if self.compare.value is not None and self.compare.value >= 0:
            runs = self.runs()
            if 0 <= self.compare.value < len(runs):
                prev = model.check_scores(runs[self.compare.value]["werte"])
        if prev is not None:
            self.line_prev.set_data(self._closed, [prev[d] for d in model.DIM_IDS] + [prev[model.DIM_IDS[0]]])
        self.line_prev.set_visible(prev is not None)
        if done < total:
            self.line_now.set_visible(False)
            self.fill_now.set_visible(False)
            self.placeholder.set_text(placeholder_text(done, total))
            self.placeholder.set_visible(prev is None)
            alt = (f"Netzdiagramm mit fünf Bereichen; noch kein aktuelles Profil, {total - done} Aussagen offen."
                   + (" Gezeigt wird ein früherer Lauf." if prev else ""))
            self.plot.refresh(alt=alt)
            self.text.value = box("info", f"Sie haben {done} von {total} Aussagen beantwortet. "
                                          "Sobald alle beantwortet sind, erscheint Ihr Profil.")
            self.preview.value = ""
            return
        prof = model.profile(answers, prev)
        self.result = prof
        scores = prof.scores
        vals = [scores[d] for d in model.DIM_IDS]
        self.line_now.set_data(self._closed, vals + vals[:1])
        self.fill_now.set_xy(np.column_stack([self._closed, vals + vals[:1]]))
        self.line_now.set_visible(True)
        self.fill_now.set_visible(True)
        self.placeholder.set_visible(False)
        parts = ", ".join(f"{model.DIM_LABELS[d]} {num(scores[d], 0)}" for d in model.DIM_IDS)
        self.plot.refresh(alt=f"Netzdiagramm Ihrer Selbsteinschätzung in Punkten von 0 bis 100: {parts}."
                          + (" Gestrichelt: früherer Lauf zum Vergleich." if prev else ""))
        rows = []
        diff = prof.change
        for d in model.DIM_IDS:
            cmp_cell = ""
            if diff is not None:
                sign = "+" if diff[d] > 0.5 else ""
                cmp_cell = f"<td style='text-align:right'>{num(prev[d], 0)}</td><td style='text-align:right'>{sign}{num(diff[d], 0)}</td>"
            rows.append(f"<tr><td>{escape(model.DIM_LABELS[d])}</td><td style='text-align:right'><b>{num(scores[d], 0)}</b></td>{cmp_cell}</tr>")
        head = "<tr><th>Bereich</th><th>jetzt</th>" + ("<th>früher</th><th>Veränderung</th>" if diff else "") + "</tr>"
        self.text.value = (
            f"<table class='vt-table' style='border-collapse:collapse'>{head}{''.join(rows)}</table>"
            f"<p>{escape(prof.lowest_text())}</p>")
        doc = {"selbsteinschaetzung": model.workshop_values(scores)}   # exactly this part of the export
        self.preview.value = ("<p><b>Diese gerundeten Werte gehen nach dem Speichern in Ihr anonymes Workshop-Ergebnis ein</b> "
                              "(Exportdatei in 00_Start oder „An die Kursleitung senden“):</p><pre style='font-size:90%'>"
                              + escape(json.dumps(doc, ensure_ascii=False, indent=1)) + "</pre>")

    # -- actions ------------------------------------------------------------------------
    def save(self) -> None:
        scores = self.current_scores()
        run = {"datum": time.strftime("%d.%m.%Y"), "werte": model.saved_values(scores),
               "antworten": {k: int(v) for k, v in self.values().items()}}
        data = self.store.update(lambda d: d.setdefault(MODULE, {}).setdefault("runs", []).append(run))
        n = len(data[MODULE]["runs"])
        # compare the next run with this one; the current profile now equals the saved one
        self._refill_compare(select_last=True)
        self.refresh()
        self._show(box("saved", f"Lauf {n} ist auf Ihrem Rechner gespeichert. Füllen Sie den Fragebogen "
                                 "später erneut aus, um zu vergleichen."))

    def ask_delete(self) -> None:
        """First step of deleting: choose one run or all runs; nothing is deleted yet."""
        runs = self.runs()
        if not runs:
            self._show(box("info", "Es sind keine Läufe gespeichert – es gibt nichts zu löschen."))
            return
        self.delete_target.options = [(ALL_RUNS + f" ({len(runs)})", "alle")] + [
            (f"nur Lauf {k} vom {r.get('datum', '?')}", str(k - 1)) for k, r in enumerate(runs, start=1)]
        self.delete_target.value = "alle"
        self._confirm_label()
        self.confirm_box.layout.display = "flex"
        self.clear_button.disabled = True

    def _confirm_label(self) -> None:
        t = self.delete_target.value
        what = "alle gespeicherten Läufe" if t == "alle" else f"Lauf {int(t) + 1}"
        self.confirm_text.value = box("hint", f"Wirklich {what} löschen? Das lässt sich nicht rückgängig machen.",
                                      title="Bitte bestätigen")

    def cancel_delete(self) -> None:
        self.confirm_box.layout.display = "none"
        self.clear_button.disabled = False
        self._show(box("info", "Nichts gelöscht."))

    def confirm_delete(self) -> None:
        """Second step: delete what was chosen in :meth:`ask_delete`."""
        if self.confirm_box.layout.display == "none":
            raise CourseInputError("Es wurde noch nicht gefragt, was gelöscht werden soll.",
                                   "Bitte klicken Sie zuerst auf „Gespeicherte Läufe löschen …“.")
        self.delete(self.delete_target.value)
        self.confirm_box.layout.display = "none"
        self.clear_button.disabled = False

    def delete(self, target: str = "alle") -> None:
        """Delete all runs (``"alle"``) or the run with index ``target`` (as text)."""
        if target == "alle":
            self.store.update(lambda d: d.pop(MODULE, None))
            msg = "Alle gespeicherten Läufe dieses Fragebogens sind gelöscht."
        else:
            k = int(target)

            def drop(d):
                runs = d.get(MODULE, {}).get("runs", [])
                if 0 <= k < len(runs):
                    runs.pop(k)

            self.store.update(drop)
            msg = f"Lauf {k + 1} ist gelöscht; die übrigen Läufe bleiben gespeichert."
        self._refill_compare()
        self.refresh()
        self._show(box("info", msg))



def selbsteinschaetzung() -> SelfAssessment:
    return SelfAssessment()


# ---------------------------------------------------------------------------------------
# Energiebudget
# ---------------------------------------------------------------------------------------

Y_STEPS = (12.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 80.0, 100.0, 150.0, 200.0, 300.0, 450.0)
"""y-axis tops: always above the warning threshold (10) and the end value, at most ~1,5 × the larger of both."""


def _with_result(panel: LivePanel, state: dict, **artists) -> LivePanel:
    """The panel with its plotted artists and ``panel.result()``: the model result the text and
    the plot of the last update were drawn from."""
    panel.artists = artists
    panel.result = lambda: state["res"]
    return panel


KEEP_YTOP = 2.0
"""A shown y-axis top is kept while it is at most this many times the larger of end value and
warning threshold (the path fills at least half of the height)."""


def energy_ytop(end: float, current: float | None = None) -> float:
    """The y-axis top for an end value: the first step ≥ 1,1 × max(end, B_krit).

    With ``current`` (the top shown now) the axis only changes when it must: ``current`` is kept
    while it still holds the path (≥ 1,1 × max(end, B_krit)) and is at most ``KEEP_YTOP`` × that
    maximum. A slider moved back and forth by one step then changes only the plotted line – the
    plot blits instead of redrawing axes and tick labels on every step (browser latency)."""
    top = max(end, model.B_CRIT)
    need = top * 1.1
    if current is not None and need <= current <= KEEP_YTOP * top:
        return current
    return next((t for t in Y_STEPS if need <= t), need)


def energiebudget() -> LivePanel:
    """Energiebudget: shares are set in percent (0–60 %, 0–100 %), the model gets fractions."""
    plot = LivePlot(figsize=(6.4, 3.9))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Energiebudget: aufgestaute Belastung", "Arbeitstag", "Belastung (Punkte)")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    german_axis(ax.yaxis, 0)
    german_axis(ax.xaxis, 0)
    thr = ax.axhline(model.B_CRIT, color=PALETTE["rot"], ls="--", lw=1.5, label="Warnschwelle (10\u00a0Punkte)")
    (line,) = ax.plot([], [], "-o", color=PALETTE["blau"], lw=2, markersize=4, label="Belastung am Tagesende")
    (cross,) = ax.plot([], [], "X", color=PALETTE["rot"], markersize=12, markeredgecolor="black",
                       label="Schwelle erreicht")
    plot.dynamic(line, cross)
    text = widgets.HTML()
    state = {"xlim": None, "ylim": None, "legend": None, "res": None}

    def update(v):
        r = model.strain_path(v["n"], v["d"] / 100, v["s"] / 100, v["c"], v["u"], v["tage"])
        state["res"] = r
        days = np.arange(len(r.path))
        ytop = energy_ytop(r.end, state["ylim"])
        if state["xlim"] != len(days) or state["ylim"] != ytop:
            ax.set_xlim(0, len(days) - 1 + 0.5)
            ax.set_ylim(0, ytop)
            state["xlim"], state["ylim"] = len(days), ytop
            plot.invalidate()
        if state["legend"] != r.reached:  # „Schwelle erreicht“ only in the legend when it is reached
            ax.legend(handles=[thr, line] + ([cross] if r.reached else []), fontsize=FONT["legend"], loc="upper left")
            state["legend"] = r.reached
            plot.invalidate()
        line.set_data(days, r.path)
        if r.crossing_day is not None:
            cross.set_data([r.crossing_day], [r.path[r.crossing_day]])
        cross.set_visible(r.reached)
        kind, msg = r.verdict
        verdict = box(kind, msg, title="Ergebnis")
        plot.refresh(alt=(f"Liniendiagramm der aufgestauten Belastung über {v['tage']} Arbeitstage: Endstand "
                          f"{num(r.end, 1)}\u00a0Punkte, Warnschwelle 10\u00a0Punkte"
                          + (f", überschritten ab Tag {r.crossing_day}." if r.crossing_day is not None else ", nicht erreicht.")))
        text.value = (
            f"<p>Belastung pro Tag <b>{num(r.daily_strain, 2)}</b>&nbsp;Punkte · Erholung pro Tag <b>{num(r.recovery, 2)}</b>&nbsp;Punkte · "
            f"Saldo&nbsp;<b>{num(r.net, 2)}</b>&nbsp;Punkte/Tag<br>Nach {v['tage']}\u00a0Tagen: <b>{num(r.end, 1)}</b>&nbsp;Punkte · "
            f"wahrgenommene Echtheit <b>{pct(r.authenticity, 0)}</b></p>" + verdict)

    panel = LivePanel(
        title="Energiebudget der Gefühlsarbeit",
        question="Was passiert mit Ihrer aufgestauten Belastung, wenn Sie mehr Kontakte haben, "
                 "öfter nur Gefühle vorspielen – oder mehr Unterstützung bekommen?",
        controls={
            "n": slider("Kontakte pro Tag", 40, 10, 120, 5, integer=True),
            "d": slider("Anteil schwieriger Kontakte", 20, 0, 60, 5, integer=True, unit="%"),
            "s": slider("Anteil Oberflächenhandeln (nur Ausdruck)", 50, 0, 100, 5, integer=True, unit="%"),
            "c": slider("Selbststeuerung (0\u00a0=\u00a0keine, 1\u00a0=\u00a0stark)", 0.0, 0.0, 1.0, 0.1, fmt=".1f"),
            "u": slider("Unterstützung / Supervision (0\u00a0=\u00a0keine, 1\u00a0=\u00a0stark)", 0.3, 0.0, 1.0, 0.1, fmt=".1f"),
            "tage": dropdown("Zeitraum", [("eine Arbeitswoche (5\u00a0Tage)", 5), ("zwei Wochen (10\u00a0Tage)", 10),
                                          ("vier Wochen (20\u00a0Tage)", 20)], 20),
        },
        views=[plot.widget, text], update=update, toy_model=True,
        assumptions=("Belastung je Kontakt ℓ = 0,02 + d·(0,25·s + 0,12·(1\u00a0−\u00a0s))·(1\u00a0−\u00a00,5·c) mit d und s als Anteil "
                     "(20\u00a0%\u00a0=\u00a00,2); Tagesbelastung L = n·ℓ; "
                     "Erholung R = 1,2·(1\u00a0+\u00a0u); B(t+1) = max(0; B(t) + L − R); Warnschwelle 10\u00a0Punkte; "
                     "Echtheit A = 1 − 0,6·s. Richtung nach Hochschild (1983) und Zapf (2002): Oberflächenhandeln "
                     "belastet stärker, Unterstützung puffert. Die Zahlenwerte sind ausgedacht und nicht gemessen."),
    )
    # The y-axis keeps a top that still fits (energy_ytop with ``current``), so the picture's axis
    # range depends on the path the learner took (the numbers, the plotted path and the text do
    # not): tests that compare with a fresh widget replay the learner's sequence.
    panel.path_dependent = True
    return _with_result(panel, state, line=line, cross=cross, ax=ax)


# ---------------------------------------------------------------------------------------
# Kunden als Freunde
# ---------------------------------------------------------------------------------------

def kunden_als_freunde() -> LivePanel:
    rounds = 10
    plot = LivePlot(figsize=(6.4, 3.9))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Kunden als Freunde: Wärme und Widerstand im Gespräch", "Gesprächsrunde", "Anteil (%)")
    ax.set_xlim(0, rounds + 0.3)
    ax.set_ylim(0, 100)
    german_axis(ax.xaxis, 0)
    german_axis(ax.yaxis, 0, "%")
    x = np.arange(rounds + 1)
    (warm,) = ax.plot([], [], "-o", color=PALETTE["gruen"], lw=2, label="Wärme des Kunden")
    (resist,) = ax.plot([], [], "--s", color=PALETTE["rot"], lw=2, label="Widerstand des Kunden")
    (neutral,) = ax.plot([], [], ":", color=PALETTE["grau"], lw=2, label="Wärme ohne gewähltes Verhalten")
    plot.dynamic(warm, resist, neutral)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=FONT["legend"], loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    text = widgets.HTML()
    state = {"res": None}
    controls = {
        "kunde": dropdown("Ihr Gegenüber", [(v[0], k) for k, v in model.CUSTOMERS.items()], "vertraeglich",
                          width="520px"),
        "verhalten": ChoiceList([(label, k) for k, (label, *_r) in model.BEHAVIOURS.items()], multiple=True,
                                description="Ihr Verhalten im Gespräch (mehrere möglich)"),
    }

    def update(v):
        chosen = [k for k in model.BEHAVIOURS if k in (v["verhalten"] or [])]
        r = model.friend_scenario(chosen, v["kunde"], rounds)
        state["res"] = r
        base_path = model.friend_scenario([], v["kunde"], rounds).path
        warm.set_data(x, r.path * 100)
        resist.set_data(x, r.resistance * 100)
        neutral.set_data(x, base_path * 100)
        # the comparison line only where it differs (without a chosen behaviour it lies under the green one)
        neutral.set_visible(not np.allclose(r.path, base_path))
        plot.refresh(alt=(f"Liniendiagramm über {rounds} Gesprächsrunden: Wärme des Kunden am Ende "
                          f"{num(r.path[-1] * 100, 0)}\u00a0%, Widerstand {num(r.resistance[-1] * 100, 0)}\u00a0%; "
                          f"ohne gewähltes Verhalten wären es {num(base_path[-1] * 100, 0)}\u00a0% Wärme."))
        kind, title, msg = r.verdict
        cost = ""
        if r.acting_cost > 0:
            cost = (f"<br>Gespielte Wärme (gezeigt, aber nicht empfunden): <b>{num(r.acting_cost * 100, 0)} von 100</b> "
                    "Punkten der Wärmeskala – dieses Oberflächenhandeln kostet Sie Kraft.")
        text.value = (
            f"<p>Vertrauen nach Maister T = (C + R + I) / S = (6\u00a0+\u00a06\u00a0+\u00a0{num(r.intimacy, 1)}) / {num(r.self_orientation, 1)} "
            f"= <b>{num(r.trust, 1)}</b> (ohne gewähltes Verhalten: {num(r.base_trust, 1)})<br>"
            f"Widerstand am Ende: <b>{num(r.resistance[-1] * 100, 0)}&nbsp;%</b> "
            f"(ohne gewähltes Verhalten: {num(r.base_resistance * 100, 0)}&nbsp;%){cost}</p>"
            + box(kind, msg, title=title))

    panel = LivePanel(
        title="Kunden als Freunde",
        question="Was passiert mit Vertrauen und Widerstand Ihres Gegenübers, wenn Sie ihm wie einem Freund begegnen – "
                 "und bei welchem Gegenüber wird das zum Problem?",
        controls=controls, views=[plot.widget, text], update=update, toy_model=True,
        assumptions=("Wärme der Verkäuferseite 0,35 plus die Beiträge der gewählten Verhaltensweisen (höchstens 1). "
                     "Der Kunde nähert sich ihr je Runde um den Anteil μ an (Chamäleon-Effekt, Chartrand & Bargh 1999); "
                     "gespielte Wärme kommt schwächer an. Vertrauen nach Maister, Green & Galford (2000) mit "
                     "Glaubwürdigkeit = Verlässlichkeit = 6. Die Einordnung vergleicht Vertrauen und Widerstand mit dem "
                     "Gespräch ohne gewähltes Verhalten. Die Verhaltensliste folgt dem Text „Kunden als Freunde“; "
                     "alle Gewichte sind ausgedacht. Spiegelneuronen sind nur ein Erklärungsangebot."),
    )
    return _with_result(panel, state, warm=warm, resist=resist, neutral=neutral)


WIDGETS = {
    "selbsteinschaetzung": selbsteinschaetzung,
    "energiebudget": energiebudget,
    "kunden_als_freunde": kunden_als_freunde,
}
