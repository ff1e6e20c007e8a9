"""„Klassenraum“: a hub-managed JupyterHub service for live, anonymous class results.

Learners send their export (:mod:`course_lib.workshop.export`, format 2: pseudonym,
first-attempt quiz results, poll answers, self-assessment – never reflections) with one click
(:mod:`course_lib.workshop.send`), authenticated with their single-user server's
``JUPYTERHUB_API_TOKEN``. The instructor – a hub user holding the custom scope
:data:`INSTRUCTOR_SCOPE` (role ``kursleitung``, given to the hub group ``kursleitung``) –
opens the service page via JupyterHub OAuth and sees a projector-ready German page that
refreshes itself; everyone else gets 403 on the page, its API and the downloads.

Storage: one embedded SQLite file. No username is stored – only an HMAC-SHA256 of the
username with a random salt kept in the same database, so that a learner's second
submission replaces the first. „Neue Runde“ deletes all submissions and draws a new salt.

Run by the hub (see deploy/): ``python -m course_lib.workshop.klassenraum``. Environment:
``JUPYTERHUB_SERVICE_URL`` (where to listen), ``JUPYTERHUB_SERVICE_PREFIX``, the usual
``JUPYTERHUB_*`` variables the hub sets for a managed service, ``VERTRIEB30_KLASSENRAUM_DB``
(SQLite file; default ``klassenraum.sqlite`` in the working directory) and optionally
``VERTRIEB30_KLASSENRAUM_GROUP`` (group name also accepted as instructor, default ``kursleitung``) and
``VERTRIEB30_KLASSENRAUM_BIND`` (listen address, if not the host of the service URL).
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import math
import os
import secrets
import sqlite3
import sys
from html import escape
from urllib.parse import urlparse

from ..errors import CourseInputError
from ..format_de import num, pct
from . import classresults

SERVICE_NAME = "klassenraum"
INSTRUCTOR_SCOPE = "custom:klassenraum:leiten"
REFRESH_SECONDS = 5


# ------------------------------------------------------------------ storage


class Database:
    """SQLite: ``meta`` (salt, round) and ``submissions`` (user hash → clean export document)."""

    def __init__(self, path: str):
        self.path = path
        self.con = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self.con.execute("CREATE TABLE IF NOT EXISTS submissions (user_hash TEXT PRIMARY KEY, doc TEXT NOT NULL)")
        if self._meta("salt") is None:
            self._set("salt", secrets.token_hex(32))
            self._set("round", "1")

    def _meta(self, key):
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key, value) -> None:
        self.con.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (key, value))

    def user_hash(self, username: str) -> str:
        return hmac.new(bytes.fromhex(self._meta("salt")), username.encode("utf-8"), hashlib.sha256).hexdigest()

    def submit(self, username: str, doc: dict) -> bool:
        """Store (or replace) a learner's submission. Returns True if an earlier one was replaced."""
        h = self.user_hash(username)
        with self.con:
            old = self.con.execute("SELECT 1 FROM submissions WHERE user_hash = ?", (h,)).fetchone()
            self.con.execute("INSERT INTO submissions (user_hash, doc) VALUES (?, ?) "
                             "ON CONFLICT(user_hash) DO UPDATE SET doc = excluded.doc",
                             (h, json.dumps(doc, ensure_ascii=False, sort_keys=True)))
        return old is not None

    def docs(self) -> list[dict]:
        return [json.loads(r[0]) for r in self.con.execute("SELECT doc FROM submissions ORDER BY rowid")]

    @property
    def round(self) -> int:
        return int(self._meta("round") or 1)

    def reset(self) -> int:
        """„Neue Runde“: delete every submission, draw a new salt; returns the new round number."""
        with self.con:
            self.con.execute("DELETE FROM submissions")
            self._set("salt", secrets.token_hex(32))
            self._set("round", str(self.round + 1))
        self.con.execute("VACUUM")  # deleted rows must not linger in the file
        return self.round


# ------------------------------------------------------------------ rendering (pure)

CSS = """
body{font-family:system-ui,'Segoe UI',Arial,sans-serif;font-size:22px;line-height:1.35;margin:0 2vw 3em;color:#111;background:#fff}
h1{font-size:1.9em;margin:.4em 0 .1em} h2{font-size:1.35em;margin:1.2em 0 .3em;border-bottom:3px solid #0072B2}
h3{font-size:1.05em;margin:.9em 0 .2em}
.kopf{display:flex;flex-wrap:wrap;gap:1em;align-items:baseline;justify-content:space-between}
.zahl{font-size:1.6em;font-weight:700}
.zeile{display:grid;grid-template-columns:minmax(12em,44%) 1fr;gap:.6em;align-items:center;margin:.35em 0}
.balken{background:#eee;border:1px solid #555;height:1.3em;position:relative}
.balken span{display:block;height:100%;background:repeating-linear-gradient(45deg,#0072B2 0 8px,#2b8ccf 8px 16px)}
.balken.umfrage span{background:#E69F00}
.wert{font-weight:700;white-space:nowrap}
.hinweis{color:#444;font-size:.85em}
.werkzeuge{font-size:.7em;margin-top:2em;border-top:1px solid #999;padding-top:.6em}
.werkzeuge a,.werkzeuge button{font-size:1em;margin-right:1em}
svg text{font-size:18px}
"""


def _bar(share: float, label: str, kind: str = "") -> str:
    w = max(0.0, min(1.0, share)) * 100
    return (f"<div class='balken {kind}' role='img' aria-label='{escape(label)}'><span style='width:{w:.1f}%'></span></div>")


def _radar_svg(axes: list[dict]) -> str:
    """The group's self-assessment as an SVG radar chart, axes in the course's (learner's) order."""
    n = len(axes)
    if n < 3:
        return ""
    cx, cy = 430, 235
    r = 160

    def pt(k, value):
        a = -math.pi / 2 + 2 * math.pi * k / n  # clockwise from the top, as in module 06
        return cx + r * value / 100 * math.cos(a), cy + r * value / 100 * math.sin(a)
    grid = "".join(
        f"<polygon points='{' '.join(f'{x:.1f},{y:.1f}' for x, y in (pt(k, lvl) for k in range(n)))}' fill='none' stroke='#bbb'/>"
        for lvl in (25, 50, 75, 100))
    spokes = "".join(f"<line x1='{cx}' y1='{cy}' x2='{pt(k, 100)[0]:.1f}' y2='{pt(k, 100)[1]:.1f}' stroke='#bbb'/>" for k in range(n))
    poly = " ".join(f"{x:.1f},{y:.1f}" for x, y in (pt(k, a["mean"]) for k, a in enumerate(axes)))
    dots = "".join(f"<circle cx='{pt(k, a['mean'])[0]:.1f}' cy='{pt(k, a['mean'])[1]:.1f}' r='5' fill='#0072B2'/>" for k, a in enumerate(axes))
    labels = ""
    for k, a in enumerate(axes):
        x, y = pt(k, 116)
        anchor = "middle" if abs(x - cx) < 20 else ("start" if x > cx else "end")
        labels += (f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' dominant-baseline='middle'>"
                   f"{escape(a['label'])} {escape(num(a['mean'], 0))}</text>")
    desc = "Netzdiagramm der Selbsteinschätzung: " + ", ".join(f"{a['label']} {num(a['mean'], 0)}" for a in axes)
    return (f"<svg viewBox='0 0 860 470' width='860' height='470' style='max-width:100%' role='img' aria-label='{escape(desc)}'>"
            f"{grid}{spokes}<polygon points='{poly}' fill='#56B4E9' fill-opacity='.35' stroke='#0072B2' stroke-width='3'/>"
            f"{dots}{labels}</svg>")


def render_results(docs: list[dict], min_n: int = classresults.MIN_GROUP) -> str:
    """The live part of the page (also served alone for the auto-refresh). All text escaped."""
    agg = classresults.aggregate(docs, min_n)
    out = [f"<div class='kopf'><div><span class='zahl' id='anzahl'>{agg['n']}</span> Einsendungen</div>"]
    if agg["hidden"]:
        out.append(f"<div class='hinweis'>{agg['hidden']} Auswertung(en) mit weniger als {min_n} Antworten sind ausgeblendet.</div>")
    out.append("</div>")
    if agg["n"] < min_n:
        out.append(f"<p>Sobald mindestens {min_n} Personen gesendet haben, erscheinen hier die Ergebnisse.</p>")
    if agg["quiz"]:
        out.append("<h2>Quiz: beim ersten Versuch richtig</h2>")
    for q in agg["quiz"]:
        out.append(f"<h3>Modul {escape(q['module'][1:])}: {escape(q['title'])}</h3>")
        for it in q["items"]:
            lab = f"{pct(it['first_rate'])} beim ersten Versuch richtig"
            out.append(f"<div class='zeile'><div>{it['nr']}. {escape(it['question'])}</div><div>{_bar(it['first_rate'], lab)}"
                       f"<span class='wert'>{escape(lab)}</span> <span class='hinweis'>· Ø {escape(num(it['mean_attempts'], 1))} "
                       f"Versuche · n = {it['n']}</span></div></div>")
    if agg["polls"]:
        out.append("<h2>Umfragen</h2>")
    for p in agg["polls"]:
        out.append(f"<h3>Modul {escape(p['module'][1:])}: {escape(p['question'])} <span class='hinweis'>(n\u00a0=\u00a0{p['n']})</span></h3>")
        for o in p["options"]:
            out.append(f"<div class='zeile'><div>{escape(o['text'])}</div><div>{_bar(o['share'], pct(o['share']), 'umfrage')}"
                       f"<span class='wert'>{escape(pct(o['share']))}</span> <span class='hinweis'>({o['count']})</span></div></div>")
    if agg["radar"]:
        out.append("<h2>Selbsteinschätzung der Gruppe (Mittelwerte, 0–100 Punkte)</h2>" + _radar_svg(agg["radar"]))
    return "\n".join(out)


def render_page(docs: list[dict], prefix: str, round_no: int, xsrf: str) -> str:
    p = escape(prefix)
    xsrf_js = json.dumps(xsrf).replace("<", "\\u003c")  # a JS string that cannot end the script element
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Klassenraum – Ergebnisse der Gruppe</title><style>{CSS}</style></head>
<body><h1>Klassenraum – Ergebnisse der Gruppe <span class="hinweis">(Runde {round_no})</span></h1>
<p class="hinweis">Anonym: gezeigt werden nur Summen, keine Namen und keine Pseudonyme. Die Seite aktualisiert sich alle {REFRESH_SECONDS}&nbsp;Sekunden.</p>
<main id="inhalt" aria-live="polite">{render_results(docs)}</main>
<div class="werkzeuge">
<a href="{p}download.csv">Als CSV herunterladen</a><a href="{p}download.json">Als JSON herunterladen</a>
<form method="post" action="{p}api/neue-runde" style="display:inline" onsubmit="return confirm('Alle Einsendungen löschen und eine neue Runde beginnen?')">
<input type="hidden" name="_xsrf" value="{escape(xsrf)}"><button type="submit">Neue Runde (alle Einsendungen löschen)</button></form>
</div>
<script>
setInterval(async () => {{
  try {{
    const r = await fetch("{p}?teil=1", {{credentials: "same-origin", cache: "no-store",
                                          headers: {{"X-XSRFToken": {xsrf_js}}}}});
    if (r.ok) document.getElementById("inhalt").innerHTML = await r.text();
  }} catch (e) {{ /* the next round tries again */ }}
}}, {REFRESH_SECONDS * 1000});
</script></body></html>"""


def results_csv(docs: list[dict], min_n: int = classresults.MIN_GROUP) -> str:
    agg = classresults.aggregate(docs, min_n)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(["Art", "Modul", "Nr.", "Frage oder Bereich", "Antwort", "n", "Anteil (beim ersten Versuch richtig bzw. Antwort)", "Ø Versuche", "Mittelwert", "Streuung"])
    for q in agg["quiz"]:
        for it in q["items"]:
            w.writerow(["Quiz", q["module"], it["nr"], it["question"], "", it["n"], f"{it['first_rate']:.4f}", f"{it['mean_attempts']:.2f}", "", ""])
    for p in agg["polls"]:
        for o in p["options"]:
            w.writerow(["Umfrage", p["module"], "", p["question"], o["text"], p["n"], f"{o['share']:.4f}", "", "", ""])
    for a in agg["radar"]:
        w.writerow(["Selbsteinschätzung", "m06", "", a["label"], "", a["n"], "", "", f"{a['mean']:.2f}", f"{a['sd']:.2f}"])
    return buf.getvalue()


# ------------------------------------------------------------------ tornado app


def make_app(db: Database, prefix: str | None = None):
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
    from tornado import web

    prefix = prefix or os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/klassenraum/")
    if not prefix.endswith("/"):
        prefix += "/"
    group = os.environ.get("VERTRIEB30_KLASSENRAUM_GROUP", "kursleitung")

    class Base(HubOAuthenticated, web.RequestHandler):
        api = False

        def is_instructor(self, user) -> bool:
            return bool(user) and (INSTRUCTOR_SCOPE in (user.get("scopes") or []) or group in (user.get("groups") or []))

        def require_instructor(self):
            if not self.is_instructor(self.current_user):
                raise web.HTTPError(403)

        def write_error(self, status_code, **kwargs):
            reason = getattr(kwargs.get("exc_info", (None, None))[1], "log_message", None)
            text = {403: "Kein Zugriff: Diese Seite ist nur für die Kursleitung (Gruppe „kursleitung“) bestimmt.",
                    404: "Diese Seite gibt es nicht.",
                    413: "Die Einsendung ist zu groß."}.get(status_code, reason if status_code == 400 and reason
                                                         else "Im Klassenraum ist ein Fehler aufgetreten. Bitte versuchen Sie es noch einmal.")
            if self.api or self.request.path.startswith(prefix + "api/"):
                self.set_header("Content-Type", "application/json; charset=utf-8")
                self.finish(json.dumps({"fehler": text}, ensure_ascii=False))
            else:
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(f"<!DOCTYPE html><html lang='de'><meta charset='utf-8'><title>Klassenraum</title>"
                            f"<body style='font:22px system-ui,sans-serif;margin:2em'><h1>Klassenraum</h1><p>{escape(text)}</p></body></html>")

    class Page(Base):
        @web.authenticated
        def get(self):
            self.require_instructor()
            self.set_header("Cache-Control", "no-store")
            if self.get_argument("teil", None):
                self.finish(render_results(db.docs()))
                return
            xsrf = self.xsrf_token
            self.finish(render_page(db.docs(), prefix, db.round, xsrf.decode() if isinstance(xsrf, bytes) else xsrf))

    class Results(Base):
        api = True

        @web.authenticated
        def get(self):
            self.require_instructor()
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps({"runde": db.round, **classresults.aggregate(db.docs(), classresults.MIN_GROUP)}, ensure_ascii=False))

    class Submit(Base):
        api = True

        @web.authenticated
        def post(self):
            body = self.request.body or b""
            if len(body) > classresults.MAX_FILE_BYTES:
                raise web.HTTPError(413)
            try:
                clean, notes = classresults.check_bytes(body)
            except CourseInputError as exc:
                self.set_status(400)
                self.set_header("Content-Type", "application/json; charset=utf-8")
                self.finish(json.dumps({"fehler": exc.message if hasattr(exc, "message") else str(exc)}, ensure_ascii=False))
                return
            replaced = db.submit(self.current_user["name"], clean)
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps({"ok": True, "ersetzt": replaced, "hinweise": notes, "runde": db.round}, ensure_ascii=False))

    class Reset(Base):
        @web.authenticated
        def post(self):
            self.require_instructor()
            db.reset()
            self.redirect(prefix)

    class Download(Base):
        @web.authenticated
        def get(self, kind):
            self.require_instructor()
            docs = db.docs()
            if kind == "csv":
                self.set_header("Content-Type", "text/csv; charset=utf-8")
                self.set_header("Content-Disposition", 'attachment; filename="klassenraum.csv"')
                self.finish("\ufeff" + results_csv(docs))  # BOM: Excel opens UTF-8 correctly
            else:
                self.set_header("Content-Type", "application/json; charset=utf-8")
                self.set_header("Content-Disposition", 'attachment; filename="klassenraum.json"')
                self.finish(json.dumps({"runde": db.round, "auswertung": classresults.aggregate(docs, classresults.MIN_GROUP),
                                        "einsendungen": docs}, ensure_ascii=False, indent=1))

    return web.Application([
        (prefix, Page),
        (prefix + "api/ergebnisse", Results),
        (prefix + "api/einreichen", Submit),
        (prefix + "api/neue-runde", Reset),
        (prefix + r"download\.(csv|json)", Download),
        (prefix + "oauth_callback", HubOAuthCallbackHandler),
    ], cookie_secret=secrets.token_bytes(32), xsrf_cookies=False)


def main(argv=None) -> int:
    from tornado import ioloop

    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    db = Database(os.environ.get("VERTRIEB30_KLASSENRAUM_DB", "klassenraum.sqlite"))
    app = make_app(db)
    host = os.environ.get("VERTRIEB30_KLASSENRAUM_BIND") or url.hostname or "127.0.0.1"
    # bodies up to 8 MB are read, so that a too large one gets a German 413 instead of a dropped connection
    app.listen(url.port or 80, host, max_body_size=8_000_000)
    print(f"Klassenraum läuft auf {url.geturl()}", file=sys.stderr)
    ioloop.IOLoop.current().start()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
