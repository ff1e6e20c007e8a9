"""Module 08 (Mimikresonanz): widgets.

* :func:`mikro_trainer` – "Mikroexpressions-Trainer": a schematic face shows one of seven basic
  emotions for a selectable time (40–500 ms, default 150 ms), then a neutral face; the learner
  names the emotion; hit rates per emotion and per exposure time are tallied and plotted.
  The exposure is timed in the browser by a CSS animation (see :mod:`.face`), never by sleeping
  in the kernel.
* :func:`wort_und_mimik` – "Wort und Mimik": sales situations in which words and face may
  disagree; the learner names what the face reveals and picks a response, with feedback and a
  signal-detection summary.

Both are classes built from ipywidgets (not simple control → plot panels). Like
:class:`course_lib.blocks.panel.LivePanel` they expose ``controls``, ``view_box``, ``message``,
``plots``, ``refresh()``, ``updates`` and ``_repr_mimebundle_``; the root box has the CSS class
``vt-live``, the controls sit in ``vt-controls`` and the views in ``vt-view``.
"""
from __future__ import annotations

import itertools
import re
from html import escape

import ipywidgets as widgets
import numpy as np

from ..blocks import guard
from ..blocks.choices import ChoiceList
from ..blocks.panel import PanelBase, slider
from ..blocks.liveplot import LivePlot
from ..blocks.messages import box
from ..blocks.style import FONT, PALETTE, german_axis, style_axes
from ..errors import CourseInputError
from ..format_de import num, pct
from . import face, model

_INSTANCES = itertools.count(1)  # makes animation names unique per trainer on a page
#: gap (points, so the same at every figure width) between a bar (or the guessing line) and its value label
LABEL_GAP_PT = 5.0
INSIDE_FROM = 60.0  # a bar from this rate (%) carries its value label inside
N_LABEL_DY_PT = 6.0  # „n = …“ above its marker: marker radius (4 pt) plus a gap
Y2_TOP = 112  # right plot: room above 100 % for the „n = …“ labels (the axis line ends at 100 %)
TITLES = ("Treffer je Emotion", "Treffer je Darbietungszeit")
EMPTY_NOTE = "Noch keine Durchgänge –\nklicken Sie oben auf\n„Nächster Durchgang“."
UNTIMED_NOTE = "Noch keine Durchgänge\nmit Zeitlimit – schalten\nSie den Lernmodus aus."


def _assemble(panel: PanelBase, title: str, question: str, body: list, notes: list[str]) -> None:
    """Set ``panel.box``: header with the question, ``body``, „Annahmen und Technik“; every
    control change refreshes the panel."""
    header = widgets.HTML(f"<h4 style='margin:4px 0'>{escape(title)}</h4>"
                          f"<p style='margin:2px 0'><b>Frage:</b> {escape(question)}</p>")
    notes_html = widgets.HTML("<details><summary>Annahmen und Technik</summary><p>"
                              + "<br>".join(escape(x) for x in notes) + "</p></details>")
    panel.box = widgets.VBox([header, *body, notes_html])
    panel.box.add_class("vt-live")
    for c in panel.controls.values():
        c.observe(lambda _ch: panel.refresh(), names="value")


def _refresh(panel: PanelBase, render) -> bool:
    """Run ``render`` guarded (German message on bad input); count a successful update."""
    ok = guard.run(render, panel._show)
    if ok:
        panel.message.value = ""
        panel.updates += 1
    return ok


def _table_html(df, first_col: str) -> str:
    """German-formatted HTML table of a hit-rate DataFrame (all text escaped)."""
    head = (f"<tr><th style='text-align:left'>{escape(first_col)}</th><th>Durchgänge</th>"
            "<th>Treffer</th><th>Trefferquote</th></tr>")
    rows = []
    for label, n, hits, rate in zip(df.index, df["Durchgänge"].tolist(), df["Treffer"].tolist(), df["Trefferquote"].tolist()):
        rows.append(f"<tr><td>{escape(str(label))}</td><td style='text-align:right'>{int(n)}</td>"
                    f"<td style='text-align:right'>{int(hits)}</td>"
                    f"<td style='text-align:right'>{pct(float(rate)) if rate == rate else '–'}</td></tr>")
    return ("<table class='vt-table' style='border-collapse:collapse;margin:4px 12px 4px 0'>"
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def _confusion_html(df) -> str:
    """Answers (columns) per shown emotion (rows); the diagonal (hits) is bold and marked ✔."""
    head = "<tr><th style='text-align:left'>gezeigt ↓ / Ihre Antwort →</th>" + "".join(
        f"<th style='padding:0 4px'>{escape(str(c))}</th>" for c in df.columns) + "</tr>"
    rows = []
    for label, counts in zip(df.index, df.to_numpy().tolist()):
        cells = []
        for col, n in zip(df.columns, counts):
            txt = (f"<b>✔ {n}</b>" if n else "✔ 0") if col == label else (str(n) if n else "·")
            cells.append(f"<td style='text-align:center'>{txt}</td>")
        rows.append(f"<tr><td>{escape(str(label))}</td>{''.join(cells)}</tr>")
    return ("<div style='margin:4px 0'><b>Verwechslungen</b> (Zeilen: gezeigte Emotion, Spalten: Ihre Antwort; "
            "✔ = richtig erkannt)<table class='vt-table' style='border-collapse:collapse'>"
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>")


def _strip_verdict(text: str) -> str:
    """Drop a leading "Richtig:"/"Genau:"/"Gut:" when an option's feedback is shown as the better alternative."""
    return re.sub(r"^(Richtig|Genau|Gut)[:.]\s*", "", text)


def _au_description(aus: dict) -> str:
    return "; ".join(f"{model.AU_LABELS[k]} (AU {k.rstrip('R')})" for k in aus)


# =============================================================================================
# Mikroexpressions-Trainer
# =============================================================================================
class MikroTrainer(PanelBase):
    """Flash a schematic face for a browser-timed exposure; name the emotion; tally hit rates.

    Timing: every trial sends one HTML value (see :func:`.face.flash_html`) with a uniquely
    named CSS ``@keyframes`` animation: 1.000 ms neutral face, then the emotion for exactly the
    chosen time, then the neutral face again as a backward mask. The browser's compositor
    switches the layers at screen refreshes, so on a 60-Hz display the exposure lies on a grid
    of ≈ 16,7 ms (150 ms are about 9 frames; measured 9–10 in a browser, depending on where the
    start falls within a frame). The kernel does not sleep; its round trip only delays
    the start of a trial. The trial order is seeded (``seed``), so the same clicks give the same
    results.
    """

    def __init__(self, seed: int = model.DEFAULT_SEED, trials_per_block: int = 7):
        self.seed = int(model.check_number(seed, "Startwert", 0, 2**31 - 1, integer=True))
        self.instance = next(_INSTANCES)
        self.trials: list[dict] = []
        self.index = 0                 # number of trials started
        self.current: dict | None = None
        self.updates = 0
        self.message = widgets.HTML()
        self.message.add_class("vt-message")

        self.controls = {
            "dauer": slider("Darbietungszeit", model.EXPOSURE_DEFAULT, model.EXPOSURE_MIN, model.EXPOSURE_MAX, 5,
                            integer=True, unit="ms"),  # accessible slider, German readout
            "ablauf": widgets.Dropdown(options=[("feste Zeit laut Regler", "fest"),
                                                ("gemischte Zeiten (50, 100, 150, 300, 500\u00a0ms)", "gemischt")],
                                       value="fest", description="Ablauf", style={"description_width": "initial"},
                                       layout=widgets.Layout(width="420px")),
            "lernmodus": widgets.Checkbox(value=False, indent=False,
                                          description="Lernmodus: Ausdruck ohne Zeitlimit zeigen"),
        }
        self.start_button = widgets.Button(description="Nächster Durchgang", icon="play", button_style="primary",
                                           layout=widgets.Layout(width="200px"))
        self.answer_buttons = {}
        for aid in model.ANSWERS:
            b = widgets.Button(description=model.ANSWER_LABELS[aid], disabled=True,
                               layout=widgets.Layout(width="120px"))
            b.on_click(lambda _b, aid=aid: guard.run(self.answer, self._show, aid))
            self.answer_buttons[aid] = b
        self.reset_button = widgets.Button(description="Auswertung zurücksetzen", icon="undo",
                                           layout=widgets.Layout(width="200px"))
        self.start_button.on_click(lambda _b: guard.run(self.next_trial, self._show))
        self.reset_button.on_click(lambda _b: guard.run(self.reset, self._show))
        answer_label = widgets.HTML("<b>Welche Emotion haben Sie gesehen?</b>")
        answers = widgets.HBox(list(self.answer_buttons.values()), layout=widgets.Layout(flex_flow="row wrap"))

        # views
        self.stage = widgets.HTML()
        self.stage.add_class("vt-mx-stage-widget")
        self.status = widgets.HTML()
        self.feedback = widgets.HTML()
        self.plot = LivePlot(figsize=(9.2, 4.0), dpi=85)
        self._build_plot()
        self.tables = widgets.HTML()
        self.plots = [self.plot]
        top = widgets.HBox([self.stage, widgets.VBox([self.status, self.feedback], layout=widgets.Layout(margin="0 0 0 16px"))])
        self.view_box = widgets.VBox([top, self.plot.widget, self.tables])
        self.view_box.add_class("vt-view")

        ctrl_box = widgets.VBox(list(self.controls.values())
                                + [widgets.HBox([self.start_button, self.reset_button]), answer_label, answers])
        ctrl_box.add_class("vt-controls")
        _assemble(
            self, "Mikroexpressions-Trainer",
            "Was passiert mit Ihrer Trefferquote, wenn ein Gesichtsausdruck nur 50 statt 500\u00a0Millisekunden zu sehen ist?",
            [ctrl_box, self.view_box, self.message], [
                "Schematische Gesichter des Kurses (keine Fotos): Die Merkmale folgen den FACS-Prototypen nach Ekman & Friesen (1978); echte Gesichter sind vielfältiger.",
                "Ablauf je Durchgang: 1\u00a0Sekunde neutrales Gesicht, dann der Ausdruck für die gewählte Zeit, danach wieder neutral.",
                "Zeitsteuerung im Browser per CSS-Animation; der Bildschirm zeigt nur ganze Bilder – bei 60\u00a0Hz etwa alle 16,7\u00a0ms.",
                "Reihenfolge der Emotionen: zufällig, aber mit festem Startwert – in jedem Siebenerblock kommt jede Emotion einmal vor.",
                "Zufallstreffer: Wer rät, liegt bei sieben Emotionen in etwa 14\u00a0% der Fälle richtig.",
                "Vergleichswerte (Eilert-Lesetest mit Fotos, Laien): etwa 30\u00a0% bei 100\u00a0ms, etwa 50\u00a0% bei 300\u00a0ms – anderes Material, nur zur Orientierung.",
                "Sehen Sie nach dem Start nur das neutrale Gesicht, unterdrückt Ihre Umgebung eingebettete Stilangaben: Nutzen Sie dann den Lernmodus.",
            ])
        self.stage.value = self._static_stage(model.NEUTRAL, "Neutrales Gesicht – klicken Sie auf „Nächster Durchgang“.")
        self._redraw_results()
        self.refresh()

    # -- plumbing -----------------------------------------------------------------------
    def view_state(self) -> list:
        return [self.stage.value, self.status.value, self.feedback.value, self.plot.alt, self.tables.value]

    def refresh(self) -> bool:
        return _refresh(self, self._update_status)

    # -- what the next trial will be ----------------------------------------------------------
    def next_exposure(self) -> int | None:
        v = self.values()
        if v["lernmodus"]:
            return None
        if v["ablauf"] == "gemischt":
            return model.exposure_for_trial(self.index, self.seed)
        return model.check_exposure(v["dauer"])

    def _update_status(self) -> None:
        ms = self.next_exposure()
        self.controls["dauer"].disabled = self.values()["ablauf"] == "gemischt" or self.values()["lernmodus"]
        if ms is None:
            when = "Nächster Durchgang: <b>Lernmodus</b> – der Ausdruck bleibt stehen, bis Sie antworten."
        else:
            ft = model.frames_shown(ms)
            frames = (f"etwa {ft.frames_min} Bilder" if ft.frames_min == ft.frames_max
                      else f"etwa {ft.frames_min} bis {ft.frames_max} Bilder")
            shown = "gemischt – wird erst nach dem Durchgang verraten" if self.values()["ablauf"] == "gemischt" else f"{ms}\u00a0ms"
            when = (f"Nächster Durchgang: Darbietungszeit <b>{escape(shown)}</b>"
                    + ("" if self.values()["ablauf"] == "gemischt" else f" (bei 60\u00a0Hz {frames} zu je 16,7\u00a0ms)") + ".")
        done = len(self.trials)
        self.status.value = (f"<p style='margin:2px 0'>{when}</p>"
                             f"<p style='margin:2px 0'>Beantwortete Durchgänge: <b>{done}</b></p>")

    # -- actions -------------------------------------------------------------------------------
    def _static_stage(self, aus: dict, label: str) -> str:
        return f"<div class='vt-mx-stage'>{face.face_svg(aus, size=200, label=label)}</div>"

    def next_trial(self) -> dict:
        """Start the next trial: choose emotion and exposure, send the animation to the browser."""
        emotion = model.emotion_for_trial(self.index, self.seed)
        ms = self.next_exposure()
        uid = f"vtmx{self.instance}-{self.index + 1}"
        self.current = {"emotion": emotion, "exposure_ms": ms, "uid": uid, "number": self.index + 1}
        self.index += 1
        if ms is None:
            self.stage.value = self._static_stage(model.EMOTION_AUS[emotion], "Schematisches Gesicht mit einem Ausdruck")
        else:
            self.stage.value = face.flash_html(uid, model.EMOTION_AUS[emotion], ms)
        for b in self.answer_buttons.values():
            b.disabled = False
        self.feedback.value = (f"<p>Durchgang {self.current['number']}: Achten Sie auf das Gesicht – "
                               "nach einer Sekunde erscheint der Ausdruck. Welche Emotion war es?</p>")
        self.refresh()
        return self.current

    def answer(self, answer_id: str) -> dict:
        """Record the learner's answer for the running trial and update tally, plot and tables."""
        if self.current is None:
            raise CourseInputError("Es läuft gerade kein Durchgang.", "Bitte klicken Sie zuerst auf „Nächster Durchgang“.")
        answer_id = model.check_choice(answer_id, "Antwort", model.ANSWERS)
        cur = self.current
        trial = {"emotion": cur["emotion"], "answer": answer_id, "exposure_ms": cur["exposure_ms"]}
        self.trials.append(trial)
        self.current = None
        for b in self.answer_buttons.values():
            b.disabled = True
        shown = model.EMOTION_LABELS[cur["emotion"]]
        ms_txt = "ohne Zeitlimit" if cur["exposure_ms"] is None else f"{cur['exposure_ms']}\u00a0ms"
        if answer_id == cur["emotion"]:
            head = box("ok", f"Sie haben {shown} erkannt (gezeigt für {ms_txt}).")
        elif answer_id == model.DONT_KNOW:
            head = box("info", f"Gezeigt wurde {shown} (für {ms_txt}). „Weiß nicht“ zählt als nicht erkannt.")
        else:
            head = box("wrong", f"Gezeigt wurde {shown} (für {ms_txt}); Sie haben {model.ANSWER_LABELS[answer_id]} gewählt.")
        aus = model.EMOTION_AUS[cur["emotion"]]
        self.feedback.value = head + ("<p style='margin:4px 0'><b>Woran Sie es erkennen:</b> "
                                      f"{escape(_au_description(aus))}.</p>")
        self.stage.value = self._static_stage(aus, f"Auflösung: schematisches Gesicht mit {shown}")
        self._redraw_results()
        self.refresh()
        return trial

    def reset(self) -> None:
        """Forget all answers (the seeded order continues, so new trials are new faces)."""
        self.trials.clear()
        self.current = None
        for b in self.answer_buttons.values():
            b.disabled = True
        self.feedback.value = box("info", "Die Auswertung ist zurückgesetzt.")
        self.stage.value = self._static_stage(model.NEUTRAL, "Neutrales Gesicht")
        self._redraw_results()
        self.refresh()

    # -- plot -------------------------------------------------------------------------------
    def _build_plot(self) -> None:
        fig = self.plot.fig
        ax1, ax2 = fig.subplots(1, 2, width_ratios=[1.0, 1.3])
        self.ax1, self.ax2 = ax1, ax2
        labels = [model.EMOTION_LABELS[e] for e in model.EMOTIONS]
        y = np.arange(len(labels))
        style_axes(ax1, TITLES[0], "Trefferquote (%)", "gezeigte Emotion")
        ax1.set_yticks(y, labels)
        ax1.set_ylim(len(labels) - 0.4, -1.1)  # top to bottom, with room for the label of the guessing line
        ax1.set_xlim(0, 132)
        ax1.set_xticks([0, 25, 50, 75, 100])
        german_axis(ax1.xaxis, 0)
        ax1.spines["bottom"].set_bounds(0, 100)  # the axis line ends at 100 %; the room right of it is for the labels
        ax1.grid(False, axis="y")  # emotions are categories; horizontal grid lines would run on past 100 %
        ax1.axvline(100 * model.CHANCE_LEVEL, color=PALETTE["grau"], linestyle=":", linewidth=1.5)
        from matplotlib.transforms import ScaledTranslation

        gap = ax1.transData + ScaledTranslation(LABEL_GAP_PT / 72, 0, fig.dpi_scale_trans)
        self._label_right = gap   # right of a short bar (and of the guessing line)
        self._label_inside = ax1.transData + ScaledTranslation(-LABEL_GAP_PT / 72, 0, fig.dpi_scale_trans)
        ax1.text(100 * model.CHANCE_LEVEL, -0.75, "Raten ≈\u00a014\u00a0%", fontsize=FONT["note"], color="#444444",
                 va="center", transform=gap)
        self.bars = ax1.barh(y, np.zeros(len(labels)), color=PALETTE["blau"], edgecolor="black", hatch="//", height=0.6)
        self.plot.dynamic(*self.bars.patches)
        self.bar_texts = [self.plot.dynamic(ax1.text(1, yy, "", va="center", fontsize=FONT["note"], transform=gap))
                          for yy in y]

        classes = [c[0].replace("\u00a0ms", "") for c in model.EXPOSURE_CLASSES]
        x = np.arange(len(classes))
        style_axes(ax2, TITLES[1], "Darbietungszeit (ms)", "Trefferquote (%)")
        ax2.set_xticks(x, classes, fontsize=FONT["tick"] - 1)
        ax2.set_xlim(-0.5, len(classes) - 0.5)
        ax2.set_ylim(0, Y2_TOP)
        ax2.set_yticks([0, 20, 40, 60, 80, 100])
        german_axis(ax2.yaxis, 0)
        ax2.spines["left"].set_bounds(0, 100)  # the axis line ends at 100 %; above it: room for „n = …“
        ax2.grid(False, axis="x")  # exposure classes are categories; vertical grid lines would run on above 100 %
        ax2.axhline(100 * model.CHANCE_LEVEL, color=PALETTE["grau"], linestyle=":", linewidth=1.5,
                    label="Raten (1 von 7 ≈\u00a014\u00a0%)")
        ax2.axvspan(1.5, 2.5, ymax=100 / Y2_TOP, color=PALETTE["gelb"], alpha=0.25, hatch="..", label="125–200\u00a0ms (Haggard & Isaacs)")
        ax2.plot([1, 3], [30, 50], linestyle="none", marker="D", markersize=9, markerfacecolor="white",
                 markeredgecolor=PALETTE["rot"], markeredgewidth=2, label="Eilert-Test, Fotos (Medienbericht)")
        (self.rate_line,) = ax2.plot([], [], "-o", color=PALETTE["blau"], markersize=8, linewidth=2, label="Ihre Trefferquote")
        self.plot.dynamic(self.rate_line)
        # „n = …“ centred above its marker (a fixed gap in points): neighbours never run into each other
        above = ax2.transData + ScaledTranslation(0, N_LABEL_DY_PT / 72, fig.dpi_scale_trans)
        self.rate_texts = [self.plot.dynamic(ax2.text(xx, 0, "", ha="center", va="bottom", fontsize=FONT["note"],
                                                      transform=above)) for xx in x]
        # empty state of the right plot (no timed trial yet): a note above the comparison points
        self.rate_note = self.plot.dynamic(ax2.text(
            0.5, 0.72, "", transform=ax2.transAxes, ha="center", va="center", multialignment="center",
            fontsize=FONT["note"], color="#333333",
            bbox=dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor="#bbbbbb")))
        ax2.legend(fontsize=FONT["note"], loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)

    def _redraw_results(self) -> None:
        by_em = model.hit_rates(self.trials, "emotion")
        by_ex = model.hit_rates(self.trials, "exposure")
        parts = []
        em_rows = zip(by_em.index, by_em["Durchgänge"].tolist(), by_em["Treffer"].tolist(), by_em["Trefferquote"].tolist())
        for bar, txt, (label, n, hits, rate) in zip(self.bars.patches, self.bar_texts, em_rows):
            w = 0.0 if n == 0 else 100 * float(rate)
            bar.set_width(w)
            # the label starts right of the bar and of the dotted guessing line, never on the
            # y-axis spine or struck through by the line („noch keine“ at 0 trials)
            # a long bar carries its label inside its end (on a white chip): right of it, „100 % (7/7)“
            # would run into the right plot's axis labels in a narrow figure
            inside = w >= INSIDE_FROM
            txt.set_x(w if inside else max(w, 100 * model.CHANCE_LEVEL))  # ± LABEL_GAP_PT: the transform
            txt.set_transform(self._label_inside if inside else self._label_right)
            txt.set_ha("right" if inside else "left")
            txt.set_bbox(dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none") if inside else None)
            txt.set_text("noch keine" if n == 0 else f"{pct(float(rate))} ({int(hits)}/{int(n)})")
            if n:
                parts.append(f"{label} {pct(float(rate))} ({int(hits)} von {int(n)})")
        timed = by_ex.loc[[c[0] for c in model.EXPOSURE_CLASSES]]
        xs, ys, ex_parts = [], [], []
        ex_rows = zip(timed.index, timed["Durchgänge"].tolist(), timed["Treffer"].tolist(), timed["Trefferquote"].tolist())
        for k, (txt, (label, n, hits, rate)) in enumerate(zip(self.rate_texts, ex_rows)):
            if n:
                xs.append(k)
                ys.append(100 * float(rate))
                txt.set_position((k, 100 * float(rate)))  # + N_LABEL_DY_PT (the text's transform)
                txt.set_text(f"n = {int(n)}")
                ex_parts.append(f"{label} {pct(float(rate))} ({int(hits)} von {int(n)})")
            else:
                txt.set_text("")
        self.rate_line.set_data(xs, ys)
        total = len(self.trials)
        self.rate_note.set_text(EMPTY_NOTE if total == 0 else UNTIMED_NOTE)
        self.rate_note.set_visible(not xs)
        if total == 0:
            alt = ("Zwei leere Diagramme: links die Trefferquote je Emotion, rechts je Darbietungszeit, "
                   "mit der Ratelinie bei 14\u00a0% und den Vergleichspunkten 30\u00a0% bei 100\u00a0ms und 50\u00a0% bei 300\u00a0ms.")
        else:
            alt = (f"Nach {total} Durchgängen: Trefferquote je Emotion – " + "; ".join(parts) + ". "
                   + ("Je Darbietungszeit – " + "; ".join(ex_parts) + "." if ex_parts else "Noch keine zeitgesteuerten Durchgänge.")
                   + " Ratelinie 14\u00a0%, Vergleichspunkte 30\u00a0% bei 100\u00a0ms und 50\u00a0% bei 300\u00a0ms.")
        self.plot.refresh(alt=alt)
        tables = _table_html(by_em, "Emotion") + _table_html(by_ex, "Darbietungszeit")
        confusion = _confusion_html(model.confusion_table(self.trials)) if self.trials else ""
        self.tables.value = ("<div style='display:flex;flex-wrap:wrap;align-items:flex-start'>" + tables + "</div>" + confusion)

    def table(self, by: str = "emotion"):
        """The current tally as a pandas DataFrame (``by`` = "emotion" or "exposure")."""
        return model.hit_rates(self.trials, by)


def mikro_trainer(seed: int = model.DEFAULT_SEED) -> MikroTrainer:
    """Widget „Mikroexpressions-Trainer“ (browser-timed flash of a schematic face)."""
    return MikroTrainer(seed=seed)


# =============================================================================================
# Wort und Mimik
# =============================================================================================
class WortUndMimik(PanelBase):
    """Situations where words and face may disagree: read the face, choose a response."""

    FLASH_MS = 200

    def __init__(self, seed: str | None = None):
        # seed: replaces the learner id for the per-learner option order (tests, handouts)
        self.seed = seed
        self.scenarios = model.load_scenarios()
        self.instance = next(_INSTANCES)
        self.shows = 0
        self.results: dict[str, dict] = {}
        self.updates = 0
        self.message = widgets.HTML()
        self.message.add_class("vt-message")
        self.controls = {
            "situation": widgets.Dropdown(options=[(s["title"], s["id"]) for s in self.scenarios],
                                          value=self.scenarios[0]["id"], description="Situation",
                                          style={"description_width": "initial"}, layout=widgets.Layout(width="420px")),
            "blitz": widgets.Checkbox(value=False, indent=False,
                                      description=f"Mimik nur kurz aufblitzen lassen ({self.FLASH_MS}\u00a0ms)"),
        }
        # ChoiceLists in the learner's own order per situation: the right answer has no fixed
        # position, so always picking the same place scores only by chance.
        self.reading = ChoiceList([("–", "_")], description="Was verrät das Gesicht?")
        self.response = ChoiceList([("–", "_")], description="Wie reagieren Sie?")
        self._scene_id = None
        self.check_button = widgets.Button(description="Antwort prüfen", icon="check", button_style="primary")
        self.next_button = widgets.Button(description="Nächste Situation", icon="arrow-right")
        self.check_button.on_click(lambda _b: guard.run(self.check, self._show))
        self.next_button.on_click(lambda _b: guard.run(self.next_scenario, self._show))

        self.scene = widgets.HTML()
        self.feedback = widgets.HTML()
        self.summary = widgets.HTML()
        self.plots: list = []
        self.view_box = widgets.VBox([self.scene, self.feedback, self.summary])
        self.view_box.add_class("vt-view")
        ctrl_box = widgets.VBox(list(self.controls.values()))
        ctrl_box.add_class("vt-controls")
        answer_box = widgets.VBox([self.reading, self.response, widgets.HBox([self.check_button, self.next_button])])
        answer_box.add_class("vt-controls")
        _assemble(
            self, "Wort und Mimik",
            "Was passiert mit Ihrer Einschätzung, wenn die Worte einer Kundin Zustimmung signalisieren, ihr Gesicht aber etwas anderes zeigt?",
            [ctrl_box, self.view_box, answer_box, self.message], [
                "Situationen und Gesichter sind vom Kurs erfunden und schematisch; echte Gespräche sind mehrdeutiger.",
                "Ein Gesichtsausdruck zeigt ein Gefühl, aber nicht seinen Grund – und er beweist keine Lüge. Die Deutungen sind Vermutungen, die Sie im Gespräch prüfen.",
                "Auswertung nach der Signalentdeckungstheorie: „Signal“ = Worte und Mimik widersprechen sich. Trefferrate und Falschalarmrate mit der log-linearen Korrektur (+0,5 / +1).",
            ])
        self.refresh()

    # -- plumbing -----------------------------------------------------------------------
    def view_state(self) -> list:
        return [self.scene.value, self.feedback.value, self.summary.value]

    def refresh(self) -> bool:
        return _refresh(self, self._render_scene)

    @property
    def scenario(self) -> dict:
        sid = self.controls["situation"].value
        for s in self.scenarios:
            if s["id"] == sid:
                return s
        raise CourseInputError(f"Die Situation „{sid}“ gibt es nicht.", "Bitte wählen Sie eine Situation aus der Liste.")

    # -- rendering -------------------------------------------------------------------------
    def _render_scene(self) -> None:
        s = self.scenario
        aus = model.scenario_face(s)
        self.shows += 1
        if self.values()["blitz"]:
            pic = face.flash_html(f"vtwm{self.instance}-{self.shows}", aus, self.FLASH_MS, size=170)
            note = (f"Das Gesicht zeigt den Ausdruck nach einer Sekunde für {self.FLASH_MS}\u00a0ms. "
                    "Zum Wiederholen schalten Sie das Kästchen aus und wieder ein.")
        else:
            pic = face.face_svg(aus, size=170, label="Schematisches Gesicht der Person in dieser Situation")
            note = "Das Gesicht zeigt den Ausdruck während der Äußerung."
        self.scene.value = (
            "<div style='display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap'>"
            f"<div>{pic}</div><div style='max-width:520px'>"
            f"<p style='margin:2px 0'><b>{escape(s['title'])}</b></p>"
            f"<p style='margin:4px 0'>{escape(s['situation'])}</p>"
            f"<p style='margin:6px 0;font-size:1.1em'>Die Person sagt: <b>„{escape(s['statement'])}“</b></p>"
            f"<p style='margin:4px 0;color:#444'><i>{escape(note)}</i></p></div></div>"
        )
        if self._scene_id != s["id"]:
            self._scene_id = s["id"]
            self.reading.value = []
            self.response.value = []
            self.reading.options = self.option_order(s, "readings")
            self.response.options = self.option_order(s, "responses")
            self.feedback.value = ""
        self._render_summary()

    def option_order(self, s: dict, group: str) -> list[list[str]]:
        """The options of ``group`` („readings“/„responses“) in the learner's stable shuffled order."""
        from ..learner import order

        by_id = {o["id"]: o["text"] for o in s[group]}
        return [[by_id[i], i] for i in order(f"m08/wort_und_mimik/{s['id']}/{group}", list(by_id), seed=self.seed)]

    def _counts(self) -> dict[str, int]:
        c = {"hit": 0, "miss": 0, "false_alarm": 0, "correct_rejection": 0}
        for r in self.results.values():
            c[r["outcome"]] += 1
        return c

    def _render_summary(self) -> None:
        c = self._counts()
        n = sum(c.values())
        if n == 0:
            self.summary.value = ("<p><i>Ihre Auswertung erscheint hier, sobald Sie die erste Situation geprüft haben. "
                                  f"Es gibt {len(self.scenarios)} Situationen.</i></p>")
            return
        s = model.sdt(c["hit"], c["miss"], c["false_alarm"], c["correct_rejection"])
        both = (c["hit"] + c["miss"]) > 0 and (c["false_alarm"] + c["correct_rejection"]) > 0
        reading_ok = sum(r["reading_ok"] for r in self.results.values())
        response_ok = sum(r["response_ok"] for r in self.results.values())
        tip = model.criterion_tip(s["c"])
        self.summary.value = (
            f"<p><b>Ihre Auswertung nach {n} von {len(self.scenarios)} Situationen</b></p>"
            "<table class='vt-table' style='border-collapse:collapse'>"
            "<tr><th></th><th>Sie sahen einen Widerspruch</th><th>Sie sahen keinen</th></tr>"
            f"<tr><td>Widerspruch vorhanden</td><td>Treffer: {c['hit']}</td><td>Verpasst: {c['miss']}</td></tr>"
            f"<tr><td>kein Widerspruch</td><td>Falschalarm: {c['false_alarm']}</td><td>Richtig entwarnt: {c['correct_rejection']}</td></tr>"
            "</table>"
            + (f"<p style='margin:4px 0'>Trefferrate (korrigiert) {pct(s['H'])}, Falschalarmrate (korrigiert) {pct(s['FA'])}, "
               f"Sensitivität d′ = {num(s['d_prime'], 2)}, Kriterium c = {num(s['c'], 2)}. {escape(tip)}</p>" if both else
               "<p style='margin:4px 0'><i>d′ und Kriterium c erscheinen, sobald Sie mindestens eine Situation mit und eine "
               "ohne Widerspruch geprüft haben – vorher lässt sich Erkennen nicht von bloßer Neigung trennen.</i></p>")
            + f"<p style='margin:4px 0'>Passende Deutung: {reading_ok} von {n}; passende Reaktion: {response_ok} von {n}.</p>"
        )

    # -- actions ---------------------------------------------------------------------------
    def check(self) -> dict:
        """Evaluate the chosen reading and response for the current situation."""
        s = self.scenario
        r = model.evaluate_scenario(s, (self.reading.value or [None])[0], (self.response.value or [None])[0])
        self.results[s["id"]] = r
        kind = "ok" if r["reading_ok"] and r["response_ok"] else ("partial" if r["reading_ok"] or r["response_ok"] else "wrong")
        lines = [
            ("✔ " if r["reading_ok"] else "✘ ") + "Deutung: " + r["reading"]["feedback"],
        ]
        if not r["reading_ok"]:
            lines.append("Passender wäre: „" + r["best_reading"]["text"] + "“ – " + _strip_verdict(r["best_reading"]["feedback"]))
        lines.append(("✔ " if r["response_ok"] else "✘ ") + "Reaktion: " + r["response"]["feedback"])
        if not r["response_ok"]:
            lines.append("Besser: " + r["best_response"]["text"] + " – " + _strip_verdict(r["best_response"]["feedback"]))
        head = {"ok": "Deutung und Reaktion passen.", "partial": "Teilweise getroffen – lesen Sie die Begründung.",
                "wrong": "Noch nicht – lesen Sie die Begründung und versuchen Sie es noch einmal."}[kind]
        self.feedback.value = box(kind, head) + "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"
        self._render_summary()
        self.updates += 1
        return r

    def next_scenario(self) -> None:
        ids = [s["id"] for s in self.scenarios]
        i = ids.index(self.controls["situation"].value)
        self.controls["situation"].value = ids[(i + 1) % len(ids)]


def wort_und_mimik(seed: str | None = None) -> WortUndMimik:
    """Widget „Wort und Mimik“ (hidden objections behind friendly words)."""
    return WortUndMimik(seed=seed)


WIDGETS = {"mikro_trainer": mikro_trainer, "wort_und_mimik": wort_und_mimik}
