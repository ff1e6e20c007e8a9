"""Learner-facing message boxes (HTML). Meaning is carried by an icon and a word, not by
colour alone; every text is escaped, so nothing a learner or a file wrote is rendered as HTML."""
from __future__ import annotations

from html import escape

from .icons import icon

_KINDS = {
    # kind: (icon, label, border colour, background) – icons are inline SVG (icons.py), never
    # emoji: without an emoji font (Debian Chromium, many Linux hubs) those render as boxes.
    "ok": ("ok", "Richtig", "#1b7837", "#eef7ee"),
    "partial": ("partial", "Teilweise richtig", "#8a6d00", "#fffbe6"),
    "wrong": ("wrong", "Noch nicht", "#b2182b", "#fdf0f0"),
    "hint": ("hint", "Tipp", "#1f5f99", "#eef4fb"),
    "info": ("info", "Hinweis", "#444444", "#f5f5f5"),
    "warn": ("warn", "Achtung", "#8a4b00", "#fff4e5"),
    "error": ("error", "Eingabe prüfen", "#b2182b", "#fdf0f0"),
    "saved": ("saved", "Gespeichert", "#1b7837", "#f4faf4"),
}


def box(kind: str, text: str, *, title: str | None = None, details_html: str = "", role: str | None = None) -> str:
    """An accessible message box. ``text`` is escaped; ``details_html`` must be pre-escaped.
    The meaning is in the bold word (``title`` or the kind's label); the icon is decoration."""
    name, label, border, bg = _KINDS[kind]
    role = role or ("alert" if kind == "error" else "status")
    head = escape(title if title is not None else label)
    return (
        f'<div class="vt-msg vt-msg-{kind}" role="{role}" style="border-left:4px solid {border};'
        f'background:{bg};padding:6px 10px;margin:4px 0;color:#1a1a1a;line-height:1.4;overflow-wrap:anywhere">'
        f'{icon(name, colour=border)} <b>{head}:</b> {escape(text)}{details_html}</div>'
    )


def error_box(message: str, hint: str = "") -> str:
    hint_html = f"<br><b>Was tun?</b> {escape(hint)}" if hint else ""
    return box("error", message, details_html=hint_html)
