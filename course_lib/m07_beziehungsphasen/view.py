"""Widgets of module 07 „Phasen der Kundenbeziehung“: Phasen-Diagnose and Beziehungsverlauf."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np

from ..blocks.choices import ChoiceList
from ..blocks.liveplot import LivePlot
from ..blocks.messages import box
from ..blocks.panel import LivePanel, dropdown, slider
from ..blocks.style import FONT, HATCHES, PALETTE, german_axis, style_axes
from ..format_de import num, pct
from . import model

PHASE_COLOURS = [PALETTE["orange"], PALETTE["rot"], PALETTE["lila"], PALETTE["hellblau"], PALETTE["gruen"]]
N_SIM = 500
SEED = 7


def _xlabels():
    return [f"{k}\n{s}" for k, s in enumerate(model.SHORT, start=1)]


# ---------------------------------------------------------------------------------------
# Phasen-Diagnose
# ---------------------------------------------------------------------------------------

Y_TOP = 128          # room above a 100 % bar for the marker and its label (never clipped)
STAR_DY, LABEL_DY = 7, 15
EMPTY_NOTE = "Noch nichts angekreuzt –\nkreuzen Sie oben an,\nwas Sie beobachten."
NO_PHASE_NOTE = "Diese Beobachtung passt\nzu keiner Phase –\nkreuzen Sie weitere an."


def phasen_diagnose() -> LivePanel:
    """Tick observations (shown in the learner's own shuffled order, so their order does not
    give away the phases) → fit per phase, marker and label on the most likely phase."""
    plot = LivePlot(figsize=(6.4, 4.2))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Phasen-Diagnose: Passung Ihrer Beobachtungen", "Phase im Zeitverlauf →", "Passung (%)")
    x = np.arange(1, 6)
    ax.set_xticks(x)
    ax.set_xticklabels(_xlabels(), fontsize=FONT["tick"])
    ax.set_xlim(0.4, 5.6)
    ax.set_ylim(0, Y_TOP)
    ax.set_yticks([0, 20, 40, 60, 80, 100])
    german_axis(ax.yaxis, 0, "%")
    # the axis line ends at 100 % (its last tick); the room above is for the marker and its label
    ax.spines["left"].set_bounds(0, 100)
    ax.grid(False, axis="x")  # phases are categories; vertical grid lines would run on above 100 %
    bars = ax.bar(x, np.zeros(5), width=0.62, color=PHASE_COLOURS, edgecolor="black",
                  hatch=None)
    for b, h in zip(bars, HATCHES[:5]):
        b.set_hatch(h)
    (star,) = ax.plot([], [], "v", color="black", markersize=14, label="wahrscheinlichste Phase")
    label = ax.text(0, 0, "", ha="center", va="bottom", fontsize=FONT["label"], fontweight="bold")
    # empty state (all bars at 0 %): a note in the middle of the axes instead of blank bars
    note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", multialignment="center",
                   fontsize=FONT["label"], color="#333333",
                   bbox=dict(boxstyle="round,pad=0.5", facecolor="white", edgecolor="#bbbbbb"))
    plot.dynamic(*bars, star, label, note)
    # legend below the axes: it can never cover a bar, the marker or its label
    plot.legend(ax, fontsize=FONT["legend"])  # placed below the tick labels, also when they are staggered
    text = widgets.HTML()
    state = {"res": None}

    controls = {"beobachtungen": ChoiceList([(t, k) for k, (t, _w) in model.SIGNS.items()], multiple=True,
                                            shuffle_key="m07/phasen_diagnose",
                                            description="Was beobachten Sie in dieser Kundenbeziehung?")}

    def update(v):
        chosen = [k for k in model.SIGNS if k in (v["beobachtungen"] or [])]
        state["res"] = None
        if not chosen:
            for b in bars:
                b.set_height(0)
            star.set_visible(False)
            label.set_visible(False)
            note.set_text(EMPTY_NOTE)
            note.set_visible(True)
            plot.refresh(alt="Säulendiagramm der fünf Phasen, noch leer: Es ist keine Beobachtung angekreuzt.")
            text.value = box("info", "Kreuzen Sie an, was Sie in einer Ihrer Kundenbeziehungen beobachten. "
                                     "Die Diagnose erscheint sofort.")
            return
        d = model.diagnose(chosen)
        state["res"] = d
        for b, f in zip(bars, d.fit):
            b.set_height(f * 100)
        warn = ""
        if d.contact_warning:
            warn = box("hint", "Ihre wichtigste Ansprechperson geht: Rechnen Sie damit, dass die Beziehung "
                               "wieder bei Phase 1 beginnt. Lernen Sie die Nachfolge früh kennen.", title="Achtung")
        empty = not any(f > 0 for f in d.fit)
        note.set_text(NO_PHASE_NOTE)
        note.set_visible(empty)
        if d.phase is None:
            star.set_visible(False)
            label.set_visible(False)
            plot.refresh(alt="Säulendiagramm der fünf Phasen, alle Säulen bei 0\u00a0%: Die angekreuzte Beobachtung "
                             "passt zu keiner bestimmten Phase.")
            text.value = (box("info", "Diese Beobachtung allein verrät keine Phase – ein Wechsel der Ansprechperson "
                                      "kann in jeder Phase vorkommen. Kreuzen Sie weitere Beobachtungen an.",
                              title="Noch keine Diagnose") + warn)
            return
        top = d.fit[d.phase - 1] * 100
        star.set_data([d.phase], [top + STAR_DY])
        label.set_position((d.phase, top + LABEL_DY))
        label.set_text(f"Phase {d.phase}")
        star.set_visible(True)
        label.set_visible(True)
        parts = ", ".join(f"Phase {k} {num(f * 100, 0)}\u00a0%" for k, f in enumerate(d.fit, start=1))
        plot.refresh(alt=f"Säulendiagramm der Passung je Phase: {parts}. Markiert ist Phase {d.phase}.")
        name = model.PHASES[d.phase - 1]
        html = (f"<p><b>Wahrscheinlichste Phase: {d.phase} – „{escape(name)}“</b> "
                f"(Passung {num(top, 0)}&nbsp;%)</p><ul>"
                f"<li><b>So fühlt es sich an:</b> {escape(d.info['gefuehl'])}</li>"
                f"<li><b>Typisches Risiko:</b> {escape(d.info['risiko'])}</li>"
                f"<li><b>Was jetzt hilft:</b> {escape(d.info['tun'])}</li></ul>")
        if not d.clear:
            html += box("info", f"Ihre Beobachtungen passen fast ebenso gut zu Phase {d.runner_up}. "
                                "Vielleicht steckt die Beziehung gerade im Übergang.")
        text.value = html + warn

    panel = LivePanel(
        title="Phasen-Diagnose",
        question="Was passiert mit der Diagnose, wenn Sie ankreuzen, was Sie in einer Ihrer Kundenbeziehungen beobachten?",
        controls=controls, views=[plot.widget, text], update=update,
        assumptions=("Jede Beobachtung zählt mit einem Gewicht für eine oder mehrere Phasen; die Passung ist der Anteil "
                     "am Gesamtgewicht. Ein Wechsel der Ansprechperson zählt für keine Phase, er ist nur eine Warnung. "
                     "Die Beobachtungen stehen in einer für Sie gemischten Reihenfolge. Phasennamen nach Dr. Roland "
                     "Weber, die Übertragung auf Kunden stammt aus einem "
                     "Blogbeitrag; Gewichte, Risiken und Empfehlungen sind eine Deutung des Kurses, keine Messung."),
    )
    panel.artists = {"bars": list(bars), "star": star, "label": label, "note": note, "ax": ax}
    panel.result = lambda: state["res"]
    return panel


# ---------------------------------------------------------------------------------------
# Beziehungsverlauf
# ---------------------------------------------------------------------------------------

#: Stacked layers, top phase first: (state index, legend label); state 5 = „beendet“.
LAYERS = [(i, f"P{i + 1} {model.SHORT[i]}") for i in range(4, -1, -1)] + [(5, "beendet")]


def _skill_html(r: model.Verlauf) -> str:
    h0, a0 = model.H_DEFAULT, model.A_DEFAULT
    return (f"<p style='margin:2px 0'><small><b>Geschick {num(r.skill, 1)}</b> (0\u00a0=\u00a0Basismodell, 1\u00a0=\u00a0sehr geschickt): "
            f"Trennungsrisiko pro Monat in Phase 2: {pct(h0[1], 1)} → {pct(r.h[1], 1)}, in Phase 3: "
            f"{pct(h0[2], 1)} → {pct(r.h[2], 1)}; Aufstiegschance pro Monat aus Phase 2: {pct(a0[1], 1)} → "
            f"{pct(r.a[1], 1)}, aus Phase 3: {pct(a0[2], 1)} → {pct(r.a[2], 1)}.</small></p>")


def beziehungsverlauf() -> LivePanel:
    plot = LivePlot(figsize=(6.6, 4.1))
    ax = plot.fig.add_subplot()
    style_axes(ax, f"Beziehungsverlauf: {N_SIM} simulierte Kundenbeziehungen", "Monat", "Anteil der Beziehungen (%)",
               grid=False)
    german_axis(ax.yaxis, 0, "%")
    german_axis(ax.xaxis, 0)
    ax.set_ylim(0, 100)
    colours = [PHASE_COLOURS[i] if i < 5 else "#D9D9D9" for i, _ in LAYERS]
    hatches = ["", "//", "..", "xx", "\\\\", "++"]
    t0 = np.arange(2)
    polys = []
    for (i, name), col, hat in zip(LAYERS, colours, hatches):
        p = ax.fill_between(t0, 0, 0, color=col, alpha=0.85, hatch=hat, edgecolor="white", lw=0.3, label=name)
        polys.append(p)
    plot.dynamic(*polys)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], fontsize=FONT["legend"] - 1, loc="center left", bbox_to_anchor=(1.0, 0.5))
    text = widgets.HTML()
    state = {"months": None, "res": None, "tops": None}

    def update(v):
        r = model.verlauf(v["geschick"], v["kontakte"], v["wechsel"] / 100, int(v["monate"]), N_SIM, SEED)
        state["res"] = r
        months = r.months
        sh = r.shares * 100
        if state["months"] != months:
            ax.set_xlim(0, months)
            state["months"] = months
            plot.invalidate()
        t = np.arange(months + 1)
        bottom = np.zeros(months + 1)
        tops = {}
        for (i, _name), p in zip(LAYERS, polys):
            top = bottom + sh[:, i]
            p.set_data(t, bottom, top)
            tops[i] = (bottom.copy(), top.copy())
            bottom = top
        state["tops"] = tops
        end = r.end * 100
        plot.refresh(alt=(f"Gestapelte Flächen über {months}\u00a0Monate: am Ende {num(end[4], 0)}\u00a0% in Phase 5, "
                          f"{num(end[5], 0)}\u00a0% beendet, der Rest in den Phasen 1 bis 4."))
        if r.lam > 0:
            back = (f"Rücksprung auf Phase 1: <b>{pct(r.lam_eff, 2)}</b> pro Monat = Wechsel der Ansprechperson "
                    f"{pct(r.lam, 1)} pro Monat ÷ {r.contacts} {'guter Kontakt' if r.contacts == 1 else 'gute Kontakte'} "
                    "(mit mehreren guten Kontakten hängt die "
                    "Beziehung nicht an einer Person).")
        else:
            back = "Kein Wechsel der Ansprechperson eingestellt: Keine Beziehung springt auf Phase 1 zurück."
        text.value = (
            f"<p>Nach <b>{months}&nbsp;Monaten</b> (Simulation mit {N_SIM} Beziehungen, Startwert {SEED}): "
            f"<b>{num(end[4], 0)}&nbsp;%</b> in Phase 5 „Mein Partner ist mein Zuhause“, "
            f"<b>{num(end[5], 0)}&nbsp;%</b> beendet. {r.reached_p5} von {N_SIM} Beziehungen haben Phase 5 "
            f"mindestens einmal erreicht.<br>Exakt gerechnet (Erwartungswert der Markow-Kette): "
            f"{pct(r.exact[4], 1)} in Phase 5, {pct(r.exact[5], 1)} beendet.<br>{back}</p>" + _skill_html(r))

    panel = LivePanel(
        title="Beziehungsverlauf",
        question="Was passiert mit dem Anteil der Beziehungen, die Phase 5 erreichen, wenn Sie die kritischen Phasen "
                 "besser meistern oder wenn Ansprechpersonen häufiger wechseln?",
        controls={
            "geschick": slider("Geschick in Phase 2 und 3 (0\u00a0=\u00a0Basismodell, 1\u00a0=\u00a0sehr geschickt)", 0.0, 0.0, 1.0, 0.1,
                               fmt=".1f"),
            "wechsel": slider("Wechsel der Ansprechperson pro Monat", 0.0, 0.0, 5.0, 0.5, fmt=".1f", unit="%"),
            "kontakte": slider("Gute Kontakte beim Kunden", 1, 1, 4, 1, integer=True),
            "monate": dropdown("Zeitraum", [(f"{n}\u00a0Monate", n) for n in (12, 24, 36, 60)], 36),
        },
        views=[plot.widget, text], update=update, toy_model=True,
        assumptions=("Markow-Kette mit monatlichen Übergängen. Trennungsrisiko je Phase 2\u00a0%, 5\u00a0%, 3\u00a0%, 0,5\u00a0%, 0,2\u00a0%; "
                     "Aufstiegschance 25\u00a0%, 15\u00a0%, 10\u00a0%, 6\u00a0% (Phase 2 am riskantesten, ab Phase 4 deutlich sicherer – "
                     "die Reihenfolge folgt der Quelle, die Zahlen sind ausgedacht). Geschick (0 bis 1) steht dafür, wie "
                     "gut Sie Preiseinwände und Machtkämpfe meistern: Bei 1 sinkt das Risiko in Phase 2 und 3 um 60\u00a0%, "
                     "die Aufstiegschance steigt um 50\u00a0%. Geht die Ansprechperson, "
                     "springt die Beziehung auf Phase 1 zurück – bei mehreren guten Kontakten seltener (Wechsel ÷ Kontakte). "
                     f"Zufallszahlen mit festem Startwert {SEED}: Jeder Lauf ergibt dasselbe Bild."),
    )
    panel.artists = {"polys": polys}
    panel.result = lambda: state["res"]
    panel.layer_tops = lambda: state["tops"]
    return panel


WIDGETS = {"phasen_diagnose": phasen_diagnose, "beziehungsverlauf": beziehungsverlauf}
