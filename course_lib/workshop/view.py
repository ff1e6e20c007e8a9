"""Widgets of the workshop kit: the learner's export (with a preview of exactly what is
written) and the instructor's group picture from a folder of exports."""
from __future__ import annotations

import base64
from html import escape

import ipywidgets as widgets
import numpy as np

from ..blocks import guard
from ..blocks.liveplot import LivePlot
from ..blocks.messages import box
from ..blocks.panel import LivePanel, dropdown
from ..blocks.style import PALETTE, german_axis, style_axes
from ..format_de import num, pct
from . import classresults, export


class ExportWidget:
    """Pseudonym → preview of the file content → save."""

    def __init__(self):
        self.pseudonym = widgets.Text(value="", placeholder="z. B. Falke7", description="Ihr Pseudonym:",
                                      style={"description_width": "initial"}, layout=widgets.Layout(width="360px"))
        self.preview_button = widgets.Button(description="Vorschau zeigen", icon="eye")
        self.save_button = widgets.Button(description="Exportdatei speichern", button_style="primary", icon="save")
        self.preview = widgets.HTML()
        self.message = widgets.HTML()
        self.preview_button.on_click(lambda _b: guard.run(self.show_preview, self._show))
        self.save_button.on_click(lambda _b: guard.run(self.save, self._show))
        self.box = widgets.VBox([self.pseudonym, widgets.HBox([self.preview_button, self.save_button]), self.preview, self.message])
        self.box.add_class("vt-export")
        self.path = None

    def _show(self, html: str) -> None:
        self.message.value = html

    def show_preview(self) -> dict:
        self.preview.value = ""  # an invalid pseudonym must not leave the previous preview standing
        doc = export.build(self.pseudonym.value)
        self.preview.value = ("<p><b>Genau dieser Inhalt wird gespeichert</b> – nichts sonst (keine Reflexionstexte, "
                              "kein Name, keine Uhrzeit):</p><pre style='max-height:260px;overflow:auto;font-size:90%'>"
                              + escape(export.preview(doc)) + "</pre>")
        self.message.value = ""
        return doc

    def save(self):
        doc = self.show_preview()
        self.path = export.save(doc)
        # A download link with the same content: on JupyterHub/Binder the data folder is hidden
        # from the file browser, so the learner gets the file straight into the browser's downloads.
        b64 = base64.b64encode((export.preview(doc) + "\n").encode("utf-8")).decode("ascii")
        link = (f'<a download="{escape(self.path.name)}" href="data:application/json;base64,{b64}" '
                f'style="font-weight:bold">⬇ {escape(self.path.name)} herunterladen</a>')
        self.message.value = box("saved", f"Die Datei „{self.path.name}“ liegt im Unterordner „exporte“ Ihres Datenordners. "
                                          "Laden Sie sie mit dem Link herunter und geben Sie sie Ihrer Kursleitung.",
                                 details_html="<br>" + link)
        return self.path

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def export_widget() -> ExportWidget:
    return ExportWidget()


def rejected_table(rejected) -> str:
    if not rejected:
        return box("ok", "Alle Dateien wurden gelesen.", title="Dateien")
    rows = "".join(f"<tr><td>{escape(n)}</td><td>{escape(r)}</td></tr>" for n, r in rejected)
    return (box("info", f"{len(rejected)} Datei(en) wurden übersprungen:", title="Dateien")
            + f"<table class='vt-table'><tr><th>Datei</th><th>Grund</th></tr>{rows}</table>")


def quiz_panel(docs) -> LivePanel:
    """Item difficulty per quiz of one module (bar chart + table)."""
    df = classresults.quiz_difficulty(docs)
    modules = sorted(df["Modul"].unique()) or ["m01"]
    plot = LivePlot(figsize=(6.4, 3.6))
    ax = plot.fig.add_subplot()
    text = widgets.HTML()

    def update(v):
        sub = df[df["Modul"] == v["modul"]]
        ax.clear()
        style_axes(ax, f"Quiz {v['modul'][1:]}: Anteil richtiger Antworten je Frage", "Frage", "richtig beantwortet (%)")
        x = np.arange(len(sub))
        ax.bar(x, sub["Anteil richtig"] * 100, color=PALETTE["blau"], edgecolor="black", hatch="//")
        for xi, p in zip(x, sub["Anteil richtig"]):
            ax.text(xi, p * 100 + 2, pct(p), ha="center", fontsize=9)
        ax.set_xticks(x, list(sub["Frage"]))
        ax.set_ylim(0, 110)
        german_axis(ax.yaxis, 0)
        plot.invalidate()
        hardest = sub.sort_values("Anteil richtig").head(1)
        alt = (f"Balkendiagramm der Quizfragen von Modul {v['modul'][1:]}; schwierigste Frage: {hardest['Frage'].iloc[0]} "
               f"mit {pct(hardest['Anteil richtig'].iloc[0])} richtig." if len(hardest) else "Keine Quizdaten für dieses Modul.")
        plot.refresh(alt=alt)
        shown = sub.assign(**{"Anteil richtig": sub["Anteil richtig"].map(pct), "Ø Versuche": sub["Ø Versuche"].map(lambda x: num(x, 1))})
        text.value = shown.to_html(index=False, escape=True, border=0, classes="vt-table")

    return LivePanel(title="Schwierigkeit der Quizfragen", question="Welche Quizfragen fielen der Gruppe schwer?",
                     controls={"modul": dropdown("Modul:", modules, modules[0])}, views=[plot.widget, text], update=update,
                     assumptions="Anteil richtig = Anteil der Lernenden, deren gespeicherte Antwort richtig war (Itemschwierigkeit p).")


def selfassessment_figure(docs) -> LivePlot:
    """Radar chart of the group's self-assessment: mean and ± one standard deviation."""
    s = classresults.selfassessment_summary(docs)
    plot = LivePlot(figsize=(5.4, 5.0))
    ax = plot.fig.add_subplot(projection="polar")
    if len(s):
        ang = np.linspace(0, 2 * np.pi, len(s), endpoint=False)
        close = lambda a: np.append(a, a[0])  # noqa: E731
        mean, sd = s["Mittelwert"].to_numpy(), s["Streuung"].fillna(0).to_numpy()
        ax.fill_between(close(ang), close(np.clip(mean - sd, 0, 100)), close(np.clip(mean + sd, 0, 100)),
                        color=PALETTE["hellblau"], alpha=0.4, label="± 1 Standardabweichung")
        ax.plot(close(ang), close(mean), "o-", color=PALETTE["blau"], label="Mittelwert")
        ax.set_xticks(ang, list(s["Bereich"]))
        ax.set_ylim(0, 100)
        ax.legend(loc="lower right", fontsize=8, bbox_to_anchor=(1.15, -0.12))
        alt = "Netzdiagramm der Selbsteinschätzung: " + ", ".join(f"{b} {num(m, 0)}" for b, m in zip(s["Bereich"], mean)) + " (Mittelwerte, 0 bis 100)."
    else:
        alt = "Keine Selbsteinschätzungen in den Dateien."
    ax.set_title("Selbsteinschätzung der Gruppe (0–100 Punkte)", fontsize=12)
    plot.refresh(alt=alt)
    return plot


def poll_figure(docs) -> LivePlot:
    p = classresults.poll_distribution(docs)
    plot = LivePlot(figsize=(6.4, 3.6))
    ax = plot.fig.add_subplot()
    style_axes(ax, "Umfragen: Verteilung der Antworten", "Anteil der Antworten (%)", "Umfrage und Antwort")
    labels = [f"{m[1:]} {u}: {a}" for m, u, a in zip(p["Modul"], p["Umfrage"], p["Antwort"])]
    ax.barh(range(len(p)), p["Anteil"] * 100, color=PALETTE["orange"], edgecolor="black")
    ax.set_yticks(range(len(p)), labels, fontsize=8)
    german_axis(ax.xaxis, 0)
    plot.refresh(alt="Balkendiagramm der Umfrageantworten: " + "; ".join(f"{lab} {pct(a)}" for lab, a in zip(labels, p["Anteil"])) if len(p) else "Keine Umfragedaten.")
    return plot


class ClassResults:
    """All of it for one folder: rejected files, quiz difficulty, self-assessment, polls."""

    def __init__(self, folder):
        self.docs, self.rejected = classresults.load_folder(folder)
        self.quiz = quiz_panel(self.docs)
        self.sa = selfassessment_figure(self.docs)
        self.polls = poll_figure(self.docs)
        head = widgets.HTML(f"<p><b>{len(self.docs)} Exportdateien</b> ausgewertet.</p>" + rejected_table(self.rejected))
        self.box = widgets.VBox([head, self.quiz.box, widgets.HTML("<h4>Selbsteinschätzung</h4>"), self.sa.widget,
                                 widgets.HTML("<h4>Umfragen</h4>"), self.polls.widget])

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def class_results(folder) -> ClassResults:
    return ClassResults(folder)
