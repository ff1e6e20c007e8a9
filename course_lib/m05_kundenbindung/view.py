"""Module 05 widgets: Abwanderungs-Check, Wert der Treue, Proaktiver Service.

Thin layer: controls → :mod:`course_lib.m05_kundenbindung.model` → plot/text.
"""
from __future__ import annotations

import math
from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.text import Text

from ..blocks import guard
from ..blocks.choices import ChoiceList
from ..blocks.liveplot import LivePlot
from ..blocks.icons import icon
from ..blocks.messages import box
from ..blocks.panel import PanelBase, LivePanel, dropdown, selection_slider
from ..blocks.predict import Predict, Question, gate
from ..blocks.style import FONT, PALETTE, german_axis, style_axes
from ..format_de import eur, num, pct, pp
from . import model

GROUP_STYLE = {  # colour + hatch: the group is never shown by colour alone (tags from the data file)
    model.OWN: {"color": PALETTE["blau"], "hatch": "", "tag": model.GROUP_TAGS[model.OWN]},
    model.CUSTOMER: {"color": PALETTE["orange"], "hatch": "//", "tag": model.GROUP_TAGS[model.CUSTOMER]},
}


# ---------------------------------------------------------------------------------------
# Abwanderungs-Check
# ---------------------------------------------------------------------------------------
#: Below this panel width (CSS px, reported by the panel's width probe) the two charts of the
#: Abwanderungs-Check are stacked: side by side at 650 px the bar area was about 130 px wide
#: and both titles wrapped onto three or four lines (screenshot review).
CHURN_STACK_BELOW_PX = 760
#: Figure height (inches) side by side / stacked (the width follows the panel, see fit_width).
CHURN_HEIGHT = {"wide": 4.9, "stacked": 8.4}
#: Gap (points) between the last point of the cohort curve and the „noch …“ label.
END_LABEL_GAP_PT = 7
#: Bar thickness and the offset of the bar's centre from its row (data units, one row = 1).
#: Stacked, each category name stands above its bar (as tick labels on the left the long names
#: squeezed the bars into the right half at 560 px, and the cohort chart below, aligned to the
#: same column, started at the bars' x position), so the bar is thinner and moves down.
CHURN_BARS = {"wide": (0.7, 0.0), "stacked": (0.42, -0.24)}
#: Stacked: the category name's baseline above its row centre (data units).
CHURN_NAME_Y = 0.02
#: Stacked: extra vertical space between the bar chart (incl. its legend) and the cohort chart,
#: as a fraction of the average axes height (the bars' x label nearly touched the lower title).
CHURN_STACK_HSPACE = 0.07
#: Shown inside the weights chart while no warning sign has a level above 0 (an empty chart
#: looked broken). Centred while the chart is empty; beside the dashed bars once they show.
#: The variants (text, font size), widest first: the first that fits the free room is shown.
CHURN_EMPTY = (
    ("Noch kein Warnsignal gewählt –\nstellen Sie bei einem Signal\neine Stufe über 0 ein.", FONT["label"]),
    ("Noch kein Warnsignal\ngewählt – stellen Sie\nbei einem Signal eine\nStufe über 0 ein.", FONT["note"]),
    ("Noch kein\nWarnsignal\ngewählt –\nStufe über 0\neinstellen.", FONT["note"]),
)


class _FittingText(Text):
    """A text that shows, at each draw, the first of its ``variants`` ((text, font size), widest
    first) whose box fits ``room()`` pixels, the last one otherwise. It is drawn on every blit
    (a dynamic artist), so after a width change (fit_width redraws without an update) it fits
    the chart's new width; its window extent is measured after the same choice."""

    def __init__(self, *args, variants=(), room=None, **kw):
        super().__init__(*args, **kw)
        self.variants = tuple(variants)
        self.room = room

    def _fit(self, renderer) -> None:
        if not self.variants or self.room is None or not self.get_visible():
            return
        room = self.room()
        for text, size in self.variants:
            if (text, size) != (self.get_text(), self.get_fontsize()):
                self.set_text(text)
                self.set_fontsize(size)
            if super().get_window_extent(renderer).width <= room:
                return

    def get_window_extent(self, renderer=None, dpi=None):
        self._fit(renderer or self.get_figure(root=True).canvas.get_renderer())
        return super().get_window_extent(renderer, dpi)

    def draw(self, renderer):
        self._fit(renderer)
        super().draw(renderer)


def _place_end_label(label, end: float, base_end: float, months: int) -> None:
    """The „noch …“ label clear of both curves (it sat on the markers at month 30).

    Both curves fall over time and the one without warning signs (ending at ``base_end``) lies
    above the learner's curve, so the area just below and left of the curve's end point is
    always free: the label goes there when the end point is high enough. With many warning signs
    the end point lies near the x-axis; then the label stands at the right edge halfway between
    the two curves (the learner's curve has fallen below it long before month 36, the other one
    stays above it) with a thin leader line down to the end point."""
    if end >= 25:
        label.anncoords = "offset points"
        label.set_position((-END_LABEL_GAP_PT, -END_LABEL_GAP_PT))
        label.set_verticalalignment("top")
        # no leader line: without arrow the annotation's extent is its text (a hidden arrow
        # would still count in get_window_extent, so layout and overlap checks would see it)
        label.arrowprops, label.arrow_patch = None, None
    else:
        label.anncoords = "data"
        label.set_position((months - 0.6, (end + base_end) / 2))
        label.set_verticalalignment("center")
        label.arrowprops, label.arrow_patch = label._vt_arrow
    label.xy = (months, end)
    label.set_horizontalalignment("right")


def abwanderungs_check() -> LivePanel:
    """Eight warning signs (0–3 each) → monthly churn risk, top reasons, counter-measures, chart.

    The two charts stand side by side when the panel is wide and one above the other when it
    is narrow (the panel's width probe reports the width, see ``CHURN_STACK_BELOW_PX``). Stacked,
    the category names stand above thin bars (``CHURN_BARS``), so both charts use the full width
    and each legend hangs under its own chart; while no sign is set, a placeholder
    (``CHURN_EMPTY``) says so inside the weights chart."""
    signs = model.WARNING_SIGNS
    plot = LivePlot(figsize=(9.6, CHURN_HEIGHT["wide"]))
    grids = {"wide": plot.fig.add_gridspec(1, 2, width_ratios=[1.25, 1]),
             "stacked": plot.fig.add_gridspec(2, 1, height_ratios=[1.3, 1], hspace=CHURN_STACK_HSPACE)}
    ax_w = plot.fig.add_subplot(grids["wide"][0, 0])
    ax_s = plot.fig.add_subplot(grids["wide"][0, 1])
    style_axes(ax_w, "Gewicht der Warnsignale", "Beitrag zum Monatsrisiko (Prozentpunkte)", "")
    ax_w.grid(True, axis="x", color="#dddddd")
    ax_w.grid(False, axis="y")
    y = np.arange(len(signs))[::-1]
    labels = [f"[{GROUP_STYLE[s.group]['tag']}] {s.label}" for s in signs]
    maxw = [3 * s.weight for s in signs]
    possible = ax_w.barh(y, maxw, height=0.7, color="white", edgecolor=PALETTE["grau"], linestyle="--", linewidth=1,
                         label="möglich bei Stufe 3")
    bars = ax_w.barh(y, [0] * len(signs), height=0.7,
                     color=[GROUP_STYLE[s.group]["color"] for s in signs],
                     hatch=[GROUP_STYLE[s.group]["hatch"] for s in signs], edgecolor="black", linewidth=0.8)
    for b in bars:
        plot.dynamic(b)
    values = [plot.dynamic(ax_w.text(0, yy, "", va="center", ha="left", fontsize=FONT["note"])) for yy in y]
    ax_w.set_yticks(y, labels, fontsize=FONT["tick"])
    # stacked: the same names above the bars, from the chart's left edge (hidden side by side)
    from matplotlib.transforms import offset_copy

    at_name = offset_copy(ax_w.transData, fig=plot.fig, x=3, units="points")  # clear of the y axis line
    names = [ax_w.text(0, yy + CHURN_NAME_Y, lab, va="bottom", ha="left", fontsize=FONT["tick"], visible=False,
                       transform=at_name) for yy, lab in zip(y, labels)]
    empty = _FittingText(0.5, 0.5, "", transform=ax_w.transAxes, ha="center", va="center", fontstyle="italic",
                         color="#333333", linespacing=1.4, multialignment="center", variants=CHURN_EMPTY,
                         bbox={"boxstyle": "round,pad=0.6", "facecolor": "#f4f4f4", "edgecolor": "#999999"})
    ax_w.add_artist(empty)
    plot.dynamic(empty)
    ax_w.set_xlim(0, 2.8)
    german_axis(ax_w.xaxis, 1)
    from matplotlib.patches import Patch

    possible_patch = Patch(facecolor="white", edgecolor=PALETTE["grau"], linestyle="--", label="möglich bei Stufe 3")

    layout = {"mode": "wide", "possible": False}

    def legends() -> None:
        """Both legends below their charts (LivePlot.legend), in columns that fit the chart's
        width in the current arrangement (so none is merged into a figure legend)."""
        for leg in list(plot.fig.legends):
            leg.remove()
        handles = [
            Patch(facecolor=GROUP_STYLE[model.OWN]["color"], edgecolor="black", label="[E] eigener Fehler"),
            Patch(facecolor=GROUP_STYLE[model.CUSTOMER]["color"], hatch="//", edgecolor="black", label="[K] Kunde/Markt"),
        ] + ([possible_patch] if layout["possible"] else [])
        stacked = layout["mode"] == "stacked"
        plot.legend(ax_w, handles, ncols=2 if stacked else 1, fontsize=FONT["note"])
        plot.legend(ax_s, [base_line, curve], ncols=2 if stacked else 1, fontsize=FONT["note"])

    def bar_center(yy: float) -> float:
        return yy + CHURN_BARS[layout["mode"]][1]

    def place_bars() -> None:
        """Bars, names and limits of the weights chart for the current arrangement: side by side
        the names are tick labels left of the bars; stacked they stand above thin bars, so the
        bars use the chart's whole width and the cohort chart below is not pushed to the right
        by the names (both charts share one column of the layout)."""
        stacked = layout["mode"] == "stacked"
        h, dy = CHURN_BARS[layout["mode"]]
        for b, pb, yy in zip(bars, possible, y):
            for r in (b, pb):
                r.set_y(yy + dy - h / 2)
                r.set_height(h)
        ax_w.tick_params(axis="y", left=not stacked, labelleft=not stacked)
        for t in names:
            t.set_visible(stacked)
        n = len(signs)
        ax_w.set_ylim((-0.6, n - 0.55) if stacked else (-0.75, n - 0.25))

    def place_empty(res) -> None:
        """The placeholder while no sign has a level: centred in the empty chart side by side;
        otherwise (stacked the names stand on the left, or the dashed bars show) right-aligned
        beside the lower half of the rows, in the room right of their names and dashed bars."""
        none = not any(res.severities.values())
        empty.set_visible(none)
        if not none:
            return
        if not layout["possible"] and layout["mode"] == "wide":
            empty.set_transform(ax_w.transAxes)
            empty.set_position((0.5, 0.5))
            empty.set_horizontalalignment("center")
            empty.room = lambda: ax_w.bbox.width - 16
            return
        low = y <= np.median(y)  # the lower half of the rows
        empty.set_transform(ax_w.get_yaxis_transform())  # x in axes fraction, y in data
        empty.set_position((0.97, float(np.mean(y[low]))))
        empty.set_horizontalalignment("right")

        def room() -> float:
            r = plot.canvas.get_renderer()
            ab = ax_w.bbox
            left = ab.x0
            for k in np.flatnonzero(low):
                if possible[k].get_visible():
                    left = max(left, possible[k].get_window_extent(r).x1)
                if names[k].get_visible():
                    left = max(left, names[k].get_window_extent(r).x1)
            return ab.x1 - 0.03 * ab.width - left - 16  # the box's padding and a gap

        empty.room = room

    def arrange(mode: str) -> bool:
        """Side by side (``"wide"``) or one above the other (``"stacked"``); True if changed."""
        if mode == layout["mode"]:
            return False
        layout["mode"] = mode
        gs = grids[mode]
        ax_w.set_subplotspec(gs[0, 0])
        ax_s.set_subplotspec(gs[0, 1] if mode == "wide" else gs[1, 0])
        place_bars()
        if state["res"] is not None:
            for tx, s, yy in zip(values, signs, y):
                tx.set_position((state["res"].contributions[s.id] * 100 + 0.04, bar_center(yy)))
            place_empty(state["res"])
        w_in = plot.fig.get_size_inches()[0]
        plot.fig.set_size_inches(w_in, CHURN_HEIGHT[mode])
        legends()
        plot.invalidate(relayout=True)
        # a legend hangs below its chart at a distance measured from the chart's tick and axis
        # labels when it is made; they change with the arrangement (wrapped or staggered at the
        # old one), so lay out once and make the legends again at the settled labels
        plot.draw()
        legends()
        plot.invalidate(relayout=True)
        return True

    # Prediction first: the dashed „möglich bei Stufe 3“ bars answer „welche wiegen am schwersten?“,
    # so they appear only after the learner has committed a guess.
    for b in possible:
        b.set_visible(False)

    style_axes(ax_s, "Kohorte: 100 Stammkunden", "Monate", "davon noch Kunde (Anzahl)")
    months = np.arange(model.MONTHS + 1)
    base = 100 * model.survival(model.H0, model.MONTHS)
    (base_line,) = ax_s.plot(months, base, color=PALETTE["grau"], linestyle="--", linewidth=1.5, label="ohne Warnsignale")
    (curve,) = ax_s.plot(months, base, color=PALETTE["rot"], linewidth=2.2, marker="o", markevery=6,
                         label="Ihr Stammkunde")
    # the dashed comparison line is drawn on top of the curve (zorder, blit order): without any
    # warning sign both lie on the same points, and the red curve still shows in the dashes' gaps
    base_line.set_zorder(2.5)
    plot.dynamic(curve, base_line)
    end_text = plot.dynamic(ax_s.annotate("", xy=(model.MONTHS, base[-1]), xytext=(0, 0), textcoords="offset points",
                                          annotation_clip=False, fontsize=FONT["note"],
                                          arrowprops={"arrowstyle": "-", "color": PALETTE["grau"], "lw": 0.8,
                                                      "shrinkA": 3, "shrinkB": 5}))
    end_text._vt_arrow = (end_text.arrowprops, end_text.arrow_patch)  # the leader line, shown when needed
    ax_s.set_xlim(0, model.MONTHS)
    ax_s.set_ylim(0, 105)
    ax_s.set_xticks(range(0, model.MONTHS + 1, 6))
    german_axis(ax_s.yaxis, 0)
    german_axis(ax_s.xaxis, 0)
    legends()

    text = widgets.HTML()
    text.add_class("vt-result")
    level_opts = [(f"{k} – {v}", k) for k, v in model.LEVELS.items()]
    controls = {}
    for s in signs:
        d = dropdown(s.label, level_opts, 0, width="330px")
        d.tooltip = s.signal
        controls[s.id] = d
    state = {"res": None}

    def update(v):
        res = model.churn_check(v)
        state["res"] = res
        for b, tx, s, yy in zip(bars, values, signs, y):
            c = res.contributions[s.id] * 100
            b.set_width(c)
            tx.set_position((c + 0.04, bar_center(yy)))
            tx.set_text(num(c, 1) if c > 0 else "")
        place_empty(res)
        curve.set_ydata(res.cohort)
        _place_end_label(end_text, float(res.cohort[-1]), float(base[-1]), model.MONTHS)
        end_text.set_text(f"noch {num(res.cohort[-1], 0)}")
        active = [f"{s.label} ({num(res.contributions[s.id] * 100, 1)})" for s in signs if res.severities[s.id] > 0]
        first, second = ("Oben", "Unten") if layout["mode"] == "stacked" else ("Links", "Rechts")
        plot.refresh(alt=(
            f"{first}: Balkendiagramm der Beiträge der acht Warnsignale zum monatlichen Abwanderungsrisiko in "
            "Prozentpunkten; " + ("aktiv: " + ", ".join(active) if active else "kein Warnsignal aktiv")
            + f". {second}: Von 100 solchen Stammkunden sind nach 36\u00a0Monaten noch {num(res.cohort[-1], 0)} "
            f"Kunde, ohne Warnsignale wären es {num(base[-1], 0)}."))
        text.value = _churn_html(res)

    panel = LivePanel(
        title="Abwanderungs-Check",
        question=("Was passiert mit dem Abwanderungsrisiko eines Stammkunden, wenn Sie bei ihm "
                  "Warnsignale bemerken – und welche wiegen am schwersten?"),
        controls=controls, views=[plot.widget, text], update=update, toy_model=True,
        controls_layout=_group_controls(controls),
        assumptions=("Grundrisiko 0,5\u00a0% pro Monat. Jede Stufe eines Warnsignals erhöht das Monatsrisiko um "
                     "sein Gewicht (0,3 bis 0,6\u00a0Prozentpunkte, gestrichelte Balken = Stufe 3). Die Gewichte "
                     "sind Annahmen des Kurses, die acht Gründe stammen aus dem Newsletter "
                     "„Außendienst Informationen“. Die Einteilung in eigene Fehler [E] und Veränderungen bei "
                     "Kunde oder Markt [K] ist eine Deutung des Kurses. Jahres-Bindung "
                     "r\u00a0=\u00a0(1\u00a0−\u00a0h)¹²."),
    )
    heaviest = max(s.weight for s in signs)

    def heaviest_answer():
        top = [s for s in signs if s.weight == heaviest]
        names = " und ".join(f"„{s.label}“" for s in top)
        return (frozenset(s.id for s in top),
                f"{names} mit {num(heaviest, 1)}\u00a0Prozentpunkten je Stufe (die gestrichelten Balken "
                "zeigen jetzt alle Gewichte bei Stufe\u00a03)")

    def reveal(_p: Predict) -> None:
        for b in possible:
            b.set_visible(True)
        layout["possible"] = True
        legends()
        plot.invalidate()
        panel.refresh()

    def on_width(change) -> None:
        """The panel's width probe reported a new width: stack or unstack the charts."""
        px = change["new"]
        if px and arrange("stacked" if px < CHURN_STACK_BELOW_PX else "wide"):
            panel.refresh()

    probe = getattr(panel.box, "_vt_probe", None)
    if probe is not None:
        probe.observe(on_width, names="width")

    guess = Predict([Question("Welches Warnsignal erhöht das Abwanderungsrisiko am stärksten?",
                              choices=[(s.label, s.id) for s in signs], answer=heaviest_answer,
                              shuffle_key="m05/abwanderungs_check/vermutung")],
                    intro="Ihre Vermutung zuerst:")
    gate(panel, guess, hide="verdict")  # the plot stays; only the dashed weights wait for the guess
    guess.on_commit(reveal)
    next(iter(controls.values())).add_class("vt-primary")  # the control that changes the view (the guess only reveals)
    panel.possible_bars = list(possible)
    panel.artists = {"bars": list(bars), "values": values, "curve": curve, "end_text": end_text, "base": base_line,
                     "ax_w": ax_w, "ax_s": ax_s, "names": names, "empty": empty}
    panel.arrange = arrange  # tests: the arrangement the width probe would choose
    panel.layout_mode = lambda: layout["mode"]
    panel.result = lambda: state["res"]
    return panel


def _group_controls(controls: dict) -> widgets.VBox:
    """Show the eight dropdowns in two labelled columns (own mistakes | customer/market),
    each with its typical signal visible below it (not only in a tooltip)."""
    cols = []
    for g in (model.OWN, model.CUSTOMER):
        tag = GROUP_STYLE[g]["tag"]
        head = widgets.HTML(f"<b>[{tag}] {escape(model.GROUP_LABELS[g])}</b>")
        rows = [head]
        for s in model.WARNING_SIGNS:
            if s.group == g:
                rows += [controls[s.id], widgets.HTML(
                    f"<p class='vt-sign-signal' style='margin:0 0 6px 4px;max-width:40em;font-size:90%'>"
                    f"<i>Typisches Signal:</i> {escape(s.signal)}</p>")]
        cols.append(widgets.VBox(rows))
    cols[0].layout.margin = "0 32px 0 0"  # a clear gap between the two columns when side by side
    hint = widgets.HTML(f"<p style='margin:2px 0'><i>Stufen: 0 = {escape(model.LEVELS[0])} … 3 = "
                        f"{escape(model.LEVELS[3])}. Unter jedem Feld steht, woran Sie das Warnsignal erkennen.</i></p>")
    return widgets.VBox([hint, widgets.HBox(cols)])


def _churn_html(res: model.ChurnCheck) -> str:
    terms = [f"{num(s.weight, 1)} × {res.severities[s.id]}" for s in model.WARNING_SIGNS if res.severities[s.id] > 0]
    h0 = res.hazard * 100 - sum(res.contributions.values()) * 100
    if terms:
        formula = " + ".join([num(h0, 1)] + terms) + f" = {num(res.hazard * 100, 1)}"
        how = "Grundrisiko + Σ Gewicht × Stufe"
    else:
        formula = f"{num(h0, 1)} (nur das Grundrisiko, kein Warnsignal gewählt)"
        how = "Grundrisiko"
    level_icon = icon({"gering": "level-low", "erhöht": "level-mid", "hoch": "level-high"}[res.level])
    parts = [
        f"<p><b>Risiko-Score:</b> {level_icon} <b>{pct(res.risk_12m)}</b> Wahrscheinlichkeit, dass dieser Kunde "
        f"innerhalb von 12\u00a0Monaten abwandert – Stufe <b>{escape(res.level)}</b>.</p>",
        f"<p>So entsteht der Wert: Monatsrisiko h (in Prozent) = {how} = {escape(formula)}, also <b>{pct(res.hazard, 1)}</b> pro Monat; "
        f"Jahres-Bindung <span style='white-space:nowrap'>r = (1\u00a0−\u00a0h)<sup>12</sup> = <b>{pct(res.retention, 1)}</b></span>. "
        f"Diese Bindungsrate können Sie im Rechner „Wert der Treue“ einsetzen.</p>",
    ]
    if not res.top:
        parts.append("<p>Sie haben kein Warnsignal gewählt: Es bleibt nur das Grundrisiko. "
                     "Wählen Sie Stufen für die Signale, die Sie bei Ihrem Kunden sehen.</p>")
        return "".join(parts)
    share = res.own_share
    parts.append(f"<p>Anteil eigener Fehler [E] am Zusatzrisiko: <b>{pct(share)}</b>, "
                 f"Veränderungen bei Kunde oder Markt [K]: <b>{pct(1 - share)}</b>.</p>")
    items = []
    for sid in res.top:
        s = model.sign(sid)
        tag = GROUP_STYLE[s.group]["tag"]
        items.append(f"<li><b>[{tag}] {escape(s.label)}</b> (+{num(res.contributions[sid] * 100, 1)}\u00a0Prozentpunkte "
                     f"pro Monat) – <i>Gegenmaßnahme:</i> {escape(s.measure)}</li>")
    parts.append("<p><b>Hauptgründe und was Sie tun können:</b></p><ol>" + "".join(items) + "</ol>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Wert der Treue
# ---------------------------------------------------------------------------------------
YEARS = 20


def _nice_upper(x: float) -> float:
    """Round up to 1, 2, 2.5 or 5 times a power of ten (stable axis limits)."""
    if x <= 0:
        return 1000.0
    e = 10 ** math.floor(math.log10(x))
    for f in (1, 2, 2.5, 5, 10):
        if f * e >= x:
            return f * e
    return 10 * e


#: Bands for the guess in „Wert der Treue“: (option id, label, lower bound incl., upper bound excl.).
GUESS_BANDS = (("unter_10", "weniger als 10\u00a0%", 0.0, 0.10), ("10_20", "10 bis 20\u00a0%", 0.10, 0.20),
               ("20_40", "20 bis 40\u00a0%", 0.20, 0.40), ("ueber_40", "mehr als 40\u00a0%", 0.40, math.inf))


def wert_der_treue() -> LivePanel:
    """CLV calculator with formula, cumulative value over 20 years and two retention rates.

    Prediction first: rate B (curve, end label, table column, difference) stays hidden until
    the learner has committed a guess how much the customer value grows from A to B.
    All numbers come from one :class:`model.TreueResult`; the end labels are the curves' last
    points and appear in the table as „Kundenwert nach 20 Jahren“.
    """
    plot = LivePlot(figsize=(7.2, 4.3))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Kumulierter Kundenwert über die Jahre", "Jahre seit Gewinnung des Kunden",
               "Kundenwert, abgezinst (€)")
    german_axis(ax.xaxis, 0)
    german_axis(ax.yaxis, 0, "€")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlim(0, YEARS)
    ax.set_xticks(range(0, YEARS + 1, 2))
    yrs = np.arange(YEARS + 1)
    (line_a,) = ax.plot(yrs, np.zeros_like(yrs, dtype=float), color=PALETTE["blau"], linewidth=2.2,
                        marker="o", markevery=2, label="Bindungsrate A")
    (line_b,) = ax.plot(yrs, np.zeros_like(yrs, dtype=float), color=PALETTE["gruen"], linewidth=2.2,
                        linestyle="--", marker="s", markevery=2, label="Bindungsrate B")
    txt_a = ax.text(YEARS, 0, "", ha="right", va="bottom", fontsize=FONT["note"], color=PALETTE["blau"])
    txt_b = ax.text(YEARS, 0, "", ha="right", va="bottom", fontsize=FONT["note"], color="#006b4f")
    plot.dynamic(line_a, line_b, txt_a, txt_b)
    # a long handle, so B's dashes show between its square markers (a short one looked solid)
    leg = ax.legend(fontsize=FONT["note"], loc="upper left", handlelength=3.6)
    leg_texts = leg.get_texts()
    state = {"ylim": None, "res": None, "shown_b": None}

    text = widgets.HTML()
    text.add_class("vt-result")
    controls = {
        "m": selection_slider("Marge pro Jahr", [(eur(v), float(v)) for v in range(100, 10_001, 100)], 1000.0),
        "r": selection_slider("Bindungsrate pro Jahr", [(pct(v / 100), v / 100) for v in range(20, 99)], 0.80),
        "i": selection_slider("Diskontsatz pro Jahr", [(pct(v / 100), v / 100) for v in range(0, 16)], 0.10),
        "ac": selection_slider("Akquisitionskosten", [(eur(v), float(v)) for v in range(0, 5001, 100)], 0.0),
        "q": selection_slider("Empfehlungen pro Jahr (neue Kunden je aktivem Kunden)",
                               [(num(v / 100, 2), v / 100) for v in range(0, 51, 5)], 0.0),
        "delta": dropdown("Vergleich: Bindungsrate B\u00a0=\u00a0A plus",
                          [(pp(d), float(d)) for d in (1, 2, 5, 10)], 5.0),
    }

    def update(v):
        res = model.treue_result(v["m"], v["r"], v["i"], v["ac"], v["q"], v["delta"], YEARS)
        state["res"] = res
        cmp_ = res.comparison
        show_b = guess.committed
        ca, cb = res.curve_a, res.curve_b
        lo = min(0.0, -v["ac"])
        top = _nice_upper(max(ca.max(), cb.max() if show_b else ca.max(), 1.0) * 1.12)
        ylim = (lo - 0.06 * (top - lo) if lo < 0 else 0.0, top)
        if ylim != state["ylim"]:
            ax.set_ylim(*ylim)
            state["ylim"] = ylim
            plot.invalidate()
        label_a = f"A: Bindungsrate {pct(cmp_.r_a)}"
        label_b = f"B: Bindungsrate {pct(cmp_.r_b)}" if show_b else "B: erst nach Ihrer Schätzung"
        if leg_texts[0].get_text() != label_a or leg_texts[1].get_text() != label_b or state["shown_b"] != show_b:
            leg_texts[0].set_text(label_a)
            leg_texts[1].set_text(label_b)
            state["shown_b"] = show_b
            plot.invalidate()
        line_a.set_ydata(ca)
        line_b.set_ydata(cb)
        line_b.set_visible(show_b)
        txt_b.set_visible(show_b)
        span = ylim[1] - ylim[0]
        ya, yb = res.horizon_a, res.horizon_b
        if show_b and abs(yb - ya) < 0.07 * span:  # keep the two end labels apart
            ya -= 0.07 * span
        txt_a.set_position((YEARS - 0.2, ya + 0.01 * span))
        txt_b.set_position((YEARS - 0.2, yb + 0.01 * span))
        txt_a.set_text(f"A: {eur(res.horizon_a)}")
        txt_b.set_text(f"B: {eur(res.horizon_b)}")
        plot.refresh(alt=(
            f"Liniendiagramm des abgezinsten kumulierten Kundenwerts über {YEARS}\u00a0Jahre. Bindungsrate A "
            f"{pct(cmp_.r_a)}: nach {YEARS}\u00a0Jahren {eur(res.horizon_a)}"
            + (f"; Bindungsrate B {pct(cmp_.r_b)}: {eur(res.horizon_b)}" if show_b else "; Bindungsrate B ist noch verdeckt")
            + f". Die Kurven starten bei {eur(-v['ac'])} (Akquisitionskosten)."))
        text.value = _clv_html(v["m"], v["i"], v["ac"], res, show_b)

    def growth_answer():
        c = state["res"].comparison
        rel = c.relative
        if rel is None:
            return None, ("keine sinnvolle Veränderung in Prozent, weil der Kundenwert bei Bindungsrate A "
                          "nicht positiv ist")
        band = next(bid for bid, _l, lo, hi in GUESS_BANDS if lo <= rel < hi) if rel >= 0 else None
        return band, f"{'+' if rel >= 0 else ''}{pct(rel, 1)} (von {eur(c.clv_a)} auf {eur(c.clv_b)})"

    guess = Predict([Question("Um wie viel Prozent steigt der Kundenwert, wenn die Bindungsrate von A auf B "
                              "steigt (Vergleich unten eingestellt)?",
                              choices=[(label, bid) for bid, label, _lo, _hi in GUESS_BANDS], answer=growth_answer)],
                    intro="Ihre Schätzung zuerst:")
    panel = LivePanel(
        title="Wert der Treue",
        question=("Was passiert mit dem Wert eines Kunden, wenn Sie die Bindungsrate um einige "
                  "Prozentpunkte steigern?"),
        controls=controls, views=[plot.widget, text], update=update,
        assumptions=("Formel nach Gupta & Lehmann (2003): CLV\u00a0=\u00a0m\u00a0·\u00a0r\u00a0/\u00a0(1\u00a0+\u00a0i\u00a0−\u00a0r)\u00a0−\u00a0AC, unendlicher "
                     "Zeithorizont, konstante Marge m, Bindungsrate r und Diskontsatz i pro Jahr; die Marge "
                     "fällt am Ende jedes Jahres an, in dem der Kunde noch da ist. Startwerte: 1.000\u00a0€ Marge, "
                     "80\u00a0% Bindung, 10\u00a0% Diskontsatz, keine Akquisitionskosten. Die Bindungsrate reicht bis "
                     "hinunter auf 20\u00a0%, damit Sie auch Werte aus dem Abwanderungs-Check einsetzen können. Empfehlungen sind eine "
                     "Erweiterung des Kurses [Lernmodell]: Ein aktiver Kunde wirbt q neue Kunden pro Jahr; jeder "
                     "zählt mit dem Grundwert m\u00a0·\u00a0M eines neuen Kunden (M\u00a0=\u00a0r\u00a0/\u00a0(1\u00a0+\u00a0i\u00a0−\u00a0r)), ohne weitere "
                     "Empfehlungsketten. q\u00a0·\u00a0M ist die Zahl der geworbenen Kunden (abgezinst) über die ganze "
                     "Kundendauer; sie wird auf höchstens 1 begrenzt, Empfehlungen verdoppeln den Wert also höchstens. "
                     f"Die Kurven zeigen {YEARS}\u00a0Jahre (Endwerte in der Tabelle als „nach {YEARS}\u00a0Jahren“); "
                     "der CLV gilt für einen unbegrenzten Zeitraum."),
    )
    gate(panel, guess, hide="verdict")  # the widget hides rate B itself until the guess
    guess.on_commit(lambda _p: panel.refresh())
    panel.artists = {"line_a": line_a, "line_b": line_b, "txt_a": txt_a, "txt_b": txt_b}
    panel.result = lambda: state["res"]
    return panel


def _clv_html(m_: float, i: float, ac: float, res: model.TreueResult, show_b: bool = True) -> str:
    c = res.comparison
    q = res.q
    ref = ""
    if q > 0:
        ref = f"\u00a0· (1\u00a0+\u00a0{num(res.referred_a, 2)})"
    # no-break spaces: a line may break only after an operator, never inside a bracket or
    # before the result („… − 0 € =“ | „2.667 €“ misled at 650 px)
    n = "\u00a0"
    formula = (f"CLV{n}= m{n}· r{n}/ (1{n}+{n}i{n}−{n}r){f'{n}· (1{n}+{n}q{n}·{n}M)' if q > 0 else ''}{n}− AC{n}= "
               f"{eur(m_)}{n}· {num(c.r_a, 2)}{n}/ (1{n}+{n}{num(i, 2)}{n}−{n}{num(c.r_a, 2)}){ref}{n}− "
               f"{eur(ac)}{n}={n}<b>{eur(c.clv_a)}</b>")
    hidden = "<i>nach Ihrer Schätzung</i>"
    b = (lambda x: x) if show_b else (lambda _x: hidden)
    rows = [
        ("Bindungsrate pro Jahr", pct(c.r_a), b(pct(c.r_b))),
        ("erwartete Kundendauer 1\u00a0/\u00a0(1\u00a0−\u00a0r)", f"{num(c.lifetime_a, 1)}\u00a0Jahre", b(f"{num(c.lifetime_b, 1)}\u00a0Jahre")),
        ("Margenmultiplikator M\u00a0=\u00a0r\u00a0/\u00a0(1\u00a0+\u00a0i\u00a0−\u00a0r)", num(c.multiplier_a, 2), b(num(c.multiplier_b, 2))),
    ]
    if q > 0:
        rows.append(("geworbene Kunden q\u00a0·\u00a0M (höchstens\u00a01)", num(res.referred_a, 2), b(num(res.referred_b, 2))))
    rows += [
        (f"Kundenwert nach {res.years}\u00a0Jahren (Ende der Kurve)", eur(res.horizon_a), b(eur(res.horizon_b))),
        ("Kundenwert (CLV), unbegrenzter Zeitraum", f"<b>{eur(c.clv_a)}</b>", b(f"<b>{eur(c.clv_b)}</b>")),
    ]
    table = ("<table class='vt-table' style='border-collapse:collapse'><tr><th style='text-align:left;padding:2px 8px'></th>"
             "<th style='text-align:right;padding:2px 8px'>A (●, durchgezogen)</th>"
             "<th style='text-align:right;padding:2px 8px'>B (■, gestrichelt)</th></tr>"
             + "".join(f"<tr><td style='padding:2px 8px'>{a}</td><td style='text-align:right;padding:2px 8px'>{bb}</td>"
                       f"<td style='text-align:right;padding:2px 8px'>{cc}</td></tr>" for a, bb, cc in rows)
             + "</table>")
    out = [f"<p><b>Formel:</b> {formula}</p>", table]
    if show_b:
        diff = c.difference
        rel = c.relative
        rel_s = f" ({'+' if rel >= 0 else ''}{pct(rel, 1)})" if rel is not None else ""
        sign_ = "+" if diff >= 0 else ""
        out.append(f"<p><b>Unterschied B gegenüber A (CLV):</b> {sign_}{eur(diff)}{rel_s} Kundenwert je Kunde.</p>")
    else:
        out.append("<p><i>Bindungsrate B und der Unterschied erscheinen, sobald Sie oben Ihre Schätzung "
                   "festgehalten haben.</i></p>")
    if q > 0:
        out.append(f"<p><i>Empfehlungen:</i> q\u00a0·\u00a0M\u00a0=\u00a0{num(q, 2)}\u00a0·\u00a0{num(c.multiplier_a, 2)}\u00a0=\u00a0"
                   f"{num(q * c.multiplier_a, 2)} – so viele neue Kunden (abgezinst) wirbt ein Kunde bei Rate A "
                   "über seine ganze Kundendauer; jeder zählt mit m\u00a0·\u00a0M."
                   + (" Das Modell rechnet mit höchstens 1 geworbenen Kunden je Kunde – mehr hieße, jeder Kunde "
                      "ersetzt sich allein durch Empfehlungen, ein Schneeball, den dieses einfache Modell nicht abbildet."
                      if res.referrals_capped else "") + "</p>")
    if res.long_lifetime:
        longest = max(c.lifetime_a, c.lifetime_b) if show_b else c.lifetime_a
        if longest > model.LIFETIME_NOTE_YEARS:
            out.append(f"<p><i>Hinweis: Eine erwartete Kundendauer von {num(longest, 1)}\u00a0Jahren ist ein reiner "
                       "Rechenwert. Er setzt voraus, dass Marge und Bindungsrate so lange gleich bleiben – in "
                       "Wirklichkeit wechseln Ansprechpersonen, Produkte und Märkte viel früher. Lesen Sie so hohe "
                       "Werte als Obergrenze.</i></p>")
    if c.capped and show_b:
        out.append("<p><i>Hinweis: Bindungsrate B wurde auf 99\u00a0% begrenzt, weil eine Bindung von 100\u00a0% oder mehr "
                   "nicht sinnvoll ist.</i></p>")
    if c.clv_a < 0:
        out.append("<p><i>Bei Bindungsrate A holt der Kunde seine Akquisitionskosten nicht wieder herein.</i></p>")
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Proaktiver Service – scenario
# ---------------------------------------------------------------------------------------
class ProaktiverService(PanelBase):
    """Short service situations: choose a reaction, read its emotional effect, collect points."""

    #: The score depends on every decision so far, not only on the current control values.
    path_dependent = True

    def __init__(self):
        self.choices: dict[str, str] = {}
        sit_opts = [(f"{k + 1}. {s.title}", s.id) for k, s in enumerate(model.SITUATIONS)]
        self.situation = dropdown("Situation", sit_opts, model.SITUATION_IDS[0])
        # ChoiceList: wrapping rows, radio visible; options in the learner's own order per situation
        self.answer = ChoiceList([("–", "_")], description="Ihre Reaktion:")
        self.next_button = widgets.Button(description="Nächste Situation", icon="arrow-right")
        self.reset_button = widgets.Button(description="Von vorn beginnen", icon="refresh")
        self.controls = {"situation": self.situation, "antwort": self.answer}
        self.card = widgets.HTML()
        self.card.add_class("vt-view")  # the case is a view of the situation, even above the reactions
        self.feedback = widgets.HTML()
        self.score = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("vt-message")
        self.plots: list = []
        self.updates = 0
        header = widgets.HTML(
            "<h4 style='margin:4px 0'>Proaktiver Service: Wie reagieren Sie?</h4>"
            "<p style='margin:2px 0'><b>Frage:</b> Was passiert mit dem Vertrauen Ihrer Kundschaft, wenn Sie "
            "von sich aus handeln – statt abzuwarten oder nur abzuwickeln?</p>")
        notes = widgets.HTML(
            "<details><summary>Annahmen des Modells</summary><p>Modellannahmen, keine Messwerte: Das ist ein "
            "vereinfachtes Lernmodell. Die Bindungspunkte (−2 bis +3) sind eine Bewertung des Kurses. Sie "
            "stützen sich auf den Wimpel-Fall aus dem Artikel „emotional Power“ und auf die Fehlerliste zu "
            "Stammkunden aus dem Newsletter „Außendienst Informationen“.</p></details>")
        # the case comes first, directly under the dropdown that picks it; the reactions below it
        ctrl = widgets.VBox([self.situation, self.card, self.answer, widgets.HBox([self.next_button, self.reset_button])])
        ctrl.add_class("vt-controls")
        self.view_box = widgets.VBox([self.feedback, self.score])
        self.view_box.add_class("vt-view")
        self.box = widgets.VBox([header, ctrl, self.view_box, self.message, notes])
        self.box.add_class("vt-live")
        self._loading = False
        self.situation.observe(lambda _c: guard.run(self._load, self._show), names="value")
        self.answer.observe(lambda _c: guard.run(self._answered, self._show), names="value")
        self.next_button.on_click(lambda _b: guard.run(self.next, self._show))
        self.reset_button.on_click(lambda _b: guard.run(self.reset, self._show))
        guard.run(self._load, self._show)

    # -- public API (also used by tests) ------------------------------------------------

    def view_state(self) -> list:
        return [self.card.value] + [v.value for v in self.view_box.children]

    def refresh(self) -> bool:
        ok = guard.run(self._render, self._show)
        if ok:
            self.updates += 1
        return ok

    def choose(self, option_id: str) -> None:
        """Pick a reaction in the current situation (same as clicking the radio button)."""
        s = model.situation(self.situation.value)
        model.evaluate_choice(s.id, option_id)  # German error for unknown ids
        self.answer.value = [option_id]

    def next(self) -> None:
        ids = model.SITUATION_IDS
        k = ids.index(self.situation.value)
        if k + 1 < len(ids):
            self.situation.value = ids[k + 1]
        else:
            self._show(box("info", "Das war die letzte Situation. Ihre Bilanz steht unten; mit „Von vorn "
                                   "beginnen“ können Sie es noch einmal anders versuchen."))

    def reset(self) -> None:
        self.choices.clear()
        if self.situation.value != model.SITUATION_IDS[0]:
            self.situation.value = model.SITUATION_IDS[0]
        else:
            self._load()

    # -- internals ----------------------------------------------------------------------

    def _load(self) -> None:
        s = model.situation(self.situation.value)
        self._loading = True
        try:
            from ..learner import order

            by_id = {o.id: o for o in s.options}
            self.answer.value = []
            self.answer.options = [[by_id[i].text, i] for i in order(f"m05/proaktiver_service/{s.id}", list(by_id))]
            chosen = self.choices.get(s.id)
            self.answer.value = [chosen] if chosen else []
        finally:
            self._loading = False
        self.message.value = ""
        self._render()

    def _answered(self) -> None:
        if self._loading or not self.answer.value:
            return
        s = model.situation(self.situation.value)
        oid = self.answer.value[0]
        model.evaluate_choice(s.id, oid)
        self.choices[s.id] = oid
        self.message.value = ""
        self._render()

    def _render(self) -> None:
        s = model.situation(self.situation.value)
        k = model.SITUATION_IDS.index(s.id) + 1
        self.card.value = (f"<div style='border:1px solid #999;padding:6px 10px;margin:4px 0;line-height:1.45;box-sizing:border-box'>"
                           f"<b>Situation {k} von {len(model.SITUATIONS)}: {escape(s.title)}</b>"
                           f"<p style='margin:4px 0'>{escape(s.text)}</p>"
                           f"<p style='margin:4px 0'><i>Wählen Sie unten die Reaktion, die Sie für richtig halten.</i></p></div>")
        oid = self.choices.get(s.id)
        if oid is None:
            self.feedback.value = "<p><i>Noch keine Reaktion gewählt. Überlegen Sie zuerst: Wie würde sich der Kunde fühlen?</i></p>"
        else:
            rating = model.rate_reaction(s.id, oid)
            o = rating.option
            self.feedback.value = box(rating.kind, f"{o.effect} – {o.explanation}",
                                      title=f"{rating.title} ({rating.points_label})")
        summ = model.scenario_summary(self.choices)
        if summ.answered == 0:
            self.score.value = "<p><b>Bindungskonto:</b> noch leer.</p>"
        else:
            filled = max(summ.points, 0)
            bar = "■" * filled + "□" * max(summ.max_points - filled, 0)
            self.score.value = (f"<p><b>Bindungskonto:</b> <span aria-hidden='true'>{bar}</span> "
                                f"{model.points_label(summ.points)} von höchstens {summ.max_points} nach "
                                f"{summ.answered} von {len(model.SITUATIONS)} Situationen – "
                                f"Ihr Kunde ist: <b>{escape(summ.verdict)}</b>.</p>")



def proaktiver_service() -> ProaktiverService:
    return ProaktiverService()


WIDGETS = {
    "abwanderungs_check": abwanderungs_check,
    "wert_der_treue": wert_der_treue,
    "proaktiver_service": proaktiver_service,
}
