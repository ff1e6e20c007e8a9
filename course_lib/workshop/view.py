"""Widgets of the workshop kit: the learner's export (with a preview of exactly what is
written), the instructor's upload (many files and ZIP archives at once) and the group picture.

The projector view (:class:`ClassResults`) shows question, option and area texts from the
course – never internal ids, never file names. The list of skipped files (with names) is a
separate table for the instructor's own screen (:func:`problems_html`); every text is escaped.
"""
from __future__ import annotations

import base64
import textwrap
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as widgets

from .. import storage
from ..blocks import guard
from ..blocks.messages import box, error_box
from ..blocks.panel import LivePanel, dropdown
from ..format_de import num, pct
from . import classresults, export
from ..blocks.css import styled

if TYPE_CHECKING:
    from ..blocks.liveplot import LivePlot


def _plotting():
    """numpy, LivePlot and the style helpers, imported when a figure is drawn: the start page's
    export widget needs no matplotlib (≈ 40 MB per kernel, issue #22)."""
    import numpy as np

    from ..blocks.liveplot import LivePlot
    from ..blocks.style import PALETTE, german_axis, style_axes
    return np, LivePlot, PALETTE, german_axis, style_axes


def _wrap(text: str, width: int = 48, lines: int = 3) -> str:
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1] + "…"
    return "\n".join(parts)


class ExportWidget:
    """Pseudonym → preview of the file content → save."""

    def __init__(self):
        from .send import stored_pseudonym

        self.pseudonym = widgets.Text(value=stored_pseudonym(), placeholder="z. B. Falke7", description="Ihr Pseudonym:",
                                      style={"description_width": "initial"}, layout=widgets.Layout(width="360px"))
        self.preview_button = widgets.Button(description="Vorschau zeigen", icon="eye", layout=widgets.Layout(width="auto"))
        self.save_button = widgets.Button(description="Exportdatei speichern", button_style="primary", icon="save",
                                          layout=widgets.Layout(width="auto"))
        self.preview = widgets.HTML()
        self.message = widgets.HTML()
        self.preview_button.on_click(lambda _b: guard.run(self.show_preview, self._show))
        self.save_button.on_click(lambda _b: guard.run(self.save, self._show))
        self.box = widgets.VBox([self.pseudonym, widgets.HBox([self.preview_button, self.save_button]), self.preview, self.message])
        styled(self.box, "vt-export")
        self.path = None

    def _show(self, html: str) -> None:
        self.message.value = html

    def show_preview(self) -> dict:
        self.preview.value = ""  # an invalid pseudonym must not leave the previous preview standing
        doc = export.build(self.pseudonym.value)
        self.preview.value = storage.notice_html() + ("<p><b>Genau dieser Inhalt wird gespeichert</b> – nichts sonst (keine Reflexionstexte, "
                              "kein Name, keine Uhrzeit). Quizfragen zählen mit dem Ergebnis Ihres <i>ersten</i> Versuchs:</p>"
                              "<pre style='max-height:260px;overflow:auto;font-size:90%'>"
                              + escape(export.preview(doc)) + "</pre>")
        self.message.value = ""
        return doc

    def save(self):
        doc = self.show_preview()
        self.path = export.save(doc)
        from .send import remember_pseudonym

        remember_pseudonym(doc["pseudonym"])
        # A download link with the same content: on JupyterHub/Binder the data folder is hidden
        # from the file browser, so the learner gets the file straight into the browser's downloads.
        b64 = base64.b64encode((export.preview(doc) + "\n").encode("utf-8")).decode("ascii")
        link = (f'<a download="{escape(self.path.name)}" href="data:application/json;base64,{b64}" '
                f'style="font-weight:bold">⬇ {escape(self.path.name)} herunterladen</a>')
        empty = " Hinweis: Die Datei ist noch leer – bearbeiten Sie zuerst ein Quiz oder eine Umfrage." if export.is_empty(doc) else ""
        self.message.value = box("saved", f"Die Datei „{self.path.name}“ liegt im Unterordner „exporte“ Ihres Datenordners. "
                                          "Laden Sie sie mit dem Link herunter und geben Sie sie Ihrer Kursleitung." + empty,
                                 details_html="<br>" + link)
        return self.path

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def export_widget() -> ExportWidget:
    return ExportWidget()


# ------------------------------------------------------------------ instructor screen only


def problems_html(result) -> str:
    """Skipped files and skipped parts, with file names – for the instructor's own screen."""
    rejected, skipped = list(result.rejected), list(result.skipped)
    if not rejected and not skipped:
        return box("ok", "Alle Dateien wurden vollständig gelesen.", title="Dateien")
    html = ""
    if rejected:
        rows = "".join(f"<tr><td>{escape(n)}</td><td>{escape(r)}</td></tr>" for n, r in rejected)
        html += (box("info", f"{len(rejected)} Datei(en) wurden nicht gezählt:", title="Dateien")
                 + f"<table class='vt-table vt-rejected'><tr><th>Datei</th><th>Grund</th></tr>{rows}</table>")
    if skipped:
        rows = "".join(f"<tr><td>{escape(n)}</td><td>{escape(r)}</td></tr>" for n, r in skipped)
        html += (box("info", f"{len(skipped)} Teil(e) gezählter Dateien wurden ausgelassen:", title="Inhalte")
                 + f"<table class='vt-table vt-skipped'><tr><th>Datei</th><th>Ausgelassen</th></tr>{rows}</table>")
    return html




# ------------------------------------------------------------------ charts (projector)


def quiz_panel(docs, min_n: int = 1) -> LivePanel:
    """Per module: share right at the FIRST attempt per question (question texts, no ids)."""
    agg = classresults.aggregate(docs, min_n)["quiz"]
    by_label = {f"Modul {q['module'][1:]}: {q['title']}": q for q in agg}
    np, LivePlot, PALETTE, german_axis, style_axes = _plotting()
    labels = list(by_label) or ["keine Quizdaten"]
    plot = LivePlot(figsize=(7.6, 4.4))
    ax = plot.fig.add_subplot()
    text = widgets.HTML()

    def update(v):
        q = by_label.get(v["modul"])
        items = q["items"] if q else []
        ax.clear()
        style_axes(ax, "Beim ersten Versuch richtig – je Quizfrage", "Anteil beim ersten Versuch richtig (%)", "")
        y = np.arange(len(items))[::-1]
        rates = [it["first_rate"] * 100 for it in items]
        ax.barh(y, rates, color=PALETTE["blau"], edgecolor="black", hatch="//")
        for yi, it in zip(y, items):
            ax.text(it["first_rate"] * 100 + 2, yi, f"{pct(it['first_rate'])} (n\u00a0=\u00a0{it['n']})", va="center", fontsize=9)
        ax.set_yticks(y, [_wrap(f"{it['nr']}. {it['question']}") for it in items], fontsize=8)
        ax.set_xlim(0, 128)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        german_axis(ax.xaxis, 0)
        plot.invalidate(relayout=True)
        if items:
            hard = min(items, key=lambda it: it["first_rate"])
            alt = (f"Balkendiagramm {v['modul']}: Anteil der Gruppe, der beim ersten Versuch richtig lag, je Frage. "
                   f"Am schwersten: Frage {hard['nr']} „{hard['question']}“ mit {pct(hard['first_rate'])}.")
        else:
            alt = "Keine Quizdaten für dieses Modul."
        plot.refresh(alt=alt)
        rows = "".join(f"<tr><td>{it['nr']}</td><td>{escape(it['question'])}</td><td>{it['n']}</td>"
                       f"<td>{pct(it['first_rate'])}</td><td>{num(it['mean_attempts'], 1)}</td></tr>" for it in items)
        text.value = ("<table class='vt-table'><tr><th>Nr.</th><th>Frage</th><th>Antworten</th>"
                      "<th>beim ersten Versuch richtig</th><th>Ø Versuche</th></tr>" + rows + "</table>")

    return LivePanel(title="Quizfragen: beim ersten Versuch richtig", question="Welche Quizfragen fielen der Gruppe schwer?",
                     controls={"modul": dropdown("Modul:", labels, labels[0])}, views=[plot.widget, text], update=update,
                     assumptions="Gezählt wird das Ergebnis der ersten Prüfung jeder Frage; spätere Versuche ändern es nicht. "
                                 "„Ø Versuche“ ist der Mittelwert der Prüfungen je Person.")


def selfassessment_figure(docs, min_n: int = 1) -> LivePlot:
    """Radar chart of the group's self-assessment (course order, as the learners saw it)."""
    axes = classresults.aggregate(docs, min_n)["radar"]
    np, LivePlot, PALETTE, german_axis, style_axes = _plotting()
    plot = LivePlot(figsize=(6.0, 5.4))
    ax = plot.fig.add_subplot(projection="polar")
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    if axes:
        ang = np.linspace(0, 2 * np.pi, len(axes), endpoint=False)
        close = lambda a: np.append(a, a[0])  # noqa: E731
        mean = np.array([a["mean"] for a in axes])
        sd = np.array([a["sd"] for a in axes])
        ax.fill_between(close(ang), close(np.clip(mean - sd, 0, 100)), close(np.clip(mean + sd, 0, 100)),
                        color=PALETTE["hellblau"], alpha=0.4, label="± 1 Standardabweichung")
        ax.plot(close(ang), close(mean), "o-", color=PALETTE["blau"], label="Mittelwert")
        ax.set_xticks(ang, [a["label"].replace(" & ", " &\n").replace("Respektvolle ", "Respektvolle\n") for a in axes])
        ax.set_ylim(0, 100)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, frameon=False, fontsize=8)
        alt = ("Netzdiagramm der Selbsteinschätzung: " + ", ".join(f"{a['label']} {num(a['mean'], 0)}" for a in axes)
               + " (Mittelwerte, 0 bis 100\u00a0Punkte).")
    else:
        alt = "Keine Selbsteinschätzungen in den Dateien."
    ax.set_title("Selbsteinschätzung der Gruppe (0–100\u00a0Punkte)", fontsize=12, pad=26)
    ax.set_rlabel_position(100)
    plot.refresh(alt=alt)
    return plot


def poll_figure(docs, min_n: int = 1) -> LivePlot:
    """All polls: one bar chart per poll, with question and answer texts."""
    polls = classresults.aggregate(docs, min_n)["polls"]
    np, LivePlot, PALETTE, german_axis, style_axes = _plotting()
    n_opts = [len(p["options"]) for p in polls] or [1]
    plot = LivePlot(figsize=(7.6, max(2.6, sum(0.42 * k + 0.9 for k in n_opts))))
    if not polls:
        ax = plot.fig.add_subplot()
        ax.set_axis_off()
        ax.set_title("Umfragen: noch keine Antworten")
    else:
        axes = plot.fig.subplots(len(polls), 1, squeeze=False, gridspec_kw={"height_ratios": [k + 1.2 for k in n_opts]})[:, 0]
        for ax, p in zip(axes, polls):
            style_axes(ax, _wrap(f"Modul {p['module'][1:]}: {p['question']} (n\u00a0=\u00a0{p['n']})", 70, 2), "", "")
            ax.title.set_fontsize(10)
            y = np.arange(len(p["options"]))[::-1]
            shares = [o["share"] for o in p["options"]]
            ax.barh(y, [x * 100 for x in shares], color=PALETTE["orange"], edgecolor="black")
            for yi, x in zip(y, shares):
                ax.text(x * 100 + 1, yi, pct(x), va="center", fontsize=8)
            ax.set_yticks(y, [_wrap(o["text"], 40, 2) for o in p["options"]], fontsize=8)
            ax.set_xlim(0, 115)
            ax.set_xticks([0, 20, 40, 60, 80, 100])
            german_axis(ax.xaxis, 0)
        axes[-1].set_xlabel("Anteil der Antworten (%)")
    alt = "; ".join(f"{p['question']}: " + ", ".join(f"{o['text']} {pct(o['share'])}" for o in p["options"]) for p in polls)
    plot.refresh(alt=("Balkendiagramme der Umfrageantworten. " + alt) if polls else "Keine Umfragedaten.")
    return plot


class ClassResults:
    """The projector view of one evaluation: counts, quiz, self-assessment, polls – no file names."""

    def __init__(self, source, min_n: int = classresults.MIN_GROUP):
        self.result = source if isinstance(source, classresults.Result) else classresults.load_folder(source)
        self.docs, self.rejected = self.result.docs, self.result.rejected
        agg = classresults.aggregate(self.docs, min_n)
        self.quiz = quiz_panel(self.docs, min_n)
        self.sa = selfassessment_figure(self.docs, min_n)
        self.polls = poll_figure(self.docs, min_n)
        hidden = (f" {agg['hidden']} Auswertung(en) mit weniger als {min_n} Antworten sind ausgeblendet."
                  if agg["hidden"] else "")
        n_rej = len(self.rejected)
        head = widgets.HTML(f"<p style='font-size:120%'><b>{len(self.docs)} Ergebnisse</b> ausgewertet"
                            + (f", {n_rej} Datei(en) nicht gezählt (Einzelheiten nur auf Ihrem Bildschirm)" if n_rej else "")
                            + f".{escape(hidden)}</p>")
        self.box = widgets.VBox([head, self.quiz.box, widgets.HTML("<h4>Selbsteinschätzung</h4>"), self.sa.widget,
                                 widgets.HTML("<h4>Umfragen</h4>"), self.polls.widget])

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def class_results(source, min_n: int = classresults.MIN_GROUP) -> ClassResults:
    return ClassResults(source, min_n)


class UploadResults:
    """Instructor notebook without a hub: upload all export files and ZIP archives at once."""

    def __init__(self):
        self.upload = widgets.FileUpload(accept=".json,.zip", multiple=True, description="Dateien wählen",
                                         layout=widgets.Layout(width="auto"))
        self.button = widgets.Button(description="Neu auswerten", icon="refresh", layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML(box("info", "Klicken Sie auf „Dateien wählen“ und markieren Sie alle Exportdateien oder "
                                               "ein ZIP-Archiv auf einmal (Strg- oder Umschalttaste gedrückt halten). "
                                               "Die Auswertung beginnt von selbst."))
        self.problems = widgets.HTML()
        self.results = widgets.VBox()
        self.result = None
        self.button.on_click(lambda _b: guard.run(self.evaluate, self._show))
        self.upload.observe(lambda _c: guard.run(self.evaluate, self._show), names="value")  # one step fewer
        self.box = widgets.VBox([widgets.HBox([self.upload, self.button]), self.status, self.results, self.problems])
        self.box.add_class("vt-upload")
        styled(self.box)

    def _show(self, html: str) -> None:
        self.status.value = html

    def evaluate(self, value=None):
        value = self.upload.value if value is None else value
        if not value:
            self.status.value = error_box("Noch keine Dateien gewählt.", "Klicken Sie auf „Dateien wählen“.")
            return None
        self.result = classresults.load_upload(value)
        view = ClassResults(self.result)
        self.results.children = [view.box]
        self.problems.value = ("<details><summary>Nicht gezählte Dateien (nur für Sie, nicht für den Beamer)</summary>"
                               + problems_html(self.result) + "</details>")
        self.status.value = box("ok", f"{len(value)} Datei(en) hochgeladen, {len(self.result.docs)} Ergebnisse gezählt, "
                                      f"{len(self.result.rejected)} Datei(en) nicht gezählt.", title="Ausgewertet")
        return view

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def upload_results() -> UploadResults:
    return UploadResults()
