"""The course's shared CSS: one layout system for control rows, buttons, plots, message boxes
and tables, delivered as an ``ipywidgets.HTML`` holding a ``<style>`` element.

Why a ``<style>`` inside a widget: JupyterLab renders an ``ipywidgets.HTML`` value with
``innerHTML`` and no sanitizer (course_lib/m08_mimikresonanz/face.py relies on the same), and
a ``<style>`` element applies to the whole document. Every block that shows controls puts
:func:`style_widget` into its root box (LivePanel does it), so the rules are present wherever a
course widget is. All rules are scoped to the course's classes:

* ``.vt-live`` (every LivePanel) and ``.vt-block`` (any other course block that wants the
  same control layout – add the class to its root box and include :func:`style_widget`, or
  call :func:`styled`); the blocks ``.vt-poll``, ``.vt-quiz-item``, ``.vt-task`` and
  ``.vt-reflection``, ``.vt-progress``, ``.vt-export`` get the same rules whenever the CSS is on the page;
* ``.vt-btn`` (buttons made by :func:`course_lib.blocks.panel.button`), ``.vt-table``,
  ``.vt-msg``, ``.vt-plot``.

The control-row rules (measured in JupyterLab 4.6 + ipywidgets 8.1.9 + Chromium):

* label column: a fixed width (``--vt-label-w``) so every slider track of one panel starts at
  the same x; the label wraps instead of being cut with an ellipsis;
* slider track: a fixed basis of ``--vt-track-w`` (≥ 220 px), never shrinking – when a row is
  too narrow, the row wraps (track under the label) instead of squeezing the track;
* readout beside the track, sized to its text;
* dropdowns and buttons sized to their text (``width: auto``), wrapping when too long.
"""
from __future__ import annotations

import ipywidgets as widgets

LABEL_W = "14.5em"   # label column of a control row (about 190 px at JupyterLab's 13 px)
TRACK_W = "240px"    # slider track; the browser layout check requires ≥ 200 px
MIN_TRACK_PX = 220
# in a panel whose width the width probe reports: 30 % of the panel for the label column (at
# least the fixed 14.5em, at most 24em ≈ 310 px), 30 % for the track (240 … 360 px). At 650 px
# of notebook (panel ≈ 560 px) both stay at their minimum; at 1600 px a label of 60 characters
# takes two lines instead of four.
LABEL_W_FLUID = "clamp(14.5em, calc(var(--vt-panel-w) * 0.3), 24em)"
TRACK_W_FLUID = "clamp(240px, calc(var(--vt-panel-w) * 0.3), 360px)"
MIN_TEXT_PX = 12     # smallest CSS text size of the course (footnotes, table cells)
PRIMARY_BG = "#0b5394"  # primary button background: white text on it 7.8:1 (WCAG AA needs 4.5:1)

CSS = f"""
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) {{ --vt-label-w: {LABEL_W}; --vt-track-w: {TRACK_W}; }}
/* wider panels (widthprobe.py sets --vt-panel-w on the panel): label column and track grow with
   the panel, so long labels need fewer lines on a wide screen; one value per panel keeps the rows aligned */
:is(.vt-live, .vt-block)[style*="--vt-panel-w"] {{ --vt-label-w: {LABEL_W_FLUID}; --vt-track-w: {TRACK_W_FLUID}; }}
.vt-narrow {{ --vt-label-w: 5.5em; --vt-track-w: 220px; }}
/* answer boxes: learners write prose, not code – the UI font, not JupyterLab's monospace */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) textarea {{
  font-family: var(--jp-ui-font-family); font-size: var(--jp-widgets-font-size); line-height: 1.4; }}
/* control rows ---------------------------------------------------------------------- */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .vt-controls {{ max-width: 100%; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .vt-row {{ flex-wrap: wrap; align-items: center; max-width: 100%; width: auto; column-gap: 6px; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) :is(.widget-hslider, .widget-dropdown, .widget-text, .widget-inline-hbox.widget-select) {{
  width: auto !important; max-width: 100%; flex-wrap: wrap; height: auto; min-height: var(--jp-widgets-inline-height);
}}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) :is(.widget-hslider, .widget-dropdown, .widget-text) > .widget-label {{
  width: var(--vt-label-w) !important; min-width: 0; max-width: 100%; flex: 0 0 var(--vt-label-w);
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  line-height: 1.3; height: auto; text-align: left; padding-right: 6px; box-sizing: border-box;
  overflow-wrap: anywhere; hyphens: auto;
}}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-hslider > .slider-container {{
  flex: 0 0 var(--vt-track-w) !important; width: var(--vt-track-w); min-width: {MIN_TRACK_PX}px; max-width: 100%;
}}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-hslider > .widget-readout {{
  width: auto !important; min-width: 4.5em; max-width: none; overflow: visible !important;
  text-overflow: clip !important; white-space: nowrap; text-align: left; padding-left: 4px;
}}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .vt-readout {{ width: auto !important; min-width: 5em; white-space: nowrap; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-dropdown > select {{
  width: auto !important; min-width: 8em; max-width: 100%; flex: 0 1 auto;
}}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-checkbox {{ width: auto !important; max-width: 100%; height: auto; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-checkbox > label, :is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-checkbox .widget-label-basic {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto; line-height: 1.3;
}}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-checkbox label {{ align-items: flex-start; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-toggle-buttons {{ flex-wrap: wrap; height: auto; width: auto !important; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-toggle-buttons .widget-toggle-button {{ width: auto !important; }}
/* a one-line answer field does not stretch over a wide screen (a number field was 900px wide at 1600px) */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-text > input {{ max-width: 32em; }}
/* buttons: sized to their text, wrapping when longer than the row ------------------------ */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .jupyter-button, .jupyter-button.vt-btn, .vt-btn .jupyter-button {{
  width: auto !important; max-width: 100%; height: auto !important; min-height: var(--jp-widgets-inline-height);
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  line-height: 1.3; padding-top: 3px; padding-bottom: 3px; align-self: flex-start; flex: 0 1 auto;
}}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-hbox {{ flex-wrap: wrap; max-width: 100%; gap: 4px 0; }}
/* a checkbox row whose text is an HTML beside it (blocks/praxis.py): never wrap the text
   under the box – the row wrapping above would leave the box alone on its line */
/* one item of a sorting or ordering list (statement + its control): a rule above every item,
   so a statement that wraps below its control can never be read as the next item's */
/* at most 760px wide, so on a wide screen the control stays beside its statement (at 1600px
   the dropdown sat 800px right of the text); first lines on one baseline („Kategorie:“ sat 5px higher) */
.vt-item {{ border-top: 1px solid #c8c8c8; padding: 6px 0 4px; align-items: baseline !important; max-width: 760px !important; }}
.vt-item > .widget-html {{ flex: 1 1 260px; min-width: 0; }}
/* in a ruled item row the control's own label („Kategorie“, „Einordnung“) stands right before it,
   not in the label column: the statement is the row's label */
.vt-item :is(.widget-dropdown, .widget-text) > .widget-label {{ width: auto !important; flex: 0 0 auto !important; }}
/* a label_row's HTML label takes the same (fluid) column as the sliders' labels */
.vt-row > .vt-row-label {{ width: var(--vt-label-w) !important; flex: 0 0 var(--vt-label-w) !important; }}
/* plots: at most the available width, never a fixed blank gap --------------------------- */
.vt-plot {{ max-width: 100%; min-width: 0; }}
.vt-plot img {{ max-width: 100%; height: auto; display: block; }}
/* contrast (WCAG AA 4.5:1, axe color-contrast): ipywidgets' warning button and accordion header */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .jupyter-button.mod-warning {{ background-color: #a14a00; color: #fff; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .jupyter-widget-Collapse-header,
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .jupyter-widget-Collapse-header > span {{ color: #3a3a3a; }}
/* text in HTML widgets: ipywidgets sets its line-height to the control height (28 px), which
   spreads prompts and explanations apart; normal text spacing inside course blocks (a one-line
   HTML beside a control keeps its min-height, so nothing is clipped) */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export, .vt-glossary, .vt-quiz, .vt-klassenraum) :is(.widget-html, .widget-htmlmath) > .widget-html-content,
.widget-html-content:has(> :is(.vt-msg, .vt-table)) {{ line-height: 1.45; }}
/* an HTML widget never grows wider than its box because of a wide table inside: the table
   (display:block) scrolls itself, with its cue, instead of the whole view box scrolling without one */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) :is(.widget-html, .widget-htmlmath):has(table.vt-table) {{ max-width: 100%; min-width: 0; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export) .widget-html-content:has(> table.vt-table),
.widget-html-content:has(> table.vt-table) {{ min-width: 0; max-width: 100%; }}
/* small print stays readable: footnotes (<small>: „Im Bild markiert …“), markers (<sup>/<sub>) and tags
   (the glossary's „Modul 03“) never below {MIN_TEXT_PX} px */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export, .vt-glossary) :is(small, sub, sup, .vt-tag, .vt-note) {{ font-size: max({MIN_TEXT_PX}px, 0.83em); }}
/* primary buttons (Antwort prüfen, Senden, Exportdatei speichern …): white on a dark blue (7.8:1),
   JupyterLab's brand blue with white is 4.6:1 and reads as greyed out next to the grey buttons */
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export, .vt-quiz, .vt-klassenraum) .jupyter-button.mod-primary,
.jupyter-button.mod-primary.vt-btn, .jupyter-button.mod-primary.vt-send {{ background-color: {PRIMARY_BG}; color: #fff; font-weight: 600; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export, .vt-quiz, .vt-klassenraum) .jupyter-button.mod-primary:hover:enabled,
.jupyter-button.mod-primary.vt-btn:hover:enabled {{ background-color: #073763; }}
:is(.vt-live, .vt-block, .vt-poll, .vt-quiz-item, .vt-task, .vt-reflection, .vt-progress, .vt-export, .vt-quiz, .vt-klassenraum) .jupyter-button.mod-primary :is(i, .fa) {{ color: inherit; }}
/* message boxes and icons ---------------------------------------------------------------- */
.vt-msg {{ overflow-wrap: anywhere; }}
.vt-icon {{ display: inline-block; width: 1.05em; height: 1.05em; vertical-align: -0.15em; flex: none; }}
/* tables --------------------------------------------------------------------------------- */
/* compact cells (the block's padding wins over a module's inline padding), headers wrap at
   spaces and at soft hyphens (blocks/table.py puts them into long German words); text never
   below {MIN_TEXT_PX} px. A table still wider than its output scrolls sideways, with a visible cue:
   a shadow at every edge where columns are hidden (scroll shadows: the white covers scroll with
   the content, the shadows stay at the box's edges) and a scrollbar that is always drawn
   (classic, not an overlay that appears only while scrolling) */
table.vt-table {{ border-collapse: collapse; margin: 6px 0; max-width: 100%; font-size: max({MIN_TEXT_PX}px, 0.92em) !important;
  display: block; overflow-x: auto; scrollbar-width: thin; scrollbar-color: #8a8a8a #ececec;
  background:
    linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left center / 36px 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right center / 36px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) left center / 14px 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) right center / 14px 100% no-repeat scroll; }}
table.vt-table :is(th, td) {{ padding: 3px 5px !important; border-bottom: 1px solid #d0d0d0; vertical-align: top;
  text-align: inherit; white-space: normal; overflow-wrap: normal; hyphens: manual; line-height: 1.35; }}
table.vt-table th {{ font-weight: 600; border-bottom: 2px solid #888; background: rgba(0,0,0,.045); vertical-align: bottom; }}
table.vt-table :is(th, td).vt-num {{ text-align: right; white-space: nowrap; }}
table.vt-table caption {{ text-align: left; }}
.vt-table-wrap {{ overflow-x: auto; max-width: 100%; }}
"""


def style_html() -> str:
    """The ``<style>`` element (put it into any HTML output that must look right alone)."""
    return f'<style data-vt-css="1">{CSS}</style>'


def style_widget() -> widgets.HTML:
    """A zero-size ``ipywidgets.HTML`` holding the course's CSS; put it into a root box."""
    w = widgets.HTML(style_html(), layout=widgets.Layout(height="0px", margin="0", padding="0", overflow="hidden"))
    w.add_class("vt-css")
    return w


def styled(box: widgets.Box, cls: str = "vt-block") -> widgets.Box:
    """Give ``box`` the CSS class ``cls`` and put the course CSS into it (returns ``box``)."""
    box.add_class(cls)
    if not any(getattr(c, "_dom_classes", ()) and "vt-css" in c._dom_classes for c in box.children):
        box.children = (*box.children, style_widget())
    return box
