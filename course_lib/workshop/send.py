"""„An die Kursleitung senden“: the learner's one click to the Klassenraum service.

Shown only on a JupyterHub whose configuration offers the Klassenraum: the single-user
server's ``JUPYTERHUB_API_TOKEN`` and ``JUPYTERHUB_SERVICE_PREFIX`` are set and the hub
config sets ``VERTRIEB30_KLASSENRAUM_URL`` (the service's URL as seen from the learner's
server, e.g. ``http://proxy-public/services/klassenraum/``). Elsewhere the cell shows a
one-line note pointing to the export file in 00_Start.

What is sent is exactly the export document (:func:`course_lib.workshop.export.build`) –
pseudonym, first-attempt quiz results, poll answers, self-assessment; never reflections.
The pseudonym is generated once at random and kept in the learner's data folder; the
learner may change it, but does not have to (one click).
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import urllib.error
import urllib.request

import ipywidgets as widgets

from ..blocks import guard
from ..blocks.messages import box
from ..errors import CourseInputError
from ..storage import atomic_write_text, data_dir
from . import export
from ..blocks.css import styled

URL_ENV = "VERTRIEB30_KLASSENRAUM_URL"
TIMEOUT = 15
ANIMALS = ("Adler", "Biber", "Dachs", "Eule", "Falke", "Fuchs", "Igel", "Luchs", "Otter", "Reh", "Specht", "Wal")


def hub_config() -> dict | None:
    """``{"url", "token"}`` when running on a hub with a Klassenraum, else None."""
    token = os.environ.get("JUPYTERHUB_API_TOKEN")
    url = os.environ.get(URL_ENV)
    if not token or not url or not os.environ.get("JUPYTERHUB_SERVICE_PREFIX"):
        return None
    return {"url": url if url.endswith("/") else url + "/", "token": token}


def _pseudonym_file():
    return data_dir() / "klassenraum_pseudonym.txt"


_SESSION: dict = {}


def stored_pseudonym() -> str:
    """The learner's pseudonym for exports and the Klassenraum: the one kept in the data folder,
    else a random one for this session (kept on disk only once something is saved or sent)."""
    try:
        return export.check_pseudonym(_pseudonym_file().read_text("utf-8"))
    except (OSError, UnicodeDecodeError, CourseInputError):
        return _SESSION.setdefault("pseudonym", f"{secrets.choice(ANIMALS)}{secrets.randbelow(900) + 100}")


def remember_pseudonym(name: str) -> None:
    """Keep ``name`` for the next export or submission (best effort; never loses the action)."""
    try:
        if _pseudonym_file().is_file() and _pseudonym_file().read_text("utf-8").strip() == name:
            return
        _pseudonym_file().parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(_pseudonym_file(), name + "\n")
    except OSError:
        pass


def submit(doc: dict, config: dict) -> dict:
    """POST the export to the service. Returns the service's JSON answer.

    Raises :class:`CourseInputError` with a German message for every failure.
    """
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(config["url"] + "api/einreichen", data=body, method="POST",
                                 headers={"Authorization": f"token {config['token']}",
                                          "Content-Type": "application/json; charset=utf-8"})
    again = "Versuchen Sie es in einer Minute noch einmal; wenn es wieder nicht klappt, sagen Sie der Kursleitung Bescheid."
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:  # noqa: S310 - URL from the hub config
            return json.loads(r.read(100_000).decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            reason = json.loads(exc.read(10_000).decode("utf-8")).get("fehler", "")
        except (ValueError, OSError, AttributeError):
            reason = ""
        if exc.code == 400 and reason:
            raise CourseInputError(reason, "Bearbeiten Sie zuerst ein Quiz oder eine Umfrage und senden Sie dann erneut.") from None
        if exc.code in (401, 403):
            raise CourseInputError("Der Klassenraum hat Ihre Anmeldung nicht angenommen.",
                                   "Laden Sie die Seite neu (F5) und melden Sie sich wieder am JupyterHub an; dann erneut senden.") from None
        if exc.code in (404, 502, 503):
            raise CourseInputError("Der Klassenraum ist gerade nicht erreichbar.", again) from None
        raise CourseInputError(f"Der Klassenraum hat mit einem Fehler geantwortet (Code {exc.code}).", again) from None
    except (socket.timeout, TimeoutError):
        raise CourseInputError("Der Klassenraum antwortet nicht (Zeitüberschreitung).", again) from None
    except (urllib.error.URLError, OSError):
        raise CourseInputError("Der Klassenraum ist nicht erreichbar.", again) from None
    except ValueError:
        raise CourseInputError("Die Antwort des Klassenraums war unverständlich.", again) from None


class SendButton:
    """One click: build the export, show what is sent, post it, say in German what happened."""

    def __init__(self, config: dict | None = None, module_id: str | None = None):
        self.config = config if config is not None else hub_config()
        self.message = widgets.HTML()
        self.response = None
        if self.config is None:
            self.button = None
            self.pseudonym = None
            self.box = widgets.HTML(
                "<p style='color:#444;margin:2px 0;line-height:1.45'>Ergebnis für die Kursleitung: Hier ist kein Klassenraum verbunden. "
                + ("In einem Workshop ohne JupyterHub erzeugen Sie direkt darüber (Abschnitt „Für Workshops“) eine Exportdatei.</p>"
                   if module_id == "m00" else  # on the start page itself: no pointer to the page it is on
                   "In einem Workshop ohne JupyterHub erzeugen Sie in der Kursübersicht (00_Start, „Für Workshops“) eine Exportdatei.</p>"))
            self.box.add_class("vt-klassenraum-off")
            return
        self.pseudonym = widgets.Text(value=stored_pseudonym(), description="Pseudonym (frei wählbar):",
                                      style={"description_width": "initial"}, layout=widgets.Layout(width="360px"))
        self.button = widgets.Button(description="An die Kursleitung senden", button_style="primary", icon="paper-plane",
                                     layout=widgets.Layout(width="auto"))
        self.button.add_class("vt-send")
        self.button.on_click(lambda _b: guard.run(self.send, self._show))
        note = widgets.HTML("<p style='margin:2px 0'>Gesendet werden nur Ihr Pseudonym, Ihre Quizergebnisse (erster Versuch), "
                            "Umfrageantworten und Ihre Selbsteinschätzung – keine Reflexionstexte, kein Name.</p>")
        self.box = widgets.VBox([note, widgets.HBox([self.button, self.pseudonym]), self.message])
        self.box.add_class("vt-klassenraum")
        styled(self.box)

    def _show(self, html: str) -> None:
        self.message.value = html

    def send(self) -> dict:
        doc = export.build(self.pseudonym.value)
        if export.is_empty(doc):
            raise CourseInputError("Es gibt noch nichts zu senden.",
                                   "Beantworten Sie zuerst eine Quizfrage oder eine Umfrage und klicken Sie dann erneut.")
        remember_pseudonym(doc["pseudonym"])
        self.response = submit(doc, self.config)
        n_quiz = sum(len(v) for v in doc["quiz"].values())
        again = " Ihre frühere Einsendung wurde ersetzt." if self.response.get("ersetzt") else ""
        self.message.value = box("saved", f"Gesendet: {n_quiz} Quizfragen, {sum(len(v) for v in doc['umfragen'].values())} "
                                          f"Umfrageantworten{', Ihre Selbsteinschätzung' if doc['selbsteinschaetzung'] else ''} "
                                          f"unter dem Pseudonym „{doc['pseudonym']}“.{again}", title="An die Kursleitung gesendet")
        return self.response

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def button(module_id: str | None = None) -> SendButton:
    """The cell at the end of a module and in 00_Start: ``send.button("m04")``.

    ``module_id`` names the place in the notebook cell; what is sent is always the whole export
    (all modules so far), so a later click replaces the earlier submission with more results."""
    return SendButton(module_id=module_id)


__all__ = ["SendButton", "button", "hub_config", "submit"]
