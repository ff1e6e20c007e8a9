"""Widgets of module 03 „Die Digitalisierung der Warenwelt“ – thin: controls → model → views.

* :func:`cross_channel` – Locafox figures as table and grouped bar chart; the learner picks
  indicators and a reading of the ambiguous „plus 15 Prozent“.
* :func:`mundpropaganda` – one delighted and one annoyed customer start a story on a seeded
  network; reach over the days, offline vs. online.
* :func:`antwortzeit` – how the service level for answers and the customers' patience set the
  share of irritated customers, with and without 24/7 service.
* :func:`bass_diffusion` – Bass curve with p and q against the Locafox online-shop figures.
"""
from __future__ import annotations

import math
from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

from ..blocks.guard import NO_RESULT, blank_on_error
from ..blocks.liveplot import LivePlot
from ..blocks.choices import ChoiceList
from ..blocks.panel import LivePanel, dropdown, label_row, slider
from ..blocks.predict import Predict, Question, gate
from ..blocks.style import FONT, PALETTE, german_axis, style_axes
from ..errors import CourseInputError, check_number
from ..format_de import num, pct, pp
from . import model


def _with_artists(artists: dict, panel: LivePanel) -> LivePanel:
    panel.artists = artists  # the plotted data, for tests that compare it with the text
    return panel


MISSING = "fehlt (keine Angabe in der Quelle)"



# ---------------------------------------------------------------------------------------
# Cross-Channel im Einzelhandel
# ---------------------------------------------------------------------------------------

def _share(x: float, digits: int = 0) -> str:
    return "–" if x is None or not math.isfinite(x) else f"{num(x, digits)}\u00a0%"


def _signed(x: float, digits: int, suffix: str) -> str:
    if x is None or not math.isfinite(x):
        return "–"
    sign = "+" if x > 0 else ""
    return f"{sign}{num(x, digits)}\u00a0{suffix}"


def _alt_value(x: float) -> str:
    if x is None or not math.isfinite(x):
        return "keine Angabe"
    return f"{num(x, 0)}\u00a0Prozent"


def locafox_table_html(df, reading: str) -> str:
    """The comparison table of ``model.locafox_table(reading, …)`` (German formats, gaps as gaps)."""
    head = ("<tr><th style='text-align:left'>Kennzahl</th><th>2015</th><th>zweite Erhebung</th>"
            "<th>Veränderung in Prozentpunkten</th><th>Veränderung in Prozent (relativ)</th>"
            "<th style='text-align:left'>Hinweis</th></tr>")
    rows = []
    for r in df.itertuples():
        if math.isnan(r.wert_2015):
            old = f"<i>{MISSING}</i>"
        elif r.abgeleitet:
            old = f"≈\u00a0{_share(r.wert_2015, 1)} <i>(abgeleitet: {escape(model.READINGS[reading])})</i>"
        else:
            old = _share(r.wert_2015)
        new = f"<i>{MISSING}</i>" if math.isnan(r.wert_neu) else _share(r.wert_neu)
        d_pp = _signed(r.aenderung_pp, 1, "Prozentpunkte") if math.isfinite(r.aenderung_pp) else "–"
        d_rel = _signed(r.aenderung_rel, 1, "%") if math.isfinite(r.aenderung_rel) else "–"
        note = "" if not isinstance(r.hinweis, str) else escape(r.hinweis)
        rows.append(f"<tr><td style='text-align:left'>{escape(r.kennzahl)}</td><td>{old}</td><td>{new}</td>"
                    f"<td>{d_pp}</td><td>{d_rel}</td><td style='text-align:left'>{note}</td></tr>")
    cap = ("<caption style='text-align:left'>Anteil der umsatzstärksten deutschen Einzelhändler mit dem jeweiligen "
           "Angebot (Locafox; zweite Erhebung nach 2015, Jahr in der Quelle nicht genannt). "
           "„–“ heißt: nicht berechenbar, weil ein Wert fehlt.</caption>")
    return (f"<table class='vt-table' style='border-collapse:collapse;text-align:right'>{cap}"
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def _comparison_text(df) -> str:
    lines = []
    for r in df.itertuples():
        if math.isfinite(r.aenderung_pp):
            tag = " – nur unter der gewählten Lesart" if r.abgeleitet else ""
            lines.append(f"<li><b>{escape(r.kennzahl)}</b>: von {_share(r.wert_2015, 1 if r.abgeleitet else 0)} auf "
                         f"{_share(r.wert_neu)} – das sind {escape(pp(r.aenderung_pp, 1))} oder "
                         f"{_signed(r.aenderung_rel, 1, '%')} relativ{escape(tag)}.</li>")
        else:
            lines.append(f"<li><b>{escape(r.kennzahl)}</b>: kein Vergleich möglich, weil ein Wert fehlt.</li>")
    both = df[np.isfinite(df["aenderung_pp"])]
    extra = ""
    if len(both) >= 2:
        top_pp = both.loc[both["aenderung_pp"].idxmax(), "kennzahl"]
        top_rel = both.loc[both["aenderung_rel"].idxmax(), "kennzahl"]
        extra = (f"<p>Größter Zuwachs in Prozentpunkten: <b>{escape(top_pp)}</b>; "
                 f"größter relativer Zuwachs: <b>{escape(top_rel)}</b>.</p>")
    return "<ul>" + "".join(lines) + "</ul>" + extra



def cross_channel(predict: bool = True) -> LivePanel:
    """Locafox figures: table + grouped bars; pick indicators and a reading of „plus 15 Prozent“.

    With ``predict`` the learner first commits to the indicators that grew most (in
    percentage points, relative); the views, which print the answer, open afterwards.
    Invariants (tests/test_m03_invariants.py): every value in the table is a plotted bar
    height; the „größter Zuwachs“ line names the maximum of the table's columns.
    """
    full = model.locafox_table("keine")
    ids = list(full["id"])
    labels = list(full["kennzahl"])
    x = np.arange(len(ids))
    w = 0.38
    plot = LivePlot(figsize=(7.4, 4.2))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Cross-Channel-Angebote der umsatzstärksten Einzelhändler",
               "Angebot", "Anteil der Händler (%)")
    ax.set_ylim(0, 122)
    ax.set_yticks(range(0, 101, 20))
    ax.set_xlim(-0.6, len(ids) - 0.4)
    german_axis(ax.yaxis, 0, "%")
    ax.set_xticks(x, [lab.replace(" optimierte ", "\noptimierte ").replace(" per ", "\nper ") for lab in labels],
                  fontsize=FONT["tick"] - 1)
    c_old, c_new = PALETTE["hellblau"], PALETTE["orange"]
    for i, r in enumerate(full.itertuples()):
        for val, dx, colour, hatch in ((r.wert_2015, -w / 2, c_old, "//"), (r.wert_neu, w / 2, c_new, "")):
            if math.isfinite(val):
                ax.bar(i + dx, val, w, color=colour, hatch=hatch, edgecolor="black", linewidth=0.8)
                ax.text(i + dx, val + 1.5, _share(val), ha="center", fontsize=FONT["note"])
            elif not (r.id == "buy_collect" and dx < 0):
                ax.text(i + dx, 2, "k. A.", ha="center", va="bottom", fontsize=FONT["note"], rotation=90)
    bc = ids.index("buy_collect")
    derived = plot.dynamic(Rectangle((bc - w, 0), w, 0, facecolor="white", hatch="xx", edgecolor="black",
                                     linestyle="--", linewidth=1.0))
    ax.add_patch(derived)
    derived_text = plot.dynamic(ax.text(bc - w / 2, 2, "", ha="center", va="bottom", fontsize=FONT["note"]))
    frames = []
    for i in range(len(ids)):
        fr = Rectangle((i - 0.47, 0), 0.94, 101, fill=False, edgecolor="black", linewidth=1.6, linestyle=":")
        ax.add_patch(fr)
        frames.append(plot.dynamic(fr))
    ax.legend(handles=[Patch(facecolor=c_old, hatch="//", edgecolor="black", label="2015"),
                       Patch(facecolor=c_new, edgecolor="black", label="zweite Erhebung"),
                       Patch(facecolor="white", hatch="xx", edgecolor="black", linestyle="--",
                             label="2015 abgeleitet (Lesart)"),
                       Patch(fill=False, edgecolor="black", linestyle=":", label="ausgewählt")],
              fontsize=FONT["legend"] - 1, loc="upper center", ncols=4, handlelength=1.6, columnspacing=1.0)
    table = widgets.HTML()
    text = widgets.HTML()
    # checkboxes (keyboard-accessible, no Strg/Cmd-click to know) in the standard control row;
    # a SelectMultiple put its label inline and stretched over a wide screen
    pick = ChoiceList(list(zip(labels, ids)), multiple=True, description="Kennzahlen", hide_description=True,
                      layout=widgets.Layout(flex="0 1 24em", max_width="100%"))
    pick.value = ["onlineshop", "mobil", "buy_collect"]
    pick._vt_row = label_row("Kennzahlen (mehrere möglich)", pick, align="flex-start")
    reading = dropdown("Lesart von „plus 15\u00a0Prozent“", [(v, k) for k, v in model.READINGS.items()], "keine")

    @blank_on_error(plot, [derived, derived_text, *frames], [table, text])
    def update(v):
        chosen = list(v["kennzahlen"])
        if not chosen:
            raise CourseInputError("Es ist keine Kennzahl ausgewählt.",
                                   "Bitte markieren Sie mindestens eine Kennzahl (mit gedrückter Strg-, Cmd- oder Umschalttaste auch mehrere).")
        tab = model.locafox_table(v["lesart"], chosen)
        derived_text.set_visible(True)
        for i, fr in enumerate(frames):
            fr.set_visible(ids[i] in chosen)
        if v["lesart"] == "keine":
            derived.set_height(0)
            derived.set_visible(False)
            derived_text.set_text("k. A.")
            derived_text.set_rotation(90)
            derived_text.set_y(2)
            alt_bc = ""
        else:
            val = model.buy_collect_2015(v["lesart"])
            derived.set_height(val)
            derived.set_visible(True)
            derived_text.set_rotation(0)
            derived_text.set_text(f"≈{num(val, 0)}\u00a0%")  # whole percent like every bar label (fits at 560 px)
            derived_text.set_y(val + 1.5)
            alt_bc = f" (2015 abgeleitet: etwa {num(val, 1)}\u00a0Prozent)"
        plot.refresh(alt=("Gruppiertes Balkendiagramm der Anteile der Händler, 2015 und zweite Erhebung: "
                          + "; ".join(f"{r.kennzahl} {_alt_value(r.wert_2015)} und "
                                      f"{_alt_value(r.wert_neu)}" + (alt_bc if r.id == "buy_collect" else "")
                                      for r in full.itertuples())
                          + f". Ausgewählt: {', '.join(tab['kennzahl'])}."))
        table.value = locafox_table_html(tab, v["lesart"])
        text.value = _comparison_text(tab)

    panel = LivePanel(**TEXTS["cross_channel"], controls={"kennzahlen": pick, "lesart": reading},
                      views=[plot.widget, table, text], update=update)
    panel.artists = {"ax": ax, "derived": derived, "frames": frames}
    if predict:
        comparable = full[np.isfinite(full["aenderung_pp"])]
        opts = [(r.kennzahl, r.id) for r in comparable.itertuples()]
        label = dict((i, lab) for lab, i in opts)
        top_pp, top_rel = model.growth_leaders("keine")
        gate(panel, Predict([
            Question("Welches Angebot ist in Prozentpunkten am stärksten gewachsen?", choices=opts,
                     answer=lambda: (top_pp, f"in Prozentpunkten am stärksten gewachsen ist „{label[top_pp]}“")),
            Question("Welches Angebot ist relativ (in Prozent) am stärksten gewachsen?", choices=opts,
                     answer=lambda: (top_rel, f"relativ am stärksten gewachsen ist „{label[top_rel]}“")),
        ]))
    return panel


# ---------------------------------------------------------------------------------------
# Mundpropaganda im Netz
# ---------------------------------------------------------------------------------------

DAYS = 15
RUNS = 20
N_PERSONS = 1000


_VERDICT_TEXT = {
    "fast_alle": "erreicht fast alle",
    "mehrheit": "erreicht mehr als die Hälfte",
    "verpufft": "verpufft (R unter 1: sie stirbt von selbst aus)",
    "langsam": "erreicht in {days}\u00a0Tagen erst {share} – R liegt nicht unter 1, sie stirbt also nicht von selbst aus, "
               "wächst in einem Netz aus engen Kreisen aber langsam",
    "teil": "erreicht in {days}\u00a0Tagen {share}",
}


def reach_verdict(s: model.Spread) -> str:
    """The German sentence for :attr:`model.Spread.verdict`."""
    return _VERDICT_TEXT[s.verdict].format(days=DAYS, share=pct(s.share))


def _spread_sentence(who: str, s: model.Spread) -> str:
    return (f"<li><b>{who}</b> (Weitererzähl-Wahrscheinlichkeit {num(s.p, 2)}): nach {DAYS}&nbsp;Tagen kennen im Mittel "
            f"<b>{num(s.final_mean, 0)} von {num(s.n, 0)}</b> Personen die Geschichte ({pct(s.share)}); "
            f"in 8 von 10 Läufen zwischen {num(float(np.quantile(s.final, 0.1)), 0)} und "
            f"{num(float(np.quantile(s.final, 0.9)), 0)}. Die Geschichte {escape(reach_verdict(s))}. "
            f"Verzweigungsfaktor R ≈\u00a0{num(s.branching, 1)} (Obergrenze).</li>")


def _predicted_reach(channel: str, contacts: int) -> float:
    """Mean reach of the delighted customer's story at the widget's other defaults."""
    return model.word_of_mouth(0.10, 2.0, contacts, channel, DAYS, n=N_PERSONS, runs=RUNS, seed=1)["positiv"].final_mean


def mundpropaganda(predict: bool = True) -> LivePanel:
    """Reach over the days of a delighted and an annoyed customer's story (seeded network).

    Invariants (tests/test_m03_invariants.py): the numbers in the text are the last points of
    the plotted lines; „fast alle“ only when the plotted mean is ≥ 90 % of the persons,
    „verpufft“ only below 10 %; R is called an upper bound, never the reason for a reach the
    plot does not show.
    """
    plot = LivePlot(figsize=(7.0, 4.0))
    ax = plot.fig.add_subplot()
    style_axes(ax, f"Wie weit reicht eine Kundengeschichte? ({num(N_PERSONS, 0)} Personen)",
               "Tage nach dem Erlebnis", "Personen, die davon wissen (Anzahl)")
    ax.set_xlim(0, DAYS)
    ax.set_xticks(range(0, DAYS + 1, 3))
    ax.set_ylim(0, N_PERSONS * 1.04)
    german_axis(ax.xaxis, 0)
    german_axis(ax.yaxis, 0)
    days = np.arange(DAYS + 1)
    zero = np.zeros_like(days, dtype=float)
    c_pos, c_neg = PALETTE["blau"], PALETTE["rot"]
    band_pos = plot.dynamic(ax.fill_between(days, zero, zero, color=c_pos, alpha=0.18, linewidth=0))
    band_neg = plot.dynamic(ax.fill_between(days, zero, zero, color=c_neg, alpha=0.18, hatch="//", linewidth=0))
    (line_pos,) = ax.plot(days, zero, "-o", color=c_pos, markersize=4, label="begeisterte Kundin")
    (line_neg,) = ax.plot(days, zero, "--s", color=c_neg, markersize=4, label="verärgerter Kunde")
    plot.dynamic(line_pos, line_neg)
    ax.legend(fontsize=FONT["legend"], loc="upper left", title=f"Linie: Mittel aus {RUNS} Läufen\nFläche: 8 von 10 Läufen",
              title_fontsize=FONT["note"])
    text = widgets.HTML()

    def band(poly, low, high):
        verts = np.column_stack([np.concatenate([days, days[::-1]]), np.concatenate([low, high[::-1]])])
        poly.set_verts([verts])

    @blank_on_error(plot, [band_pos, band_neg, line_pos, line_neg], [text])
    def update(v):
        res = model.word_of_mouth(v["p"], v["faktor"], int(v["kontakte"]), v["kanal"], DAYS,
                                  n=N_PERSONS, runs=RUNS, seed=v["seed"])
        pos, neg = res["positiv"], res["negativ"]
        for a in (band_pos, band_neg, line_pos, line_neg):
            a.set_visible(True)
        line_pos.set_ydata(pos.mean)
        line_neg.set_ydata(neg.mean)
        band(band_pos, pos.low, pos.high)
        band(band_neg, neg.low, neg.high)
        channel = model.CHANNEL_DE[v["kanal"]]
        plot.refresh(alt=(f"Liniendiagramm über {DAYS}\u00a0Tage, Kanal {channel}, {int(v['kontakte'])} Kontakte pro Person: "
                          f"Die Geschichte der begeisterten Kundin erreicht im Mittel {num(pos.final_mean, 0)} von "
                          f"{num(N_PERSONS, 0)} Personen, die des verärgerten Kunden {num(neg.final_mean, 0)}."))
        text.value = (f"<ul>{_spread_sentence('Begeisterte Kundin', pos)}{_spread_sentence('Verärgerter Kunde', neg)}</ul>"
                      "<p>Faustregel: Liegt R unter 1, stirbt eine Geschichte von selbst aus. Liegt R über 1, kann sie "
                      "sich ausbreiten – wie schnell, hängt davon ab, wie weit die Kontakte über den eigenen Kreis "
                      "hinausreichen. R ist eine Obergrenze: Es zählt jeden Kontakt als neu, auch wenn er die "
                      "Geschichte schon kennt. Was wirklich ankommt, zeigt die Kurve.</p>")

    seed = widgets.BoundedIntText(value=1, min=-1_000_000, max=10_000_000, description="Zufallsstart (Startwert)",
                                  style={"description_width": "initial"}, layout=widgets.Layout(width="240px"))
    controls = {
        "kanal": dropdown("Kanal", [(v, k) for k, v in model.CHANNEL_DE.items()], "offline"),
        "kontakte": slider("Kontakte pro Person", 6, 4, 30, 2, integer=True),
        "p": slider("Weitererzähl-Wahrscheinlichkeit je Kontakt und Tag (begeistert)", 0.10, 0.01, 0.30, 0.01, fmt=".2f"),
        "faktor": slider("Faktor verärgert gegenüber begeistert", 2.0, 0.5, 3.0, 0.25, fmt=".2f"),
        "seed": seed,
    }
    for c in controls.values():
        if hasattr(c, "continuous_update"):
            c.continuous_update = False  # one network simulation per release, not per pixel
    panel = LivePanel(**TEXTS["mundpropaganda"], controls=controls, views=[plot.widget, text], update=update,
                      toy_model=True)
    panel.artists = {"pos": line_pos, "neg": line_neg, "ax": ax}
    if predict:
        def answer(channel, k):
            def f():
                val = _predicted_reach(channel, k)
                return val, f"{num(val, 0)} von {num(N_PERSONS, 0)} ({model.CHANNEL_DE[channel].split(' ')[0]}, {k} Kontakte)"
            return f
        gate(panel, Predict([
            Question(f"Offline mit 6 Kontakten: Wie viele der {num(N_PERSONS, 0)} Personen kennen die Geschichte der "
                     f"begeisterten Kundin nach {DAYS}\u00a0Tagen?", unit="Personen", unit_one="Person", lo=0, hi=N_PERSONS, digits=0, tolerance=100,
                     answer=answer("offline", 6)),
            Question("Online mit 20 Kontakten?", unit="Personen", unit_one="Person", lo=0, hi=N_PERSONS, digits=0, tolerance=100,
                     answer=answer("online", 20)),
        ]))
    return panel


# ---------------------------------------------------------------------------------------
# Antwortzeit und Irritation (24/7-Prinzip)
# ---------------------------------------------------------------------------------------

PATIENCE = {
    # short option texts, so the dropdown fits beside the label column (a 65-character option
    # wrapped the row: label above, dropdown at the left edge)
    "netzaffin": ("netzaffin (Median 15\u00a0Minuten)", 15.0),
    "gemischt": ("gemischt (Median 2\u00a0Stunden)", 120.0),
    "klassisch": ("klassisch (Median 24\u00a0Stunden)", 1440.0),
}
NIGHT_HOURS = 8.0  # how long a request after closing time waits without 24/7 service
TICKS_MIN = [1, 5, 15, 60, 240, 1440, 2880]
TICK_LABELS = [f"{n}\u00a0{unit}" for n, unit in ((1, "min"), (5, "min"), (15, "min"), (1, "h"), (4, "h"), (1, "Tag"), (2, "Tage"))]


def _duration(minutes: float) -> str:
    if minutes < 10:
        return f"{num(minutes, 1, strip=True)}\u00a0Minuten"
    if minutes < 90:
        return f"{num(minutes, 0)}\u00a0Minuten"
    if minutes < 48 * 60:
        return f"{num(minutes / 60, 1, strip=True)}\u00a0Stunden"
    return f"{num(minutes / 1440, 1, strip=True)}\u00a0Tage"


def antwortzeit() -> LivePanel:
    """Share of irritated customers by service level, with and without 24/7 answers."""
    plot = LivePlot(figsize=(7.0, 4.0))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Wie viele Anfragende sind schon verärgert?", "Zielzeit für Antworten (logarithmische Achse)",
               "verärgerte Kundschaft (%)")
    ax.set_xscale("log")
    ax.set_xlim(1, 2880)
    ax.set_ylim(0, 100)
    ax.xaxis.set_major_locator(FixedLocator(TICKS_MIN))
    ax.xaxis.set_major_formatter(NullFormatter())
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticks(TICKS_MIN, TICK_LABELS)
    german_axis(ax.yaxis, 0, "%")
    grid = np.geomspace(1, 2880, 80)
    zero = np.zeros_like(grid)
    # the dashed line is drawn on top (zorder and blit order): where both curves coincide (no
    # enquiries outside business hours) the solid one still shows in its gaps
    (line_night,) = ax.plot(grid, zero, "--", color=PALETTE["rot"], linewidth=2, label="mit Feierabend (Nachtpause)", zorder=2.5)
    (line_247,) = ax.plot(grid, zero, "-", color=PALETTE["blau"], linewidth=2, label="mit 24/7-Service")
    (dot_night,) = ax.plot([], [], "s", color=PALETTE["rot"], markersize=9, markeredgecolor="black")
    (dot_247,) = ax.plot([], [], "o", color=PALETTE["blau"], markersize=9, markeredgecolor="black")
    vline = ax.axvline(60, color="#444444", linestyle=":", linewidth=1.2)
    plot.dynamic(line_247, line_night, dot_night, dot_247, vline)
    ax.legend(fontsize=FONT["legend"], loc="upper left")
    text = widgets.HTML()

    @blank_on_error(plot, [line_night, line_247, dot_night, dot_247, vline], [text])
    def update(v):
        target = check_number(v["zielzeit"], "Zielzeit", 1, 2880, unit="min")
        sl = v["servicelevel"] / 100
        pat = PATIENCE[v["kundschaft"]][1]
        share = v["ausserhalb"] / 100
        night = model.irritation(target, sl, pat, share, NIGHT_HOURS, False)
        always = model.irritation(target, sl, pat, share, NIGHT_HOURS, True)
        for a in (line_night, line_247, dot_night, dot_247, vline):
            a.set_visible(True)
        line_night.set_ydata(100 * model.irritation_curve(grid, sl, pat, share, NIGHT_HOURS, False))
        line_247.set_ydata(100 * model.irritation_curve(grid, sl, pat, share, NIGHT_HOURS, True))
        dot_night.set_data([target], [100 * night["total"]])
        dot_247.set_data([target], [100 * always["total"]])
        vline.set_xdata([target, target])
        plot.refresh(alt=(f"Kurvendiagramm: Anteil verärgerter Anfragender über der Zielzeit. Bei {_duration(target)} "
                          f"und {num(v['servicelevel'], 0)}\u00a0% Servicelevel sind es mit Feierabend "
                          f"{pct(night['total'])}, mit 24/7-Service {pct(always['total'])}."))
        text.value = (f"<p>Ihr Servicelevel: <b>{num(v['servicelevel'], 0)}&nbsp;% der Anfragen binnen "
                      f"{escape(_duration(target))}</b>. Dann dauert eine Antwort im Mittel "
                      f"{escape(_duration(night['mean_min']))}.</p><ul>"
                      f"<li>Mit Feierabend (Anfragen nach Dienstschluss warten zusätzlich {num(NIGHT_HOURS, 0)}&nbsp;Stunden): "
                      f"<b>{pct(night['total'])}</b> der Anfragenden sind verärgert.</li>"
                      f"<li>Mit 24/7-Service: <b>{pct(always['total'])}</b>.</li></ul>")

    target = widgets.Text(value="60", description="Zielzeit für Antworten (Minuten)", continuous_update=False,
                          style={"description_width": "initial"}, layout=widgets.Layout(width="320px"))
    artists = {"night": dot_night, "always": dot_247, "line_night": line_night, "line_247": line_247, "ax": ax}
    controls = {
        "zielzeit": target,
        "servicelevel": slider("Servicelevel: Anteil der Antworten innerhalb der Zielzeit", 80, 50, 95, 5,
                               integer=True, unit="%"),
        "kundschaft": dropdown("Geduld der Kundschaft", [(label, key) for key, (label, _m) in PATIENCE.items()], "netzaffin"),
        "ausserhalb": slider("Anfragen außerhalb der Geschäftszeit", 30, 0, 60, 5, integer=True, unit="%"),
    }
    return _with_artists(artists, LivePanel(**TEXTS["antwortzeit"], controls=controls, views=[plot.widget, text],
                                            update=update, toy_model=True))


# ---------------------------------------------------------------------------------------
# Bass-Diffusion: Onlineshops von 60 auf 73 Prozent
# ---------------------------------------------------------------------------------------

YEARS = 20
OBS_OLD, OBS_NEW = 0.60, 0.73


def bass_diffusion() -> LivePanel:
    """Bass curve with p and q; does it reproduce 60 % → 73 % online shops in one year?

    Invariants (tests/test_m03_invariants.py): the model point and both observed points lie
    inside the x limits; the percentage in the text is the plotted model point; the peak
    sentence never says „nach 0,0 Jahren“.
    """
    plot = LivePlot(figsize=(7.0, 4.0))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Wie schnell setzt sich der Onlineshop durch?", "Jahre seit Markteinführung",
               "Händler mit Onlineshop (%)")
    ax.set_xlim(0, YEARS)
    ax.set_xticks(range(0, YEARS + 1, 2))
    ax.set_ylim(0, 100)
    german_axis(ax.xaxis, 0)
    german_axis(ax.yaxis, 0, "%")
    t = np.linspace(0, YEARS, 161)
    state = {"xmax": YEARS}
    (curve,) = ax.plot(t, np.zeros_like(t), "-", color=PALETTE["blau"], linewidth=2, label="Bass-Modell")
    (model_pt,) = ax.plot([], [], "o", color=PALETTE["blau"], markersize=9, markeredgecolor="black",
                          label="Modell ein Jahr später")
    (obs,) = ax.plot([], [], "D", color=PALETTE["orange"], markersize=9, markeredgecolor="black",
                     linestyle="none", label="Locafox: 60\u00a0% (2015) und 73\u00a0%")
    peak = ax.axvline(0, color="#444444", linestyle=":", linewidth=1.2, label="Zeitpunkt des stärksten Zuwachses")
    plot.dynamic(curve, model_pt, obs, peak)
    ax.legend(fontsize=FONT["legend"] - 1, loc="lower right")
    text = widgets.HTML()

    @blank_on_error(plot, [curve, model_pt, obs, peak], [text])
    def update(v):
        p, q = v["p"], v["q"]
        fit = model.bass_fit(p, q, OBS_OLD, OBS_NEW, YEARS)
        t0, nxt, t_peak, xmax = fit.t0, fit.next_share, fit.t_peak, fit.xmax
        if xmax != state["xmax"]:  # the points would leave the chart: widen the time axis (one full draw)
            state["xmax"] = xmax
            ax.set_xlim(0, xmax)
            ax.set_xticks(np.arange(0, xmax + 1, xmax // 10))
            plot.invalidate()
        tt = np.linspace(0, xmax, 161)
        ys = 100 * model.bass_F(tt, p, q)
        curve.set_xdata(tt)
        for a in (curve, model_pt, obs, peak):
            a.set_visible(True)
        curve.set_ydata(ys)
        model_pt.set_data([t0 + 1], [100 * nxt])
        obs.set_data([t0, t0 + 1], [100 * OBS_OLD, 100 * OBS_NEW])
        peak.set_xdata([t_peak, t_peak])
        gap = fit.gap_pp
        plot.refresh(alt=(f"S-Kurve des Bass-Modells mit p = {num(p, 3)} und q = {num(q, 2)}: Von 60\u00a0Prozent steigt der "
                          f"Anteil in einem Jahr auf {num(100 * nxt, 1)}\u00a0Prozent; beobachtet wurden 73\u00a0Prozent."))
        verdict = ("Ihr Modell trifft die beobachteten 73\u00a0% auf einen Prozentpunkt genau."
                   if fit.hit else
                   f"Ihr Modell liegt {num(abs(gap), 1)}\u00a0Prozentpunkte {'über' if gap > 0 else 'unter'} den beobachteten 73\u00a0%.")
        if fit.peak_at_start:
            peak_s = ("Den stärksten Zuwachs pro Jahr gibt es <b>gleich zu Beginn</b>: Die Nachahmung (q) ist nicht "
                      "stärker als der Anstoß von außen (p), deshalb gibt es keinen späteren Gipfel.")
        else:
            peak_s = f"Den stärksten Zuwachs pro Jahr gibt es nach <b>{num(t_peak, 1)}&nbsp;Jahren</b>."
        axis_s = (f" Die Zeitachse reicht deshalb bis {xmax}&nbsp;Jahre." if xmax > YEARS else "")
        text.value = (f"<p>Ein Jahr nach dem Stand von 60&nbsp;% sagt Ihr Modell <b>{pct(nxt, 1)}</b> voraus. "
                      f"{escape(verdict)}</p><p>{peak_s} 60&nbsp;% erreicht das Modell nach {num(t0, 1)}&nbsp;Jahren.{axis_s}</p>")

    artists = {"curve": curve, "model_pt": model_pt, "obs": obs, "peak": peak, "ax": ax}
    controls = {
        "p": slider("Innovationskoeffizient p (Anstoß von außen)", 0.03, 0.001, 0.1, 0.001, fmt=".3f"),
        "q": slider("Imitationskoeffizient q (Nachahmung, Mundpropaganda)", 0.38, 0.05, 0.8, 0.01, fmt=".2f"),
    }
    return _with_artists(artists, LivePanel(**TEXTS["bass_diffusion"], controls=controls, views=[plot.widget, text],
                                            update=update, toy_model=True))


#: The learner texts of the four panels: title, question and the model's assumptions.
TEXTS = {
    "cross_channel": {
        "title": "Cross-Channel im Einzelhandel",
        "question": "Was passiert mit dem Bild vom Wachstum, wenn Sie in Prozentpunkten statt in Prozent rechnen – "
                    "und wenn Sie „plus 15\u00a0Prozent“ bei Buy & Collect anders lesen?",
        "assumptions": "Keine Modellrechnung, sondern die Zahlen aus dem Editorial des Newsletters „Außendienst "
                       "Informationen“ (Locafox-Studie). Fehlende Werte bleiben leer. Der 2015-Wert für Buy & Collect "
                       "steht nicht in der Quelle; er erscheint nur, wenn Sie eine Lesart wählen, und ist dann "
                       "als abgeleitet gekennzeichnet.",
    },
    "mundpropaganda": {
        "title": "Mundpropaganda im Netz",
        "question": "Was passiert mit der Reichweite einer Kundengeschichte, wenn sie online statt offline erzählt "
                    "wird und das Netz nicht vergisst?",
        "assumptions": f"{num(N_PERSONS, 0)} Personen in einem Kleine-Welt-Netz (Watts-Strogatz, 10\u00a0% zufällige "
                       "Verbindungen); die erste Kundin bzw. der erste Kunde kennt die Geschichte an Tag 0. Jeden Tag "
                       "erzählt jede Person, für die die Geschichte noch sichtbar ist, sie jedem Kontakt mit der "
                       "gewählten Wahrscheinlichkeit weiter. Offline ist sie nur einen Tag sichtbar, online für immer. "
                       "Die verärgerte Geschichte wird mit dem gewählten Faktor häufiger (oder seltener) weitergegeben; "
                       f"der Standardwert 2 ist eine Annahme des Kurses. {RUNS} Läufe mit festem Zufallsstart: Gleiche "
                       "Einstellungen ergeben immer dasselbe Bild.",
    },
    "antwortzeit": {
        "title": "Antwortzeit und 24/7-Erwartung",
        "question": "Was passiert mit dem Anteil verärgerter Kundinnen und Kunden, wenn Sie Ihre Zielzeit für "
                    "Antworten verlängern – und wenn nach Feierabend niemand antwortet?",
        "assumptions": "Antwortzeiten streuen exponentiell; der Servicelevel legt ihren Mittelwert fest. Die Geduld der "
                       "Kundschaft streut ebenfalls exponentiell um den gewählten Median. Den Median von 15\u00a0Minuten "
                       "für netzaffine Kundschaft setzt der Kurs; das Buchkapitel sagt nur, dass eine unbeantwortete "
                       "Mail schon nach wenigen Minuten irritiert. Die Werte für „gemischt“ und „klassisch“ sind "
                       "Annahmen. Wer länger warten muss, als die eigene Geduld "
                       "reicht, ist verärgert. Anfragen außerhalb der Geschäftszeit warten ohne 24/7-Service "
                       f"zusätzlich {num(NIGHT_HOURS, 0)}\u00a0Stunden.",
    },
    "bass_diffusion": {
        "title": "Bass-Diffusion: Onlineshops im Handel",
        "question": "Was passiert mit der Ausbreitung eines neuen Kanals, wenn Nachahmung (q) stärker wirkt als der "
                    "Anstoß von außen (p) – und welche Werte passen zu den Locafox-Zahlen?",
        "assumptions": "Bass-Modell (Bass 1969): Marktpotenzial = alle umsatzstärksten Händler der Locafox-Studie "
                       "(100\u00a0%). p und q gelten für alle gleich. Die Startwerte p = 0,03 und q = 0,38 sind typische "
                       "Werte aus einer Metaanalyse (Sultan, Farley & Lehmann 1990), nicht aus Handelsdaten geschätzt. "
                       "Die Locafox-Zahlen setzt das Widget so auf die Kurve, dass 60\u00a0% getroffen werden, und nimmt "
                       "an, dass die zweite Erhebung ein Jahr später lag (die Quelle nennt das Jahr nicht).",
    },
}


WIDGETS = {"cross_channel": cross_channel, "mundpropaganda": mundpropaganda, "antwortzeit": antwortzeit,
           "bass_diffusion": bass_diffusion}
