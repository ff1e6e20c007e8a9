"""Icons that render everywhere: small inline SVGs (no emoji font needed – Debian's Chromium and
many Linux JupyterHub images have none, so emoji would show as empty boxes).

An icon never carries meaning alone: it is ``aria-hidden`` and always goes with a word
(``icon("ok") + " Richtig"``, or :func:`badge` that writes both).
"""
from __future__ import annotations

from html import escape

# name: (colour, SVG body in a 16×16 viewBox)
_ICONS = {
    "ok": ("#1b7837", '<circle cx="8" cy="8" r="7.2" fill="currentColor"/>'
                      '<path d="M4.3 8.3l2.4 2.4 5-5" fill="none" stroke="#fff" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"/>'),
    "partial": ("#8a6d00", '<circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" stroke-width="1.6"/>'
                           '<path d="M8 1.4a6.6 6.6 0 0 1 0 13.2z" fill="currentColor"/>'),
    "wrong": ("#b2182b", '<circle cx="8" cy="8" r="7.2" fill="currentColor"/>'
                         '<path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" stroke-width="1.9" stroke-linecap="round"/>'),
    "hint": ("#1f5f99", '<path d="M8 1.3a4.6 4.6 0 0 0-2.7 8.3c.5.4.8 1 .8 1.6v.6h3.8v-.6c0-.6.3-1.2.8-1.6A4.6 4.6 0 0 0 8 1.3z" fill="currentColor"/>'
                        '<rect x="6.1" y="12.6" width="3.8" height="1.3" rx=".6" fill="currentColor"/>'
                        '<rect x="6.6" y="14.3" width="2.8" height="1.2" rx=".6" fill="currentColor"/>'),
    "info": ("#444444", '<circle cx="8" cy="8" r="7.2" fill="currentColor"/>'
                        '<circle cx="8" cy="4.6" r="1.1" fill="#fff"/><rect x="7" y="6.6" width="2" height="5.6" rx=".8" fill="#fff"/>'),
    "warn": ("#8a4b00", '<path d="M8 1.2l7.2 13.2H.8z" fill="currentColor" stroke="currentColor" stroke-linejoin="round"/>'
                        '<rect x="7.1" y="5.4" width="1.8" height="5" rx=".7" fill="#fff"/><circle cx="8" cy="12.3" r="1" fill="#fff"/>'),
    "error": ("#b2182b", '<path d="M8 1.2l7.2 13.2H.8z" fill="currentColor" stroke="currentColor" stroke-linejoin="round"/>'
                         '<rect x="7.1" y="5.4" width="1.8" height="5" rx=".7" fill="#fff"/><circle cx="8" cy="12.3" r="1" fill="#fff"/>'),
    "saved": ("#1b7837", '<path d="M2 2h9.5L14 4.5V14H2z" fill="currentColor"/><rect x="4.2" y="2" width="6" height="3.6" fill="#fff"/>'
                         '<rect x="4.2" y="8.4" width="7.6" height="5.6" rx=".6" fill="#fff"/>'),
    "lock-open": ("#1f5f99", '<rect x="2.5" y="7" width="11" height="8" rx="1.4" fill="currentColor"/>'
                             '<path d="M5 7V4.6a3 3 0 0 1 5.9-.8" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round"/>'),
    "lock": ("#444444", '<rect x="2.5" y="7" width="11" height="8" rx="1.4" fill="currentColor"/>'
                        '<path d="M5 7V4.6a3 3 0 0 1 6 0V7" fill="none" stroke="currentColor" stroke-width="1.7"/>'),
    "magnet": ("#b2182b", '<path d="M3 2h3v6a2 2 0 0 0 4 0V2h3v6A5 5 0 0 1 3 8z" fill="currentColor"/>'
                          '<rect x="3" y="2" width="3" height="2.4" fill="#fff" opacity=".55"/><rect x="10" y="2" width="3" height="2.4" fill="#fff" opacity=".55"/>'),
    "question": ("#444444", '<circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.6"/>'
                            '<path d="M5.9 6.1a2.2 2.2 0 1 1 3.1 2c-.7.3-1 .8-1 1.5v.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/>'
                            '<circle cx="8" cy="12.2" r="1" fill="currentColor"/>'),
    "money": ("#8a6d00", '<circle cx="8" cy="8" r="7.2" fill="currentColor"/>'
                         '<path d="M10.9 5.2a3.6 3.6 0 1 0 0 5.6M3.8 7h5M3.8 9.1h5" fill="none" stroke="#fff" stroke-width="1.5" stroke-linecap="round"/>'),
    "handshake": ("#1b7837", '<path d="M1 6l3-2 4 1.5L12 4l3 2v3l-4.5 3.5a1.2 1.2 0 0 1-1.6 0L1 9z" fill="currentColor"/>'
                             '<path d="M5.5 8l2 1.6M7.2 6.6l2.6 2.2" stroke="#fff" stroke-width="1.2" stroke-linecap="round"/>'),
    "level-low": ("#1b7837", '<circle cx="8" cy="8" r="6.5" fill="currentColor"/>'),
    "level-mid": ("#8a6d00", '<path d="M8 1.5l6.5 6.5L8 14.5 1.5 8z" fill="currentColor"/>'),
    "level-high": ("#b2182b", '<path d="M8 1.3l6.9 12.4H1.1z" fill="currentColor"/>'),
}
NAMES = tuple(_ICONS)


def icon(name: str, *, colour: str | None = None) -> str:
    """Inline SVG icon ``name`` (see :data:`NAMES`), decorative (``aria-hidden``)."""
    col, body = _ICONS[name]
    return (f'<svg class="vt-icon vt-icon-{name}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
            f'focusable="false" style="color:{colour or col};display:inline-block;width:1.05em;height:1.05em;'
            f'vertical-align:-0.15em">{body}</svg>')


def badge(name: str, label: str, *, colour: str | None = None) -> str:
    """Icon plus its word (``label`` is escaped) – the meaning is in the word."""
    return f'<span class="vt-badge" style="white-space:nowrap">{icon(name, colour=colour)}\u00a0{escape(label)}</span>'
