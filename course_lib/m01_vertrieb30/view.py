"""Widgets of module 01 „Vertrieb 3.0 versus Kunde 3.0“.

* :func:`kundenprofil` – traits of a customer → position on a two-axis map, fitting seller
  role and behaviours with the reasoning shown.
* :func:`buying_center` – assign the people of a B2B buying committee to roles, rate influence
  and attitude; a stakeholder map and advice whom to address how.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..blocks import guard
from ..blocks.liveplot import LivePlot
from ..blocks.icons import icon
from ..blocks.messages import box
from ..blocks.panel import PanelBase, LivePanel, dropdown, row, slider
from ..blocks.predict import Predict, Question, gate
from ..blocks.style import FONT, MARKERS, PALETTE, german_axis, style_axes
from ..format_de import num, pct
from ..blocks.guard import blank_on_error
from . import model

_QUAD_STYLE = {  # colour + hatch: meaning never by colour alone
    "sparring": (PALETTE["blau"], "//"),
    "fels": (PALETTE["orange"], ".."),
    "lotse": (PALETTE["lila"], "xx"),
    "fachberater": (PALETTE["gruen"], "\\\\"),
}


PREDICT_PERSONA = "Jana, frisch gebaut (sucht Wärmepumpe)"


def kundenprofil(predict: bool = True) -> LivePanel:
    """Sliders for the customer's traits → map position, role, behaviours and reasons.

    With ``predict`` the learner first commits to the role Jana needs (the map shows Jana, so
    the views open only afterwards).

    Invariants (tests/test_m01_invariants.py): the red marker sits at (Informationsstand,
    Verunsicherung) and inside the axes; the role in the text is the quadrant the marker lies
    in; „Informiertheit … hoch“ only when Informationsstand ≥ 5 (never from online affinity
    alone); every step of „Wunsch nach Mitbestimmung“ changes the shown need for sparring;
    the default is not on a quadrant border.
    """
    plot = LivePlot(figsize=(6.0, 5.2))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Kundenprofil 3.0: Wo steht Ihr Kunde?", "Informiertheit: Informationsstand (0 bis 10)",
               "Verunsicherung (0 bis 10)", grid=False)
    ax.set_xlim(-0.4, 10.4)
    ax.set_ylim(-0.4, 10.4)
    ax.set_xticks(range(0, 11, 2))
    ax.set_yticks(range(0, 11, 2))
    german_axis(ax.xaxis, 0)
    german_axis(ax.yaxis, 0)
    quads = {"fachberater": (-0.4, -0.4), "sparring": (5, -0.4), "fels": (-0.4, 5), "lotse": (5, 5)}
    for key, (x0, y0) in quads.items():
        colour, hatch = _QUAD_STYLE[key]
        ax.add_patch(Rectangle((x0, y0), 5.4, 5.4, facecolor=colour, alpha=0.12, edgecolor="none", linewidth=0))
        x0, y0 = max(x0, 0), max(y0, 0)
        label = model.ROLES[key].replace(": ", ":\n")
        tag = "" if model.ROLE_FROM_SOURCE[key] else "\n[Deutung des Kurses]"
        ax.text(x0 + 2.5, y0 + 4.6, label + tag, ha="center", va="top", fontsize=FONT["note"], color="#222222",
                fontweight="bold" if model.ROLE_FROM_SOURCE[key] else "normal")
    ax.axvline(5, color="#555555", linewidth=1)
    ax.axhline(5, color="#555555", linewidth=1)
    for i, (name, vals) in enumerate((n, v) for n, v in model.PERSONAS.items() if v):
        pr = model.kundenprofil(**vals)
        ax.plot([pr.x], [pr.y], MARKERS[(i + 1) % len(MARKERS)], color=PALETTE["grau"], markersize=7)
        ax.annotate(name.split(",")[0], (pr.x, pr.y), xytext=(5, -11), textcoords="offset points",
                    fontsize=FONT["note"], color="#444444")
    (you,) = ax.plot([], [], "D", color=PALETTE["rot"], markersize=13, markeredgecolor="black", label="Ihr Kunde")
    ax.plot([], [], "o", color=PALETTE["grau"], markersize=7, label="Beispielkunden")
    ax.legend(fontsize=FONT["legend"], loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    plot.dynamic(you)

    role_html = widgets.HTML()
    state = {"res": None}

    @blank_on_error(plot, None, [role_html])
    def update(v):
        state["res"] = None
        pr = state["res"] = model.kundenprofil(v["online"], v["info"], v["unsicherheit"], v["mitbestimmung"])
        you.set_data([pr.x], [pr.y])
        plot.refresh(alt=(f"Karte mit vier Feldern; Ihr Kunde liegt bei Informationsstand {num(pr.x, 1)} und "
                          f"Verunsicherung {num(pr.y, 1)} im Feld „{pr.role}“."))
        src = ("Rolle aus dem Buchkapitel" if pr.from_source else "Deutung des Kurses: keine Rolle aus dem Buchkapitel")
        rows = "".join(f"<li><b>{escape(b)}</b><br><i>Warum:</i> {escape(r)}</li>" for b, r in pr.behaviours)
        steps = "".join(f"<li>{escape(s)}</li>" for s in pr.reasons)
        role_html.value = (
            f"<p><b>Passende Rolle: {escape(pr.role)}</b> <small>({escape(src)})</small><br>"
            f"Bedarf an Sparring: {escape(pct(pr.need_sparring))} · Bedarf an Halt („Fels“): {escape(pct(pr.need_fels))}</p>"
            f"<p><b>So kommt das Ergebnis zustande:</b></p><ol>{steps}</ol>"
            f"<p><b>Was jetzt passt:</b></p><ul>{rows}</ul>")

    controls = {
        "online": slider("Online-Affinität", 6, 0, 10, 1, integer=True),
        "info": slider("Informationsstand", 7, 0, 10, 1, integer=True),
        "unsicherheit": slider("Verunsicherung", 3, 0, 10, 1, integer=True),
        "mitbestimmung": slider("Wunsch nach Mitbestimmung", 6, 0, 10, 1, integer=True),
    }
    chooser = dropdown("Beispielkunde:", list(model.PERSONAS), model.OWN_SETTING)
    panel = LivePanel(
        title="Kundenprofil 3.0",
        question="Was passiert mit der passenden Verkäuferrolle, wenn ein gut informierter Kunde zugleich verunsichert ist?",
        controls=controls,
        views=[plot.widget, role_html],
        update=update,
        extra=[chooser],
        assumptions=(
            "Alle Merkmale sind Einschätzungen auf einer Skala von 0 bis 10. Informiertheit = Informationsstand; die "
            "Online-Affinität bestimmt die passenden Kanäle, nicht das Wissen. Verunsicherung wird direkt übernommen; "
            "Schwelle für „hoch“ ist 5. Bedarf an Sparring = (Informationsstand + Wunsch nach Mitbestimmung) / 20. "
            "Die Rollen „Sparringspartner“ und „Fels in der Brandung“ stammen aus dem Buchkapitel; die beiden anderen "
            "Felder, die Schwelle und die Verhaltensvorschläge sind Deutungen des Kurses. Die Beispielkunden sind erfunden."),
    )

    applying = {"on": False}

    def choose(_ch):
        vals = model.persona(chooser.value)
        if vals:
            applying["on"] = True
            try:
                for k, val in vals.items():
                    controls[k].value = val
            finally:
                applying["on"] = False

    def own_setting(_ch):  # a slider moved by hand: the profile is no longer the example customer
        if not applying["on"] and chooser.value != model.OWN_SETTING:
            chooser.value = model.OWN_SETTING

    chooser.observe(lambda ch: guard.run(choose, panel._show, ch), names="value")
    for c in controls.values():
        c.observe(own_setting, names="value")
    ctrl_box = next(c for c in panel.box.children[1].children if "vt-controls" in c._dom_classes)
    ctrl_box.children = [chooser] + [c for c in ctrl_box.children if c is not chooser]
    panel.chooser = chooser
    panel.artists = {"you": you, "ax": ax}
    panel.result = lambda: state["res"]   # the Profil the map and the text of the last update show
    plot.fig.set_layout_engine("none")  # layout fixed after the first draw: cheaper full redraws
    if predict:
        jana = model.kundenprofil(**model.persona(PREDICT_PERSONA))
        gate(panel, Predict([Question(
            "Jana hat viel gelesen, ist aber unsicher. Welche Rolle braucht sie?",
            choices=[(label, key) for key, label in model.ROLES.items()],
            answer=lambda: (jana.quadrant, f"„{jana.role}“ (Informationsstand {num(jana.x, 0)}, Verunsicherung "
                                           f"{num(jana.y, 0)})"))]))
        # the answer says „lesen Sie unten, warum“: below must be Jana's profile, not the
        # learner's own setting the widget starts with (screenshot review, session 5)
        panel.predict.on_commit(lambda _p: setattr(chooser, "value", PREDICT_PERSONA))
    return panel


# ---------------------------------------------------------------------------------------

_NONE = "— Rolle wählen —"
X_EDGE = 6.4
START_INFLUENCE, START_ATTITUDE = 5, 0
"""Where every person's sliders start. While all six still stand there, the learner has rated
nobody yet: the map and the plan show what to do instead of six identical, tied entries
(screenshot review, session 5). Decided from the values alone, so equal values show equal views."""

HIGH_NOTE = "„Viel Einfluss“ heißt hier: Einfluss ab 5 von 10."

START_TEXT = (
    "<p><b>Ihr Gesprächsplan</b> erscheint, sobald Sie die Personen eingeschätzt haben.</p>"
    "<p>So gehen Sie vor: Lesen Sie den Fall oben. Stellen Sie dann für jede Person ein, wie viel "
    "Einfluss sie auf die Entscheidung hat (0 bis 10) und wie sie zum Angebot steht (Haltung −5 dagegen bis +5 "
    "dafür). Noch stehen alle Regler auf dem Startwert (Einfluss 5, Haltung 0) – damit wären alle sechs gleich "
    "dringlich, und der Plan hätte nichts zu sagen.</p>")

MAP_START_TEXT = ("Noch keine Einschätzung.\nStellen Sie oben für jede Person\n"
                  "Einfluss und Haltung ein –\ndann erscheinen hier die Personen.")


class BuyingCenter(PanelBase):
    """The buying-center case: per person a role dropdown and two sliders (influence,
    attitude). The stakeholder map and the plan update live; „Rollen prüfen“ gives feedback.

    While every slider stands at its start value, the plan is an instruction and the map a note
    (markers hidden, legend kept); people of equal urgency share one step of the plan
    (:func:`plan_html`). Invariants C1–C6 in tests/test_m01_invariants.py."""

    def __init__(self):
        self.controls: dict[str, widgets.Widget] = {}
        opts = [(_NONE, "")] + [(label, rid) for rid, label in model.BC_ROLES.items()]
        rows, role_controls = [], {}
        for p in model.CASE:
            role = widgets.Dropdown(options=opts, value="", description="Rolle", style={"description_width": "40px"},
                                    layout=widgets.Layout(width="235px", align_items="center", margin="2px 14px 2px 0"))
            inf = slider("Einfluss", START_INFLUENCE, 0, 10, 1, integer=True)  # accessible slider, German readout
            att = slider("Haltung", START_ATTITUDE, -5, 5, 1, integer=True)
            role.add_class("vt-narrow")  # short labels: a narrow label column (course CSS)
            inf.add_class("vt-narrow")
            att.add_class("vt-narrow")
            role_controls[f"{p['id']}_rolle"] = role
            self.controls[f"{p['id']}_einfluss"] = inf
            self.controls[f"{p['id']}_haltung"] = att
            name = widgets.HTML(f"<b>{escape(p['name'])}</b><br><small>{escape(p['function'])}</small>",
                                layout=widgets.Layout(width="190px"))
            # one control row (course CSS): its items centred on one line, so the role dropdown and
            # the two sliders stand at the same height (a stretched HBox put the dropdown's label
            # at the top and the sliders' in the middle, about 20 px lower); the dropdown centres
            # its own label and field too, as the slider does
            rows.append(row(name, role, inf, att))
            if not rows[1:]:
                inf.add_class("vt-primary")  # the control a browser test or benchmark should move first
        self.controls.update(role_controls)  # sliders first: the benchmark steps the first control
        for c in self.controls.values():
            c.observe(lambda _ch: self.refresh(), names="value")
        self._checked_roles: dict | None = None
        self.check_button = widgets.Button(description="Rollen prüfen", button_style="primary", icon="check")
        self.check_button.on_click(lambda _b: guard.run(self.check, self._show))

        self.plot = LivePlot(figsize=(6.6, 5.4))
        ax = self.ax = self.plot.fig.add_subplot()
        style_axes(ax, "Stakeholder-Karte des Buying Centers", "Haltung zum Angebot (−5 dagegen bis +5 dafür)",
                   "Einfluss auf die Entscheidung (0 bis 10)", grid=False)
        # margins beyond the scale: a marker at −5/+5 or 0/10 (with its side-by-side offset) stays whole
        ax.set_xlim(-X_EDGE, X_EDGE)
        ax.set_ylim(-0.9, 10.9)
        ax.set_xticks(range(-5, 6))      # ticks only on the scale of the sliders (−5 … +5, 0 … 10)
        ax.set_yticks(range(0, 11, 2))
        german_axis(ax.xaxis, 0)
        german_axis(ax.yaxis, 0)
        # the sliders move in whole steps and Einfluss ≥ CUT counts as high: the border lies between CUT − 1
        # and CUT, so a person at CUT is drawn inside the upper half, never on the line
        cut_y = model.CUT - 0.5
        for key, (x0, y0, h, colour, hatch) in {
            "ueberzeugen": (-X_EDGE, cut_y, 10.9 - cut_y, PALETTE["rot"], ".."),
            "einbinden": (0, cut_y, 10.9 - cut_y, PALETTE["gruen"], "//"),
            "beobachten": (-X_EDGE, -0.9, cut_y + 0.9, PALETTE["grau"], "\\\\"),
            "informieren": (0, -0.9, cut_y + 0.9, PALETTE["blau"], "xx"),
        }.items():
            ax.add_patch(Rectangle((x0, y0), X_EDGE, h, facecolor=colour, alpha=0.10, edgecolor="none", linewidth=0))
            ax.text(x0 + X_EDGE / 2, y0 + h - 0.25, model.STRATEGIES[key][0], ha="center", va="top",
                    fontsize=FONT["note"], fontweight="bold", color="#222222")
        ax.add_patch(Rectangle((-model.NEUTRAL_BAND, -0.9), 2 * model.NEUTRAL_BAND, 11.8, facecolor="white", alpha=0.7,
                               hatch="..", edgecolor="#bbbbbb", linewidth=0))
        ax.axvline(0, color="#555555", linewidth=1)
        ax.annotate("Haltung 0 = neutral: Meinung erfragen", (0, 0.0), xycoords=("data", "axes fraction"), xytext=(3, 4),
                    textcoords="offset points", fontsize=FONT["note"], color="#333333",
                    bbox=dict(facecolor="white", edgecolor="none", pad=1.5))   # readable over the zero line
        self.cut_line = ax.axhline(cut_y, color="#555555", linewidth=1)
        self.markers = {}
        colours = [PALETTE[k] for k in ("blau", "orange", "gruen", "rot", "lila", "schwarz")]
        proxies = []   # legend entries of their own: the legend (who is who) stays while the markers are hidden
        for i, p in enumerate(model.CASE):
            style = dict(color=colours[i], markersize=11, markeredgecolor="black", linestyle="none")
            (m,) = ax.plot([], [], MARKERS[i % len(MARKERS)], label="_nolegend_", **style)
            self.markers[p["id"]] = m
            proxies.append(Line2D([], [], marker=MARKERS[i % len(MARKERS)], label=f"{p['name']} ({p['function']})", **style))
        ax.legend(handles=proxies, fontsize=FONT["note"], loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2,
                  frameon=False)
        self.start_note = ax.text(0, 7.5, MAP_START_TEXT, ha="center", va="center", fontsize=FONT["label"],
                                  color="#222222", bbox=dict(facecolor="white", edgecolor="#555555", pad=6))
        self.plot.dynamic(*self.markers.values(), self.start_note)

        self.plan = widgets.HTML()
        self.role_feedback = widgets.HTML()
        self.message = widgets.HTML()
        self.plots = [self.plot]
        self.view_box = widgets.VBox([self.plot.widget, self.plan, self.role_feedback])
        self.view_box.add_class("vt-view")
        head = widgets.HTML(
            f"<h4 style='margin:4px 0'>Buying Center: {escape(model.CASE_TITLE)}</h4>"
            "<p style='margin:2px 0'><b>Frage:</b> Was passiert mit Ihrer Gesprächsstrategie, wenn eine einflussreiche "
            "Person im Gremium skeptisch ist?</p>"
            "<p style='margin:2px 0'>1. Wählen Sie für jede Person die Rolle, die am besten passt, und klicken Sie auf "
            "„Rollen prüfen“. 2. Schätzen Sie Einfluss und Haltung ein – Karte und Plan ändern sich sofort.</p>")
        note = widgets.HTML(
            "<details><summary>Annahmen des Modells</summary><p>Rollen nach Webster &amp; Wind (1972), ergänzt um den "
            "Initiator (Bonoma) und den Genehmiger (Lehrbücher). Der Fall ist erfunden. Karte: Einfluss ab 5 gilt als hoch, "
            "Haltung über 0 als positiv, unter 0 als skeptisch, 0 als neutral. Dringlichkeit = Einfluss × (5\u00a0−\u00a0Haltung) / 10. Die vier Strategien sind ein "
            "gängiges Stakeholder-Raster – eine Deutung des Kurses, keine Aussage des Buchkapitels.</p></details>")
        ctrl = widgets.VBox(rows + [self.check_button])
        ctrl.add_class("vt-controls")
        self.box = widgets.VBox([head, ctrl, self.view_box, self.message, note])
        self.box.add_class("vt-live")
        self.updates = 0
        self.result: model.StakeholderPlan | None = None
        # on bad input the map's markers and the plan disappear instead of standing next to the error
        self._guarded_update = blank_on_error(self.plot, None, [self.plan])(lambda _v: self._update())
        self.refresh()
        self.plot.fig.set_layout_engine("none")  # layout fixed after the first draw

    # -- helpers ------------------------------------------------------------------------

    def view_state(self) -> list:
        """What the learner currently sees in the views (for tests)."""
        return [v.value for v in self.view_box.children]

    def roles(self) -> dict:
        return {p["id"]: self.controls[f"{p['id']}_rolle"].value for p in model.CASE}

    def ratings(self) -> dict:
        return {p["id"]: (self.controls[f"{p['id']}_einfluss"].value, self.controls[f"{p['id']}_haltung"].value)
                for p in model.CASE}

    def rated(self) -> bool:
        """False while every slider still stands at its start value (nobody rated yet)."""
        return any(v != (START_INFLUENCE, START_ATTITUDE) for v in self.ratings().values())

    # -- live view ------------------------------------------------------------------------
    def _update(self) -> None:
        self.result = None   # bad input: no result next to the German message
        res = self.result = model.stakeholder_plan(self.ratings(), self.roles())
        rated = self.rated()
        for r in res.rows:   # people at the same spot side by side: every marker stays visible
            self.markers[r.id].set_data([r.x], [r.y])
            self.markers[r.id].set_visible(rated)
        self.start_note.set_visible(not rated)
        if not rated:
            self.plot.refresh(alt="Stakeholder-Karte noch ohne Personen: Alle Regler stehen auf dem Startwert "
                                  "(Einfluss 5, Haltung 0); sie erscheinen, sobald Sie Einfluss und Haltung einstellen.")
            self.plan.value = START_TEXT
            return
        self.plot.refresh(alt=res.alt)
        self.plan.value = plan_html(res)

    def refresh(self) -> bool:
        if self._checked_roles is not None and self._checked_roles != self.roles():
            self.role_feedback.value = ""      # feedback belongs to the roles that were checked
            self._checked_roles = None
        ok = guard.run(self._guarded_update, self._show, None)
        if ok:
            self.message.value = ""
            self.updates += 1
        return ok

    # -- role check -------------------------------------------------------------------------
    def check(self) -> model.RoleCheck:
        res = model.check_roles(self.roles())
        icon = {"richtig": "✔ richtig", "vertretbar": "◐ vertretbar", "falsch": "✘ noch nicht", "offen": "… offen"}
        items = []
        for fb in res.items:
            p = next(x for x in model.CASE if x["id"] == fb.person)
            chosen = model.BC_ROLES.get(fb.chosen, "–") if fb.chosen else "–"
            items.append(f"<li><b>{escape(p['name'])}</b> ({escape(chosen)}) – <i>{escape(icon[fb.status])}</i>: "
                         f"{escape(fb.text)}</li>")
        if res.correct == res.total:
            head = box("ok", "Alle Rollen passen. Beachten Sie die Mehrfachrollen in den Begründungen.")
        elif res.acceptable == res.answered and res.complete:
            head = box("partial", f"Alle Zuordnungen sind vertretbar, {res.correct} von {res.total} treffen die beste Rolle.")
        else:
            head = box("wrong" if res.acceptable < res.answered else "partial",
                       f"{res.acceptable} von {res.answered} gewählten Rollen sind vertretbar; "
                       f"{res.total - res.answered} Personen sind noch offen.")
        self.role_feedback.value = head + "<ul>" + "".join(items) + "</ul>"
        self._checked_roles = self.roles()
        self.message.value = ""
        return res



def tie_groups(res: model.StakeholderPlan) -> list[list[model.Stakeholder]]:
    """The plan's rows grouped by equal urgency (highest first; a group keeps case order)."""
    groups: list[list] = []
    for r in res.rows:
        if groups and abs(groups[-1][0].priority - r.priority) < 1e-9:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _names(rows, bold: bool = True) -> str:
    names = [f"<b>{escape(r.name)}</b>" if bold else escape(r.name) for r in rows]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def _warnings(rows) -> str:
    return "".join(f"<br>{icon('warn')} <b>Achtung: {escape(r.warning)}</b>" for r in rows if r.warning)


def plan_html(res: model.StakeholderPlan) -> str:
    """The talk plan: one numbered step per urgency; people tied in urgency share a step
    („gleich dringlich“) – the model gives no order among them, so the plan invents none."""
    groups = tie_groups(res)
    top = groups[0]
    if len(top) == 1:
        head = f"zuerst zu {_names(top, bold=False)}:"
    else:
        head = (f"gleich dringlich an erster Stelle: {_names(top, bold=False)}. Das Modell gibt unter ihnen keine Reihenfolge "
                "vor – beginnen Sie mit einer dieser Personen:")
    steps = []
    for g in groups:
        urgency = f"Dringlichkeit {escape(num(g[0].priority, 1))} von 10"
        if len(g) == 1:
            r = g[0]
            steps.append(f"<li><b>{escape(r.name)}</b> – {escape(r.label)} ({urgency}): {escape(r.advice)}"
                         f"{_warnings(g)}</li>")
            continue
        by_label: dict[str, list] = {}
        for r in g:
            by_label.setdefault(r.key, []).append(r)
        inner = "".join(f"<li>{_names(rs)} – {escape(rs[0].label)}: {escape(rs[0].advice)}{_warnings(rs)}</li>"
                        for rs in by_label.values())
        steps.append(f"<li>Gleich dringlich ({urgency}): <ul>{inner}</ul></li>")
    return (f"<p><b>Ihr Gesprächsplan</b> – {head}</p><ol>{''.join(steps)}</ol>"
            f"<p><small>{escape(HIGH_NOTE)} Dringlichkeit = Einfluss × (5\u00a0−\u00a0Haltung) / 10.</small></p>")


def buying_center() -> BuyingCenter:
    return BuyingCenter()


WIDGETS = {"kundenprofil": kundenprofil, "buying_center": buying_center}
