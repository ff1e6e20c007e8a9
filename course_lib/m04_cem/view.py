"""Modul 04 (CEM): widgets „AVR-Check“, „Beziehungsmatrix“ and „Erwartungslücke“.

Thin views: controls → :mod:`course_lib.m04_cem.model` → live plot + German text.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..blocks import guard
from ..blocks.liveplot import LivePlot
from ..blocks.messages import box
from ..blocks.predict import Predict, Question, gate
from ..blocks.panel import LivePanel, dropdown, label_row, slider
from ..blocks.style import FONT, PALETTE, german_axis, style_axes
from ..format_de import num, pct
from ..errors import check_number, check_sequence
from ..blocks.guard import blank_on_error
from . import model

OWN = "__eigene__"


def _points(label: str, value: float, lo: float = 0, hi: float = 10):
    """A rating slider on the course's 0–10 point scale in half points."""
    return slider(label, value, lo, hi, 0.5, unit="Punkte")


# ======================================================================================
# AVR-Check
# ======================================================================================
class AvrCheck(LivePanel):
    """LivePanel plus a drop-down that loads example customers into the three sliders.

    A rating that is missing for the loaded customer is never taken from the previous
    slider position: the dimension is marked „fehlt“, no verdict and no recommendation is
    shown until the learner sets that slider to an own estimate.

    Invariants (tests/test_m04_invariants.py): the verdict „empfiehlt“ appears iff the
    recommendation bar is at or above its 50 % line, and every state with „empfiehlt“ shows a
    higher bar than every state without; the text's percentage equals the plotted bar; the
    weakest-link markers sit on exactly the dimensions the text names; no verdict while a
    rating is missing.
    """

    def load_customer(self, name: str) -> None:
        """Put the ratings of an example customer on the sliders; missing ratings are marked."""
        self._state["loading"] = True
        try:
            missing = {}
            if name != OWN:
                row = self._kunden.loc[self._kunden["kunde"] == name]
                if row.empty:
                    raise model.CourseInputError(f"Den Beispielkunden „{name}“ gibt es nicht.",
                                                 "Bitte wählen Sie einen Kunden aus der Liste.")
                row = row.iloc[0]
                for dim in model.DIMENSIONS:
                    val = row[dim]
                    if model._is_missing(val):
                        missing[dim] = self.controls[dim].value  # the learner must move this slider
                    else:
                        self.controls[dim].value = float(val)
            self._state["missing"] = missing
            self._state["estimated"] = set()
        finally:
            self._state["loading"] = False
        self.refresh()


def avr_check(kunden=None, start=(8.0, 8.0, 6.0)) -> AvrCheck:
    """Three ratings (product, seller, company) → is an active full reference reached?

    ``start``: the sliders' first ratings (product, seller, company). The module starts at
    8/8/6 (the average trap); an exercise whose case is that pattern starts elsewhere, so the
    widget does not show the answer before the learner has entered the case."""
    start = tuple(check_number(x, f"Startwert {name}", 0, 10)
                  for x, name in zip(check_sequence(start, "Startwerte", min_len=3, max_len=3),
                                     ("Produkt", "Verkäufer", "Unternehmen")))
    table = model.beispielkunden() if kunden is None else model.check_customers(kunden)
    plot = LivePlot(figsize=(7.4, 3.5))
    gs = plot.fig.add_gridspec(1, 2, width_ratios=[3.4, 1])
    ax = plot.fig.add_subplot(gs[0, 0])
    ax_r = plot.fig.add_subplot(gs[0, 1])
    style_axes(ax, "AVR-Check: drei Urteile", "Bewertung (0\u00a0bis\u00a010\u00a0Punkte)", "")
    ys = [2, 1, 0]
    ax.set_yticks(ys, [model.DIM_LABELS[d] for d in model.DIMENSIONS])
    ax.set_xlim(0, 10.8)
    ax.set_ylim(-0.6, 2.6)
    ax.set_xticks(range(0, 11, 2))
    german_axis(ax.xaxis, 0)
    bars = [plot.dynamic(ax.barh(y, 0, height=0.55, edgecolor="black", linewidth=0.8)[0]) for y in ys]
    gaps = [plot.dynamic(ax.text(0.2, y, "fehlt – bitte schätzen", va="center", fontsize=FONT["note"], visible=False))
            for y in ys]
    # the weakest link(s) are marked by pointer markers, not by text (text layout is slow to redraw)
    (weak,) = ax.plot([], [], marker="<", markersize=13, color="black", markerfacecolor=PALETTE["gelb"], linestyle="none")
    plot.dynamic(weak)
    theta_line = plot.dynamic(ax.axvline(7, color=PALETTE["schwarz"], linestyle="--", linewidth=1.6))
    mean_line = plot.dynamic(ax.axvline(7, color=PALETTE["grau"], linestyle=":", linewidth=2))
    ax.legend(handles=[
        Patch(facecolor=PALETTE["blau"], edgecolor="black", label="erreicht die Schwelle"),
        Patch(facecolor=PALETTE["orange"], edgecolor="black", hatch="//", label="unter der Schwelle"),
        Line2D([], [], color=PALETTE["schwarz"], linestyle="--", label="Schwelle „positiv“"),
        Line2D([], [], color=PALETTE["grau"], linestyle=":", linewidth=2, label="Mittelwert (nur Vergleich)"),
        Line2D([], [], marker="<", markersize=10, color="black", markerfacecolor=PALETTE["gelb"], linestyle="none",
               label="schwächstes Glied"),
    ], fontsize=FONT["legend"], loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, framealpha=0.95)
    style_axes(ax_r, "Empfehlung", "", "Neigung im Lernmodell (%)")
    ax_r.set_xlim(-0.6, 0.6)
    ax_r.set_ylim(0, 100)
    ax_r.set_xticks([])
    german_axis(ax_r.yaxis, 0)
    ax_r.axhline(100 * model.EMPFEHLUNG_SCHWELLE, color=PALETTE["schwarz"], linestyle="--", linewidth=1.4)
    # the dashed line: from 50 % on, the model's AVR rule is met (σ(0), all three at the threshold)
    ax_r.annotate(f"AVR erfüllt\nab {num(100 * model.EMPFEHLUNG_SCHWELLE, 0)}\u00a0%", (0.6, 100 * model.EMPFEHLUNG_SCHWELLE),
                  xytext=(2, 2), textcoords="offset points", fontsize=FONT["note"], annotation_clip=False)
    rec_bar = plot.dynamic(ax_r.bar(0, 0, width=0.7, color=PALETTE["gruen"], edgecolor="black", hatch="..")[0])

    text = widgets.HTML()
    text.add_class("vt-avr-text")
    names = list(table["kunde"])
    picker = dropdown("Beispielkunde laden", [("– eigene Bewertung –", OWN)] + [(n, n) for n in names], OWN)

    state = {"loading": False, "missing": {}, "estimated": set()}

    @blank_on_error(plot, None, [text])
    def update(v):
        if state["loading"]:
            return
        for dim in list(state["missing"]):
            if v[dim] != state["missing"][dim]:  # the learner has set an own estimate
                del state["missing"][dim]
                state["estimated"].add(dim)
        missing = tuple(d for d in model.DIMENSIONS if d in state["missing"])
        r = model.avr_status(v["produkt"], v["verkaeufer"], v["unternehmen"], v["schwelle"])
        for dim, bar, y, gap in zip(model.DIMENSIONS, bars, ys, gaps):
            x = r.ratings[dim]
            ok = x >= r.schwelle
            bar.set_width(0 if dim in missing else x)
            bar.set_visible(dim not in missing)
            gap.set_visible(dim in missing)
            bar.set_facecolor(PALETTE["blau"] if ok else PALETTE["orange"])
            bar.set_hatch("" if ok else "//")
        theta_line.set_xdata([r.schwelle, r.schwelle])
        ratings_s = ", ".join(f"{model.DIM_LABELS[d]} {num(r.ratings[d], 1)}" if d not in missing
                              else f"{model.DIM_LABELS[d]} fehlt" for d in model.DIMENSIONS)
        html = []
        if missing:
            weak.set_data([], [])
            mean_line.set_visible(False)
            rec_bar.set_height(0)
            rec_bar.set_visible(False)
            gap_s = ", ".join(model.DIM_LABELS[d] for d in missing)
            plot.refresh(alt=f"Balkendiagramm der Bewertungen ({ratings_s}); keine Auswertung, weil eine Bewertung fehlt.")
            html.append(f"<p>Ihre Bewertung: {escape(ratings_s)}</p>")
            html.append(box("info", f"Für diesen Kunden fehlt die Bewertung: {gap_s}. Der Kurs rät keine Werte – "
                                    "schätzen Sie selbst mit dem Regler, was Sie erwarten. Erst dann erscheinen "
                                    "Urteil und Empfehlungsneigung.", title="Lücke in den Daten – keine Auswertung"))
        else:
            mean_line.set_visible(True)
            rec_bar.set_visible(True)
            if r.vollumfaenglich:
                weak.set_data([], [])
            else:
                weak.set_data([r.ratings[d] + 0.35 for d in r.schwaechste],
                              [ys[model.DIMENSIONS.index(d)] for d in r.schwaechste])
            mean_line.set_xdata([r.mittelwert, r.mittelwert])
            rec_bar.set_height(r.empfehlung * 100)
            rec_bar.set_facecolor(PALETTE["gruen"] if r.vollumfaenglich else PALETTE["orange"])
            status = "erreicht" if r.vollumfaenglich else f"nicht erreicht, schwächstes Glied: {r.schwaechstes_label}"
            plot.refresh(alt=f"Balkendiagramm der drei Bewertungen ({ratings_s}) mit Schwelle {num(r.schwelle, 1)} "
                             f"und Mittelwert {num(r.mittelwert, 1)}; aktive vollumfängliche Referenz {status}; "
                             f"Empfehlungsneigung im Lernmodell {pct(r.empfehlung)}.")
            html.append(f"<p>Ihre Bewertung: {escape(ratings_s)} · Mittelwert {num(r.mittelwert, 1)} · "
                        f"Empfehlungsneigung im Lernmodell: <b>{pct(r.empfehlung)}</b></p>")
            if r.vollumfaenglich:
                html.append(box("info", f"Alle drei Urteile liegen bei mindestens {model.punkte(r.schwelle, dativ=True)}: Die "
                                        "Bedingung für eine aktive Weiterempfehlung ist erfüllt. Die Neigung im Lernmodell "
                                        f"liegt bei {pct(r.empfehlung)} (mindestens 50\u00a0% genau dann, wenn alle drei die "
                                        "Schwelle erreichen) und steigt, je weiter das schwächste Urteil darüber liegt.",
                                title="Modell: aktive vollumfängliche Referenz – empfiehlt Sie weiter"))
            else:
                low = ", ".join(model.DIM_LABELS[d] for d in r.unter_schwelle)
                # a negative verdict of the model: „warn“ (not „wrong“ – the check grades no learner, A7)
                html.append(box("warn", f"Unter der Schwelle von {model.punkte(r.schwelle, dativ=True)}: {low}. {r.luecke_text} "
                                        f"Die Neigung im Lernmodell bleibt unter 50\u00a0% ({pct(r.empfehlung)}): Eine aktive "
                                        "Weiterempfehlung ist so nicht zu erwarten.",
                                title="Modell: keine vollumfängliche Referenz – empfiehlt Sie nicht aktiv weiter"))
                for d in r.schwaechste:
                    html.append(box("hint", model.ADVICE[d], title=f"Vorschlag für das schwächste Glied ({model.DIM_LABELS[d]})"))
            if r.mittel_reicht and not r.vollumfaenglich:
                html.append(box("warn", f"Der Mittelwert liegt bei {num(r.mittelwert, 1)} und damit über der Schwelle. "
                                        "Ein Durchschnitt würde die Schwäche verdecken – das AVR-Modell lässt keinen Ausgleich zu.",
                                title="Achtung, Durchschnittsfalle"))
        sel = picker.value
        if sel != OWN:
            row = table.loc[table["kunde"] == sel].iloc[0]
            changed = any(not model._is_missing(row[d]) and abs(float(row[d]) - r.ratings[d]) > 1e-9 for d in model.DIMENSIONS)
            story = f"<p><b>Beispielkunde {escape(sel)}</b> ({escape(str(row['branche']))}): {escape(str(row['notiz']))}"
            if changed:
                story += " <i>(Sie haben die Werte verändert.)</i>"
            est = [model.DIM_LABELS[d] for d in model.DIMENSIONS if d in state["estimated"]]
            if est:
                story += f" <i>(Ihre eigene Schätzung: {escape(', '.join(est))}.)</i>"
            story += "</p>"
            html.insert(0, story)
        text.value = "".join(html)

    panel = AvrCheck(
        **TEXTS["avr_check"],
        controls={
            "produkt": _points("Produkt/Dienstleistung", start[0]),
            "verkaeufer": _points("Verkäuferin/Verkäufer", start[1]),
            "unternehmen": _points("Unternehmen", start[2]),
            "schwelle": _points("Schwelle „positiv“", model.THETA_DEFAULT, 5, 9),
        },
        views=[plot.widget, text],
        update=update,
        extra=[picker],
        toy_model=True,
    )
    panel.artists = {"bars": bars, "weak": weak, "rec": rec_bar, "theta": theta_line, "gaps": gaps, "ax": ax}
    panel._kunden = table
    panel._state = state
    panel.picker = picker
    picker.observe(lambda ch: guard.run(panel.load_customer, panel._show, ch["new"]), names="value")
    return panel


# ======================================================================================
# Beziehungsmatrix
# ======================================================================================
QUAD_STYLE = {
    # key: (face colour, hatch, marker)
    "partner": ("#6cc39a", "", "o"),  # hatches dropped: the quadrant names carry the meaning
    "lieferant": ("#7db8e3", "", "s"),
    "sympathie": ("#f2c062", "", "^"),
    "ende": ("#e8936e", "", "X"),
}


STAR_NOTE = ("<p><small>* Im Bild markiert: Deutung des Kurses. Das Buchkapitel nennt „Partner“, „Lieferant“ und das Ende "
             "der Vertragsbeziehung als ungünstigsten Fall; den vierten Quadranten benennt es nicht.</small></p>")


def _risk_table(pf, numbers: dict) -> str:
    risky = pf[pf["gefaehrdet"]]
    if risky.empty:
        return "<p>Kein Kunde liegt außerhalb des Partner-Quadranten.</p>"
    rows = "".join(
        f"<tr><td>{numbers[r.kunde]}</td><td>{escape(r.kunde)}</td><td>{escape(r.label)}</td>"
        f"<td style='text-align:right'>{num(r.fachlich, 1)}</td><td style='text-align:right'>{num(r.persoenlich, 1)}</td>"
        f"<td style='text-align:right'>{num(r.bindung, 2)}</td><td>{escape(r.massnahme)}</td></tr>"
        for r in risky.itertuples()
    )
    return ("<table class='vt-table' style='border-collapse:collapse;font-size:0.9em'>"
            "<caption style='text-align:left'><b>Gefährdete Kunden</b> (riskanteste zuerst)</caption>"
            "<thead><tr><th>Nr.</th><th>Kunde</th><th>Quadrant</th><th>fachlich</th><th>persönlich</th>"
            "<th>Bindung (0–1)</th><th>Nächster Schritt</th></tr></thead><tbody>" + rows + "</tbody></table>")


def beziehungsmatrix(kunden=None) -> LivePanel:
    """Technical × personal needs → quadrant; portfolio mode places a customer table at once."""
    table = model.beispielkunden() if kunden is None else kunden
    n_rows = len(table) if hasattr(table, "__len__") else 0
    plot = LivePlot(figsize=(6.4, 5.0))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Beziehungsmatrix: fachliche × persönliche Bedürfnisse",
               "Erfüllung fachlicher Bedürfnisse (Punkte\u00a00–10)", "Erfüllung persönlicher Bedürfnisse (Punkte\u00a00–10)", grid=False)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    german_axis(ax.xaxis, 0)
    german_axis(ax.yaxis, 0)
    rects, labels = {}, {}
    for key, (face, hatch, _m) in QUAD_STYLE.items():
        # translucent tints move with the cut line (cheap to blit); the static labels below stay readable
        rects[key] = plot.dynamic(ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=face, alpha=0.3, linewidth=0)))
    # each corner belongs to the same quadrant for every cut line, so the names sit in the corners (static)
    corners = {"sympathie": (0.15, 9.85, "left", "top"), "partner": (9.85, 9.85, "right", "top"),
               "ende": (0.15, 0.15, "left", "bottom"), "lieferant": (9.85, 0.15, "right", "bottom")}
    for key, (x, y, ha, va) in corners.items():
        star = "*" if "Deutung" in model.QUADRANTS[key]["herkunft"] else ""
        labels[key] = ax.text(x, y, model.QUADRANTS[key]["label"].replace(" ohne", "\nohne") + star, ha=ha, va=va,
                              fontsize=FONT["label"], fontweight="bold")
    vline = plot.dynamic(ax.axvline(5, color="black", linewidth=1.4))
    hline = plot.dynamic(ax.axhline(5, color="black", linewidth=1.4))
    shown_mode = [None]
    (single,) = ax.plot([], [], marker="*", markersize=17, color=PALETTE["schwarz"], markerfacecolor=PALETTE["gelb"],
                        linestyle="none")
    plot.dynamic(single)
    groups = {}
    for key, (_f, _h, marker) in QUAD_STYLE.items():
        (ln,) = ax.plot([], [], marker=marker, markersize=9, linestyle="none", color="black",
                        markerfacecolor="white", markeredgewidth=1.5)
        groups[key] = plot.dynamic(ln)
    # customer numbers never move (only their quadrant changes with the cut), so they are static too;
    # they are shown in portfolio mode only – switching the mode redraws the background once
    tags = [ax.text(0, 0, "", fontsize=FONT["note"], fontweight="bold", visible=False) for _ in range(min(n_rows, model.MAX_ROWS))]
    text = widgets.HTML()
    state_controls: dict = {}
    mode = widgets.ToggleButtons(options=[("Einzelkunde", "einzel"), ("Portfolio", "portfolio")], value="einzel",
                                 tooltips=["ein Kunde mit den Reglern", "die Beispielkunden auf einmal"])
    # a standard control row: the label in the label column (no colon, like the slider labels),
    # the buttons where the slider tracks start – ToggleButtons' own label sat above the buttons
    mode._vt_row = label_row("Ansicht", mode)

    def place_quadrants(c: float) -> None:
        bounds = {"ende": (0, 0, c, c), "lieferant": (c, 0, 10 - c, c), "sympathie": (0, c, c, 10 - c),
                  "partner": (c, c, 10 - c, 10 - c)}
        for key, (x, y, w, h) in bounds.items():
            rects[key].set_bounds(x, y, w, h)
        vline.set_xdata([c, c])
        hline.set_ydata([c, c])

    @blank_on_error(plot, None, [text])
    def update(v):
        c = model.check_number(v["schnitt"], "Schnittlinie", *model.CUT_RANGE)
        place_quadrants(c)
        portfolio_mode = v["modus"] == "portfolio"
        if shown_mode[0] != v["modus"]:
            shown_mode[0] = v["modus"]
            for t in tags:
                t.set_visible(False)
            plot.invalidate()  # number tags appear or disappear: one full draw
        panel_controls = state_controls
        if panel_controls:
            panel_controls["fachlich"].disabled = portfolio_mode
            panel_controls["persoenlich"].disabled = portfolio_mode
        if not portfolio_mode:
            r = model.matrix_position(v["fachlich"], v["persoenlich"], c)
            single.set_data([r.fachlich], [r.persoenlich])
            single.set_visible(True)
            for ln in groups.values():
                ln.set_visible(False)
            plot.refresh(alt=f"Vier-Felder-Matrix mit Schnittlinie bei {num(c, 1)}; der Kunde liegt bei fachlich "
                             f"{num(r.fachlich, 1)} und persönlich {num(r.persoenlich, 1)} im Quadranten „{r.label}“.")
            note = (" <i>Dieser Quadrant ist eine Deutung des Kurses; das Buchkapitel benennt ihn nicht so.</i>"
                    if r.quadrant == "sympathie" else
                    " <i>Den ungünstigsten Fall nennt das Buchkapitel; dass er unten links liegt, ist eine Deutung des Kurses.</i>"
                    if r.quadrant == "ende" else "")
            text.value = (f"<p><b>Quadrant: {escape(r.label)}</b> – {escape(r.bedeutung)}{note}</p>"
                          f"<p>Bindungsstärke (Lernmodell, fachlich\u00a0×\u00a0persönlich\u00a0÷\u00a0100): <b>{num(r.bindung, 2)}</b> · "
                          f"Austauschbarkeit (1\u00a0−\u00a0schwächerer der beiden Werte\u00a0÷\u00a010): <b>{num(r.austauschbarkeit, 2)}</b></p>"
                          + (box("info", r.massstab, title="Ihr Maßstab entscheidet") if r.massstab else "")
                          + box("hint", r.massnahme, title="Nächster Schritt") + STAR_NOTE)
            return
        pf = model.portfolio(table, c)
        single.set_visible(False)
        numbers = {name: i + 1 for i, name in enumerate(table["kunde"])}
        placed = pf[pf["quadrant"] != "offen"]
        for key, ln in groups.items():
            sub = placed[placed["quadrant"] == key]
            ln.set_data(sub["fachlich"].to_numpy(), sub["persoenlich"].to_numpy())
            ln.set_visible(True)
        for t, r in zip(tags, placed.itertuples()):
            t.set_text(str(numbers[r.kunde]))
            t.set_position((min(r.fachlich + 0.18, 9.6), min(r.persoenlich + 0.18, 9.6)))
            t.set_visible(True)
        counts = {key: int((pf["quadrant"] == key).sum()) for key in model.QUADRANTS}
        missing = pf[pf["quadrant"] == "offen"]
        count_s = ", ".join(f"{model.QUADRANTS[k]['label']}: {counts[k]}" for k in ("partner", "lieferant", "sympathie", "ende"))
        plot.refresh(alt=f"Vier-Felder-Matrix mit Schnittlinie bei {num(c, 1)} und {len(placed)} nummerierten Kunden; {count_s}.")
        html = [f"<p><b>{len(pf)} Kunden</b> – {escape(count_s)}; ohne Einschätzung: {len(missing)}.</p>",
                _risk_table(pf, numbers)]
        if not missing.empty:
            html.append(box("info", "Nicht eingezeichnet, weil eine Einschätzung fehlt: "
                                    + ", ".join(missing["kunde"]) + ". Der Kurs ergänzt fehlende Werte nicht.",
                            title="Lücken in den Daten"))
        html.append(STAR_NOTE)
        text.value = "".join(html)

    panel = LivePanel(
        **TEXTS["beziehungsmatrix"],
        controls={
            "fachlich": _points("Fachliche Bedürfnisse erfüllt", 8.0),
            "persoenlich": _points("Persönliche Bedürfnisse erfüllt", 3.0),
            "schnitt": _points("Schnittlinie", model.CUT_DEFAULT, 1, 9),
            "modus": mode,
        },
        views=[plot.widget, text],
        update=update,
        toy_model=True,
    )
    state_controls.update(panel.controls)
    panel.artists = {"single": single, "vline": vline, "hline": hline, "groups": groups, "ax": ax}
    panel.refresh()
    return panel


# ======================================================================================
# Erwartungslücke
# ======================================================================================
def erwartungsluecke(predict: bool = True) -> LivePanel:
    """Promise vs. delivered experience, optionally with a failure and its complaint handling.

    One curve: the effect on satisfaction over the experience that counts, ``S(E − M)``. The
    markers sit at the experience the verdict uses – without failure at the slider value,
    with failure at the experience after failure and handling (an arrow from the slider
    value) – so a marker lies in the zone its verdict names. The quality slider is inactive
    without a failure. Model outcomes use information boxes, never the learner's grading boxes (richtig/falsch).

    Invariants (tests/test_m04_invariants.py): verdict „Enttäuschung“ ⇔ marker left of the
    disappointment zone edge ⇔ effect < 0 or on the edge; „Erwartung erfüllt“ ⇔ effect 0;
    „Begeisterung“ ⇔ marker in the delight zone; the experience in the text equals the
    marker's x; „Enttäuschung … Punkte“ is named only under the verdict „Enttäuschung“.
    """
    plot = LivePlot(figsize=(7.6, 4.3))
    gs = plot.fig.add_gridspec(1, 2, width_ratios=[2.3, 1])
    ax = plot.fig.add_subplot(gs[0, 0])
    ax_b = plot.fig.add_subplot(gs[0, 1])
    style_axes(ax, "Versprechen und Erleben", "Erlebte Leistung, die zählt (Punkte\u00a00–10)",
               "Wirkung auf die Zufriedenheit (−1\u00a0bis\u00a0+1)")
    ax.set_xlim(-0.3, 10.3)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xticks(range(0, 11, 2))
    german_axis(ax.xaxis, 0)
    german_axis(ax.yaxis, 1)
    ax.axhline(0, color="#999999", linewidth=0.8)
    xs = np.linspace(0, 10, 201)
    zone_lo = plot.dynamic(ax.add_patch(Rectangle((0, -1.05), 1, 2.1, facecolor="#f6d5c6", hatch="\\\\", edgecolor="#e3b4a3", linewidth=0)))
    zone_hi = plot.dynamic(ax.add_patch(Rectangle((0, -1.05), 1, 2.1, facecolor="#d4ecdf", hatch="..", edgecolor="#9fcdb4", linewidth=0)))
    promise = plot.dynamic(ax.axvline(8, color="black", linestyle="--", linewidth=1.5, label="Versprechen"))
    (curve0,) = ax.plot(xs, xs * 0, color=PALETTE["blau"], linewidth=2.2, label="Wirkung")
    (shift,) = ax.plot([], [], color=PALETTE["rot"], linewidth=1.6, linestyle=":")
    (pt0,) = ax.plot([], [], "o", color=PALETTE["blau"], markersize=10, markeredgecolor="black")
    (pt1,) = ax.plot([], [], "^", color=PALETTE["rot"], markersize=11, markeredgecolor="black")
    plot.dynamic(curve0, shift, pt0, pt1)

    style_axes(ax_b, "Wirkung (Lernmodell)", "", "Wirkung (−1\u00a0bis\u00a0+1)")
    ax_b.set_ylim(-1.05, 1.05)
    ax_b.set_xlim(-0.6, 1.6)
    ax_b.set_xticks([0, 1], ["Zufrieden-\nheit", "Wiederkauf,\nEmpfehlung"])
    ax_b.axhline(0, color="#999999", linewidth=0.8)
    german_axis(ax_b.yaxis, 1)
    bars0 = [plot.dynamic(ax_b.bar(x - 0.18, 0, width=0.34, color=PALETTE["blau"], edgecolor="black")[0]) for x in (0, 1)]
    bars1 = [plot.dynamic(ax_b.bar(x + 0.18, 0, width=0.34, color=PALETTE["rot"], edgecolor="black", hatch="//")[0]) for x in (0, 1)]
    plot.fig.legend(handles=[
        Line2D([], [], color=PALETTE["blau"], linewidth=2.2, marker="o", label="ohne Panne (Punkt, Balken ohne Muster)"),
        Line2D([], [], color=PALETTE["rot"], linewidth=1.6, linestyle=":", marker="^",
               label="mit Panne und Bearbeitung (Pfeil vom Regler, Balken schraffiert)"),
        Line2D([], [], color="black", linestyle="--", label="Versprechen"),
        Patch(facecolor="#f6d5c6", hatch="\\\\", edgecolor="#e3b4a3", label="Zone Enttäuschung"),
        Patch(facecolor="#d4ecdf", hatch="..", edgecolor="#9fcdb4", label="Zone Begeisterung"),
    ], loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    for a in (ax, ax_b):
        a.set_yticks([-1, -0.5, 0, 0.5, 1])
    text = widgets.HTML()
    controls = {
        "versprechen": _points("Versprechen von Marketing und Vertrieb", 8.0),
        "erlebnis": _points("Erlebte Leistung", 6.5),
        "panne": widgets.Checkbox(value=False, description="Es gab eine Panne mit Reklamation", indent=False),
        "qualitaet": _points("Qualität der Reklamationsbearbeitung", 8.0),
    }

    @blank_on_error(plot, None, [text])
    def update(v):
        controls["qualitaet"].disabled = not bool(v["panne"])
        r = model.erwartungsluecke(v["versprechen"], v["erlebnis"], bool(v["panne"]), v["qualitaet"])
        m, t = r.versprechen, r.toleranz
        zone_lo.set_bounds(-0.3, -1.05, max(0.0, m - t + 0.3), 2.1)
        zone_hi.set_bounds(min(10.3, m + t), -1.05, max(0.0, 10.3 - (m + t)), 2.1)
        promise.set_xdata([m, m])
        curve0.set_ydata([model.zufriedenheit(x - m, model.GEWICHT_DEFAULT, t) for x in xs])
        pt0.set_data([r.erlebnis], [r.zufriedenheit_ohne_panne])
        if r.panne:
            pt1.set_data([r.erlebnis_zufriedenheit], [r.zufriedenheit])
            shift.set_data([r.erlebnis, r.erlebnis_zufriedenheit], [r.zufriedenheit_ohne_panne, r.zufriedenheit])
        for a in (shift, pt1, *bars1):
            a.set_visible(r.panne)
        bars0[0].set_height(r.zufriedenheit_ohne_panne)
        bars0[1].set_height(r.treue_ohne_panne)
        bars1[0].set_height(r.zufriedenheit if r.panne else 0)
        bars1[1].set_height(r.treue if r.panne else 0)
        panne_s = (f"; mit Panne und Bearbeitung der Qualität {num(r.qualitaet, 1)} zählt ein Erleben von "
                   f"{num(r.erlebnis_zufriedenheit, 1)}: Zufriedenheit {num(r.zufriedenheit, 2)}, "
                   f"Wiederkauf und Empfehlung {num(r.treue, 2)}") if r.panne else ""
        plot.refresh(alt=f"Kurve der Wirkung auf die Zufriedenheit über der erlebten Leistung bei einem Versprechen von "
                         f"{model.punkte(m, dativ=True)}; markiert: Erleben {num(r.erlebnis, 1)} ergibt ohne Panne "
                         f"{num(r.zufriedenheit_ohne_panne, 2)}{panne_s}.")
        if r.panne:
            basis = (f"Erlebt {model.punkte(r.erlebnis, digits=2)}, nach Panne und Bearbeitung zählen "
                     f"{model.punkte(r.erlebnis_zufriedenheit, digits=2)} bei versprochenen {num(m, 2, strip=True)}")
        else:
            basis = f"Erlebt {model.punkte(r.erlebnis_zufriedenheit, digits=2)} bei versprochenen {num(m, 2, strip=True)}"
        if r.urteil == "enttaeuschung":
            detail = f"Enttäuschung: {model.punkte(r.enttaeuschung)} unter dem Versprechen."
        elif r.urteil == "begeisterung":
            detail = f"{model.punkte(r.abweichung)} über dem Versprechen – mehr als die Toleranz von {model.punkte(t, dativ=True)}."
        else:
            detail = (f"Die Abweichung von {model.punkte(r.abweichung, dativ=True, digits=2)} liegt innerhalb der Toleranz von "
                      f"±{model.punkte(t, dativ=True)}: Die Erwartung gilt als erfüllt.")
        html = [box("info", f"{basis}. {detail} Wirkung auf die Zufriedenheit: {num(r.zufriedenheit, 2)}.",
                    title=f"Urteil des Kunden im Modell: {r.urteil_label}")]
        if r.panne:
            if r.paradox:
                html.append(box("info", "Die gut bearbeitete Reklamation hebt die Zufriedenheit hier sogar über den Fall ohne Panne "
                                        "(Service-Recovery-Paradox). Wiederkauf und Weiterempfehlung steigen im Modell aber nicht mit – "
                                        "so wie die Metaanalyse von de Matos, Henrique und Rossi (2007) dort keinen signifikanten Effekt fand.",
                                title="Paradox sichtbar"))
            else:
                html.append(box("info", "Die Bearbeitung macht die Panne hier nicht mehr als wett. Fehlerfreier, sehr guter Service bleibt "
                                        "im Modell die beste Lösung – wie in der Bankstudie von Michel und Meuter.",
                                title="Kein Paradox"))
        else:
            html.append("<p>Setzen Sie das Häkchen bei „Es gab eine Panne mit Reklamation“, um zu sehen, was eine gut "
                        "oder schlecht bearbeitete Reklamation bewirkt (erst dann ist der Regler für die Qualität "
                        "aktiv).</p>")
        text.value = "".join(html)

    panel = LivePanel(
        **TEXTS["erwartungsluecke"],
        controls=controls,
        views=[plot.widget, text],
        update=update,
        toy_model=True,
    )
    panel.artists = {"pt0": pt0, "pt1": pt1, "zone_lo": zone_lo, "zone_hi": zone_hi, "promise": promise,
                     "curve": curve0, "ax": ax}
    if predict:
        d0 = controls["erlebnis"].value
        kipp = model.kipp_versprechen(d0)
        gate(panel, Predict([Question(
            f"Die erlebte Leistung liegt bei {num(d0, 1)}. Ab welchem Versprechen (0 bis 10\u00a0Punkte) kippt das Urteil "
            "in Enttäuschung?", unit="Punkte", unit_one="Punkt", lo=0, hi=10, digits=1, tolerance=0.25,
            answer=lambda: (kipp, f"ab einem Versprechen von {model.punkte(kipp, dativ=True)} (Toleranz ±{model.punkte(model.TOLERANZ_DEFAULT)})"))]))
    return panel


#: The learner texts of the three panels: title, question and the model's assumptions.
TEXTS = {
    "avr_check": {
        "title": "AVR-Check",
        "question": "Was passiert mit der Weiterempfehlung, wenn ein einziges der drei Urteile unter die Schwelle fällt?",
        "assumptions": f"Bewertungen auf einer Skala von 0 bis 10. Die Schwelle {num(model.THETA_DEFAULT, 0)} und die "
                       "Regel „alle drei mindestens auf der Schwelle“ sind eine Deutung des Kurses: Das Buchkapitel "
                       "nennt die drei Bezugsobjekte, aber keine Skala und keine Schwelle. Die Empfehlungsneigung ist "
                       f"ein Lernmodell: eine logistische Kurve (Steilheit {num(model.K_DEFAULT, 1)}) des schwächsten "
                       f"Urteils – genau auf der Schwelle {pct(model.EMPFEHLUNG_SCHWELLE)}, darunter weniger. "
                       "Die Beispielkunden sind erfunden.",
    },
    "beziehungsmatrix": {
        "title": "Beziehungsmatrix",
        "question": "Was passiert mit der Kundenbeziehung, wenn Sie nur die fachlichen und nicht die persönlichen "
                    "Bedürfnisse erfüllen?",
        "assumptions": f"Skala 0 bis 10 je Achse, Schnittlinie bei {num(model.CUT_DEFAULT, 0)} (einstellbar). "
                       "„Partner“ und „Lieferant“ stammen aus dem Buchkapitel; es nennt außerdem das Ende der "
                       "Vertragsbeziehung als ungünstigsten Fall. Dass dieser Fall unten links liegt, und den vierten "
                       "Quadranten „Sympathieträger ohne Leistung“ ergänzt der Kurs [Deutung des Kurses]. Bindungsstärke und "
                       "Austauschbarkeit sind Lernmodelle. Die Portfolio-Kunden sind erfunden.",
    },
    "erwartungsluecke": {
        "title": "Erwartungslücke",
        "question": "Was passiert mit der Zufriedenheit, wenn das Versprechen steigt, die Leistung aber gleich bleibt – "
                    "und was ändert eine gut bearbeitete Reklamation?",
        "assumptions": f"Lernmodell: Innerhalb von ±{model.punkte(model.TOLERANZ_DEFAULT)} um das Versprechen gilt "
                       "die Erwartung als erfüllt, die Wirkung auf die Zufriedenheit ist 0. Außerhalb dieser Zone "
                       f"wächst ihr Betrag wie tanh({num(model.STEIGUNG, 1)}\u00a0·\u00a0Abstand jenseits der Toleranz); eine "
                       f"Enttäuschung wiegt {num(model.GEWICHT_DEFAULT, 1)}-mal so schwer wie eine gleich große "
                       f"positive Überraschung. Eine Panne kostet {model.punkte(model.SCHWERE_DEFAULT)}; eine "
                       f"Bearbeitung der Qualität q macht q/10 von {pct(1 - model.REST_ANTEIL)} davon wett und gibt "
                       f"der Zufriedenheit einen Bonus von bis zu {model.punkte(model.BONUS_DEFAULT, dativ=True)}, der bei ohnehin sehr "
                       "gutem Service schrumpft. Wiederkauf und Empfehlung bekommen keinen Bonus, weil die "
                       "Metaanalyse von de Matos, Henrique und Rossi (2007) dort keinen signifikanten Effekt fand. "
                       "Alle Zahlen sind Setzungen, keine Messwerte.",
    },
}


WIDGETS = {"avr_check": avr_check, "beziehungsmatrix": beziehungsmatrix, "erwartungsluecke": erwartungsluecke}
