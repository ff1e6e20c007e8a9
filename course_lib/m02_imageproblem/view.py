"""Widgets of module 02 „Das Imageproblem des Vertriebs“.

* :func:`druckspirale` – the pressure spiral: visits per day → advice quality → lasting
  contracts, plus a 12-month mode „Chef reagiert“ with reputation feedback.
* :func:`bonusjaeger_oder_berater` – sort typical sentences/actions into „Bonusjäger“ and
  „Berater“ and get an explanation for every item.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
from matplotlib.ticker import FuncFormatter

from ..blocks import guard
from ..blocks.liveplot import LivePlot
from ..blocks.icons import icon
from ..blocks.messages import box
from ..blocks.panel import PanelBase, LivePanel, slider
from ..blocks.style import FONT, PALETTE, german_axis, style_axes
from ..blocks.table import table_html
from ..errors import CourseInputError
from ..format_de import num, pct
from ..blocks.guard import blank_on_error
from . import model

TABLE_VISITS = (1.0, 1.7, 2.0, 3.0, 4.0, 6.0)


def _table_html(rows: list[model.SpiralPoint], current: float) -> str:
    """The spiral per number of visits (blocks/table: soft-hyphenated headers that fit 650 px)."""
    mine = next((i for i, r in enumerate(rows) if abs(r.v - current) < 1e-9), None)
    cells = [(num(r.v, 1) + (" (Ihre Wahl)" if i == mine else ""), f"{num(r.t_b * 60, 0)}\u00a0min", pct(r.q), pct(r.c),
              pct(r.s), num(r.gross, 2), num(r.net, 2)) for i, r in enumerate(rows)]
    return table_html(("Besuche/Tag", "Beratungszeit je Besuch", "Qualität", "Abschlussquote", "Stornoquote",
                       "Abschlüsse brutto", "dauerhaft (netto)"), cells,
                      caption="Tabelle: Druckspirale je Besuchszahl (Werte pro Arbeitstag)",
                      num=range(7), highlight=mine)


def druckspirale() -> LivePanel:
    """Slider „Besuche pro Tag“ and the model's assumptions → net contracts, 12-month spiral.

    Invariants (tests/test_m02_invariants.py): the text's net contracts, advice minutes and
    reputation at the end equal the plotted marker and the last point of the reputation line;
    a day with more travel than hours is always explained; on such a day the reputation at
    the end is below the start (when word of mouth moves at all).
    """
    plot = LivePlot(figsize=(9.4, 6.4), dpi=80)
    gs = plot.fig.add_gridspec(2, 2, height_ratios=[1.1, 1.0])
    ax = plot.fig.add_subplot(gs[0, :])
    ax_v = plot.fig.add_subplot(gs[1, 0])
    ax_r = plot.fig.add_subplot(gs[1, 1])
    style_axes(ax, "Druckspirale: Abschlüsse je Besuchszahl", "Besuche pro Tag (Anzahl)", "Abschlüsse pro Tag (Anzahl)")
    style_axes(ax_v, "12\u00a0Monate: Besuche und dauerhafte Abschlüsse", "Monat", "Anzahl pro Tag")
    style_axes(ax_r, "12\u00a0Monate: Qualität, Storno und Ruf", "Monat", "Anteil (%)")
    ax.set_xlim(1.0, 6.0)
    german_axis(ax.xaxis, 1)
    german_axis(ax.yaxis, 1)
    for a in (ax_v, ax_r):
        a.set_xlim(0.5, 12.5)
        a.set_xticks(range(1, 13))
    ax_v.set_ylim(0, 8.0)
    german_axis(ax_v.yaxis, 0)
    ax_r.set_ylim(0, 1.35)
    ax_r.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax_r.yaxis.set_major_formatter(FuncFormatter(lambda y, _p: f"{num(y * 100, 0)}\u00a0%"))
    # reference lines for the book example (static)
    for x, txt in ((model.V_START, "1,7 (Ausgangslage)"), (4.0, "4 (Chef-Vorgabe)")):
        ax.axvline(x, color=PALETTE["grau"], linestyle=":", linewidth=1)
        ax.annotate(txt, (x, 0.0), xycoords=("data", "axes fraction"), xytext=(3, 4), textcoords="offset points",
                    fontsize=FONT["note"], color="#333333")
    months = list(range(1, 13))
    (gross_line,) = ax.plot([], [], linestyle="--", color=PALETTE["hellblau"], label="brutto (vor Storno)")
    (net_line,) = ax.plot([], [], linestyle="-", linewidth=2.2, color=PALETTE["blau"], label="dauerhaft (netto)")
    # the two book examples: a hollow square larger than „Ihre Wahl“ and drawn above it, so at
    # 1,7 (the default) both stay visible – a filled square vanished under the diamond
    (ref_pts,) = ax.plot([], [], "s", color=PALETTE["grau"], markersize=17, markerfacecolor="none", markeredgewidth=2.2,
                         zorder=4, label="Beispiel 1,7 und 4")
    (you,) = ax.plot([], [], "D", color=PALETTE["orange"], markersize=11, markeredgecolor="black", label="Ihre Wahl")
    (best,) = ax.plot([], [], "*", color=PALETTE["gruen"], markersize=15, markeredgecolor="black", label="Maximum netto")
    ax.legend(fontsize=FONT["legend"], loc="upper right", ncol=2)
    (v_line,) = ax_v.plot([], [], "o-", color=PALETTE["orange"], label="Besuche pro Tag")
    (n_line,) = ax_v.plot([], [], "s-", color=PALETTE["blau"], label="dauerhafte Abschlüsse pro Tag")
    target = ax_v.axhline(1.2, color=PALETTE["schwarz"], linestyle="--", linewidth=1, label="Ziel des Chefs (netto)")
    ax_v.legend(fontsize=FONT["note"], loc="upper center", ncol=1)
    (q_line,) = ax_r.plot([], [], "^-", color=PALETTE["gruen"], label="Beratungsqualität")
    (s_line,) = ax_r.plot([], [], "v--", color=PALETTE["rot"], label="Stornoquote")
    (r_line,) = ax_r.plot([], [], "D:", color=PALETTE["lila"], label="Ruf")
    ax_r.legend(fontsize=FONT["note"], loc="upper center", ncol=2)
    plot.dynamic(gross_line, net_line, you, ref_pts, best, v_line, n_line, q_line, s_line, r_line, target)
    state = {"ylim": None}

    table = widgets.HTML()
    text = widgets.HTML()
    adv = {
        "s0": slider("Grund-Stornoquote s0", 0.05, 0.0, 0.3, 0.01, fmt=".2f"),
        "beta": slider("Storno durch Druck β", 0.3, 0.0, 0.6, 0.05, fmt=".2f"),
        "gamma": slider("Storno durch schwache Beratung γ", 0.3, 0.0, 0.6, 0.05, fmt=".2f"),
        "reputation_start": slider("Ruf zu Beginn (0 bis 1)", 0.8, 0.0, 1.0, 0.05, fmt=".2f"),
        "rho": slider("Tempo der Mundpropaganda ρ", 0.3, 0.0, 1.0, 0.05, fmt=".2f"),
        "delta": slider("Wirkung des Rufs auf Abschlüsse δ", 1.0, 0.0, 1.0, 0.05, fmt=".2f"),
        "eta": slider("Druckanstieg je verfehltem Ziel η", 0.5, 0.0, 1.0, 0.05, fmt=".2f"),
    }
    adv_box = widgets.Accordion(children=[widgets.VBox([a._vt_row for a in adv.values()])])
    adv_box.set_title(0, "Weitere Annahmen einstellen")

    @blank_on_error(plot, None, [text, table])
    def update(v):
        p = {k: v[k] for k in ("T", "t_f", "tau", "c_max", "alpha")}
        p.update({k: adv[k].value for k in ("s0", "beta", "gamma")})
        cur = model.spiral_static(v["v"], **p)
        key = tuple(sorted(p.items()))
        if state.get("key") != key:  # the curve depends only on the assumptions, not on v
            state["key"] = key
            state["curve"] = model.spiral_curve(101, **p)
            state["best"] = model.best_visits(**p)
            state["refs"] = [model.spiral_static(x, **p) for x in (model.V_START, 4.0)]
        curve, top, refs = state["curve"], state["best"], state["refs"]
        dyn_kw = dict(chef_reacts=bool(v["chef"]), target_net=v["target_net"], w_neg=v["w_neg"],
                      reputation_start=adv["reputation_start"].value, rho=adv["rho"].value,
                      delta=adv["delta"].value, eta=adv["eta"].value)
        dyn = model.spiral_dynamic(v["v"], **dyn_kw, **p)
        calm_kw = {**dyn_kw, "chef_reacts": False}
        calm = model.spiral_dynamic(v["v"], **calm_kw, **p) if v["chef"] else dyn
        base = None if v["chef"] else model.spiral_dynamic(model.V_START, **calm_kw, **p)

        ymax = max(1.0, float(curve["gross"].max()) * 1.15)
        ymax = 0.5 * int(ymax / 0.5 + 0.999)
        if state["ylim"] != ymax:
            ax.set_ylim(0, ymax)
            state["ylim"] = ymax
            plot.invalidate()
        gross_line.set_data(curve["v"], curve["gross"])
        net_line.set_data(curve["v"], curve["net"])
        ref_pts.set_data([r.v for r in refs], [r.net for r in refs])
        you.set_data([cur.v], [cur.net])
        best.set_data([top.v], [top.net])
        v_line.set_data(months[:len(dyn)], dyn["Besuche"])
        n_line.set_data(months[:len(dyn)], dyn["Netto"])
        q_line.set_data(months[:len(dyn)], dyn["Qualitaet"])
        s_line.set_data(months[:len(dyn)], dyn["Storno"])
        r_line.set_data(months[:len(dyn)], dyn["Ruf"])
        target.set_ydata([v["target_net"], v["target_net"]])
        target.set_visible(bool(v["chef"]))
        last = dyn.iloc[-1]
        mode = "Chef reagiert" if v["chef"] else "Besuchszahl bleibt fest"
        plot.refresh(alt=(
            f"Oben: Kurven der Abschlüsse pro Tag über 1 bis 6 Besuche; bei {num(cur.v, 1)} Besuchen "
            f"{num(cur.net, 2)} dauerhafte Abschlüsse, Maximum {num(top.net, 2)} bei {num(top.v, 1)} Besuchen. "
            f"Unten: 12\u00a0Monate ({mode}); im 12. Monat {num(last['Besuche'], 1)} Besuche, "
            f"{num(last['Netto'], 2)} dauerhafte Abschlüsse pro Tag, Ruf {pct(last['Ruf'])}, "
            f"Stornoquote {pct(last['Storno'])}."))
        rows = [model.spiral_static(x, **p) for x in sorted(set(TABLE_VISITS) | {round(cur.v, 2)})]
        table.value = _table_html(rows, cur.v)
        year, year_calm = dyn["Netto_kumuliert"].iloc[-1], calm["Netto_kumuliert"].iloc[-1]
        lines = [
            f"<p>Bei <b>{num(cur.v, 1)} Besuchen</b> pro Tag bleiben je Besuch <b>{num(cur.t_b * 60, 0)}\u00a0Minuten</b> "
            f"Beratung. Das ergibt eine Beratungsqualität von <b>{pct(cur.q)}</b>, eine Stornoquote von "
            f"<b>{pct(cur.s)}</b> und <b>{num(cur.net, 2)} dauerhafte Abschlüsse</b> pro Tag "
            f"(brutto {num(cur.gross, 2)}). Am meisten bleibt bei {num(top.v, 1)} Besuchen: {num(top.net, 2)}.</p>",
        ]
        if cur.infeasible:
            lines.insert(0, box("info", (
                f"{num(cur.v, 1)} Besuche × {num(p['t_f'], 2, strip=True)}\u00a0h Fahrt = {num(cur.travel, 1)}\u00a0h Fahrt – so viel "
                f"oder mehr, als die {num(cur.hours, 1)}\u00a0h Arbeitszeit hergeben. Für Beratung bleibt keine Minute: Das "
                "Modell rechnet mit 0 Abschlüssen, und wer besucht wird, erlebt nur Hektik: Der Ruf geht in 12\u00a0Monaten von "
                f"{pct(dyn['Ruf'].iloc[0])} auf {pct(last['Ruf'])}. In Wirklichkeit fielen Termine aus."),
                title="Dieser Tag ist nicht machbar"))
        if v["chef"]:
            lines.append(
                f"<p><b>12\u00a0Monate, Chef reagiert</b> (Ziel {num(v['target_net'], 1)} dauerhafte Abschlüsse pro Tag): "
                f"Im 12. Monat verlangt er {num(last['Besuche'], 1)} Besuche; es bleiben {num(last['Netto'], 2)} "
                f"Abschlüsse pro Tag, der Ruf liegt bei {pct(last['Ruf'])}. Im Jahr: <b>{num(year, 0)}</b> dauerhafte "
                f"Verträge – ohne seine Reaktion wären es {num(year_calm, 0)} gewesen.</p>")
        else:
            # at 1,7 visits the comparison would name the same number twice
            compare = (f" Zum Vergleich bei 1,7 Besuchen: {num(base['Netto_kumuliert'].iloc[-1], 0)}."
                       if abs(cur.v - model.V_START) > 0.05 else "")
            lines.append(
                f"<p><b>12\u00a0Monate mit fester Besuchszahl:</b> {num(year, 0)} dauerhafte Verträge im Jahr, "
                f"Ruf am Ende {pct(last['Ruf'])}.{compare}</p>")
        text.value = "".join(lines)

    controls = {
        "v": slider("Besuche pro Tag", model.V_START, 1.0, 6.0, 0.1),
        "chef": widgets.Checkbox(value=False, description="Chef reagiert (12\u00a0Monate: verfehlt → mehr Besuche, mehr Druck)",
                                 indent=False, layout=widgets.Layout(width="460px")),
        "target_net": slider("Ziel des Chefs: dauerhafte Abschlüsse pro Tag", 1.2, 0.2, 3.0, 0.1),
        "T": slider("Arbeitszeit für Kunden inkl. Fahrt", 7.0, 5.0, 9.0, 0.5, unit="h"),
        "t_f": slider("Fahrzeit pro Besuch", 0.75, 0.25, 1.5, 0.05, fmt=".2f", unit="h"),
        "tau": slider("Zeit für fundierte Beratung τ", 1.0, 0.5, 2.0, 0.1, unit="h"),
        "c_max": slider("Höchste Abschlussquote", 0.6, 0.2, 0.9, 0.05, fmt=".2f"),
        "alpha": slider("Druck-Empfindlichkeit der Kunden α", 0.5, 0.0, 0.8, 0.05, fmt=".2f"),
        "w_neg": slider("Reichweite schlechter Erfahrungen (× gute)", 2.0, 1.0, 5.0, 0.5),
    }
    panel = LivePanel(
        title="Druckspirale",
        question="Was passiert mit den dauerhaften Abschlüssen, wenn der Chef statt 1,7 mindestens 4 Besuche pro Tag verlangt?",
        controls=controls,
        views=[plot.widget, text, table],
        update=update,
        extra=[adv_box],
        toy_model=True,
        assumptions=(
            "Beratungszeit je Besuch = (Arbeitszeit − Besuche × Fahrzeit) / Besuche; Qualität = 1 − e^(−Beratungszeit/τ); "
            "Druck steigt linear von 1,7 Besuchen (kein Druck) bis zur Chef-Vorgabe 4 (voller Druck); "
            "Abschlussquote = höchste Quote × Qualität × (1\u00a0−\u00a0α\u00a0×\u00a0Druck); Storno = s0 + β × Druck + γ × (1\u00a0−\u00a0Qualität). "
            "12-Monats-Modus: Verfehlt das Team das Ziel, erhöht der Chef die Vorgabe um 0,5 Besuche und den Druck; "
            "der Ruf folgt dem Anteil guter Stimmen (zufriedene dauerhafte Kunden) gegenüber schlechten (Stornos, "
            "Beschwerden, mit Reichweite w) und wirkt auf die Abschlussquote zurück. "
            "Startwerte: 7\u00a0h, 0,75\u00a0h Fahrt, τ = 1\u00a0h, Quote 0,6, α = 0,5, s0 = 0,05, β = γ = 0,3 (Lernmodell des Kurses, "
            "keine Messwerte; 1,7 und 4 Besuche stammen aus dem Beispiel des Buchkapitels)."),
    )
    for s in adv.values():
        s.observe(lambda _ch: panel.refresh(), names="value")
    panel.advanced = adv
    panel.artists = {"you": you, "best": best, "net": net_line, "ruf": r_line, "visits": v_line, "ax": ax}
    # the first draw has placed the axes (constrained layout); keep that layout fixed, so that a
    # later full redraw (new axis limits) does not run the layout engine again (about half the cost)
    plot.fig.set_layout_engine("none")
    return panel


# ---------------------------------------------------------------------------------------

_NONE = "— bitte wählen —"


class BonusjaegerOderBerater(PanelBase):
    """Sorting element: each statement gets a dropdown „Bonusjäger“/„Berater“; a board shows the
    current sorting side by side; „Auswerten“ explains every item."""

    def __init__(self):
        opts = [(_NONE, "")] + [(label, cid) for cid, label in model.CATEGORIES.items()]
        self.controls = {}
        rows = []
        for s in model.STATEMENTS:
            d = widgets.Dropdown(options=opts, value="", layout=widgets.Layout(width="250px"),
                                 description="Einordnung", style={"description_width": "initial"})
            d.observe(lambda _ch: self.refresh(), names="value")
            self.controls[s["id"]] = d
            row = widgets.HBox([widgets.HTML(escape(s["text"])), d])  # statement first, its dropdown after it
            row.add_class("vt-item")
            rows.append(row)
        self.check_button = widgets.Button(description="Auswerten", button_style="primary", icon="check")
        self.reset_button = widgets.Button(description="Von vorn", icon="undo")
        self.check_button.on_click(lambda _b: guard.run(self.evaluate, self._show))
        self.reset_button.on_click(lambda _b: guard.run(self.reset, self._show))
        self.board = widgets.HTML()
        self.feedback = widgets.HTML()
        self.message = widgets.HTML()
        self.view_box = widgets.VBox([self.board, self.feedback])
        self.view_box.add_class("vt-view")
        head = widgets.HTML(
            "<h4 style='margin:4px 0'>Bonusjäger oder Berater?</h4>"
            "<p style='margin:2px 0'><b>Frage:</b> Was passiert mit dem Vertrauen der Kundschaft, wenn ein "
            "Verkäufer so spricht oder handelt – schaut er auf die Provision oder auf den Kunden?</p>"
            "<p style='margin:2px 0'>Ordnen Sie jede Aussage zu. Die Tafel unten zeigt Ihre Sortierung; "
            "„Auswerten“ erklärt jede Aussage.</p>")
        ctrl = widgets.VBox(rows + [widgets.HBox([self.check_button, self.reset_button])])
        ctrl.add_class("vt-controls")
        self.box = widgets.VBox([head, ctrl, self.view_box, self.message])
        self.box.add_class("vt-live")
        self.result: model.SortResult | None = None
        self.refresh()

    def view_state(self) -> list:
        """What the learner currently sees in the views (for tests)."""
        return [v.value for v in self.view_box.children]

    def _board(self) -> None:
        cols = {cid: [] for cid in model.CATEGORIES}
        open_items = []
        for s in model.STATEMENTS:
            val = self.controls[s["id"]].value
            (cols[val] if val in cols else open_items).append(s["text"])
        cells = []
        for cid, label in model.CATEGORIES.items():
            mark = icon("money" if cid == "bonus" else "handshake")
            items = "".join(f"<li>{escape(t)}</li>" for t in cols[cid]) or "<li><i>noch leer</i></li>"
            cells.append(f"<td style='vertical-align:top;padding:4px 10px;width:50%'><b>{mark} {escape(label)}</b> "
                         f"({len(cols[cid])})<ul>{items}</ul></td>")
        self.board.value = (f"<table style='width:100%;border:1px solid #ccc'><tr>{''.join(cells)}</tr></table>"
                            f"<p><i>Noch offen: {len(open_items)} von {len(model.STATEMENTS)} Aussagen.</i></p>")

    def refresh(self) -> bool:
        ok = guard.run(self._board, self._show)
        if ok:
            self.message.value = ""
            self.feedback.value = ""
        return ok

    def evaluate(self) -> model.SortResult:
        res = model.sort_statements(self.values())
        self.result = res
        if res.correct == res.total:
            head = box("ok", "Alle zehn Aussagen stimmen. Die Begründungen:")
        elif res.wrong_ids:
            head = box("wrong", f"{res.correct} von {res.answered} zugeordneten Aussagen stimmen. "
                                "Lesen Sie die Begründungen und ändern Sie die markierten Zuordnungen.")
        else:
            head = box("partial", f"Ihre {res.answered} Zuordnungen stimmen; {len(res.missing_ids)} Aussagen sind noch offen.")
        items = []
        for s in model.STATEMENTS:
            val = self.controls[s["id"]].value
            if not val:
                continue
            ok = val == s["answer"]
            mark = "✔ passt" if ok else f"✘ eher {model.CATEGORIES[s['answer']]}"
            items.append(f"<li><b>{escape(s['text'])}</b> – <i>{escape(mark)}</i>: {escape(s['why'])}</li>")
        self.feedback.value = head + "<ul>" + "".join(items) + "</ul>"
        self.message.value = ""
        return res

    def reset(self) -> None:
        for d in self.controls.values():
            d.value = ""
        self.result = None
        self.refresh()



def bonusjaeger_oder_berater() -> BonusjaegerOderBerater:
    return BonusjaegerOderBerater()


WIDGETS = {"druckspirale": druckspirale, "bonusjaeger_oder_berater": bonusjaeger_oder_berater}

__all__ = ["druckspirale", "bonusjaeger_oder_berater", "WIDGETS", "CourseInputError"]
