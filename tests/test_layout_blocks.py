"""The shared layout blocks, kernel side: message boxes and icons without emoji, the accessible
slider keeps the ipywidgets API, buttons and dropdowns sized to their text, the course CSS
and the width probe travel with every panel."""
from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import pytest

from course_lib.blocks import css, icons, messages, panel, widthprobe
from course_lib.blocks.a11yslider import A11yFloatSlider, A11yIntSlider

ROOT = Path(__file__).resolve().parents[1]
# emoji blocks (pictographs, symbols & pictographs, transport, supplemental) and the emoji
# presentation selector; Debian's Chromium and many Linux hubs have no font for them
EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0F\u2B50\u2B55\u2705\u274C\u274E\u2753-\u2755\u2757]")


@pytest.mark.parametrize("kind", ["ok", "partial", "wrong", "hint", "info", "warn", "error", "saved"])
def test_message_box_has_svg_icon_and_word_no_emoji(kind):
    html = messages.box(kind, "Text <b>")
    assert not EMOJI.search(html), html
    assert '<svg class="vt-icon' in html and 'aria-hidden="true"' in html
    assert re.search(r"<b>[^<]+:</b>", html), "the meaning must be in a word, not only in the icon"
    assert "Text &lt;b&gt;" in html


def test_no_emoji_in_course_code():
    bad = []
    for p in sorted((ROOT / "course_lib").rglob("*.py")):
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if EMOJI.search(line):
                bad.append(f"{p.relative_to(ROOT)}:{i}: {line.strip()[:80]}")
    assert not bad, "emoji carry meaning without a font – use course_lib.blocks.icons:\n" + "\n".join(bad)


def test_every_icon_is_decorative_svg():
    for name in icons.NAMES:
        h = icons.icon(name)
        assert h.startswith("<svg") and 'aria-hidden="true"' in h and 'focusable="false"' in h
    assert "Achtung" in icons.badge("warn", "Achtung")


def test_slider_is_accessible_and_keeps_the_ipywidgets_api():
    s = panel.slider("Besuche pro Tag", 1.7, 1.0, 6.0, 0.1, unit="Anzahl")
    assert isinstance(s, A11yFloatSlider) and isinstance(s, w.FloatSlider)
    assert s._model_module == "anywidget" and s.description == "Besuche pro Tag (Anzahl)"
    assert s.vt_readout == "1,7" and s.vt_valuetext == "1,7 Anzahl"
    seen = []
    s.observe(lambda ch: seen.append(ch["new"]), names="value")
    s.value = 9.0  # clipped like an ipywidgets FloatSlider
    assert s.value == 6.0 and seen == [6.0] and s.vt_readout == "6,0"
    assert "vt-row" in s._vt_row._dom_classes and s in s._vt_row.children
    i = panel.slider("Kontakte", 2, 1, 4, 1, integer=True)
    assert isinstance(i, A11yIntSlider) and isinstance(i, w.IntSlider) and i.vt_readout == "2"
    for needle in ("type = 'range'", "htmlFor = id", "aria-valuetext", "data-lm-suppress-shortcuts"):
        assert needle in s._esm


def test_buttons_and_dropdowns_sized_to_their_text():
    b = panel.button("Gespeicherte Läufe löschen", icon="trash")
    assert b.layout.width == "auto" and "vt-btn" in b._dom_classes
    b2 = panel.button("x", layout=w.Layout(margin="2px"))
    assert b2.layout.width == "auto" and b2.layout.margin == "2px"
    d = panel.dropdown("Zeitraum", [("12 Monate", 12)], 12)
    assert d.layout.width == "auto" and d.layout.max_width == "100%"


def test_livepanel_carries_course_css_and_width_probe():
    s = panel.slider("a", 1, 0, 2, 0.1)
    lp = panel.LivePanel(title="T", question="Q?", controls={"a": s}, views=[w.HTML()], update=lambda v: None)
    kids = lp.box.children
    assert any("vt-css" in c._dom_classes for c in kids)
    assert any(isinstance(c, widthprobe.WidthProbe) for c in kids)
    assert "data-vt-css" in css.style_html() and "--vt-track-w" in css.CSS and "table.vt-table" in css.CSS
    n = len(kids)
    lp._repr_mimebundle_()
    assert len(lp.box.children) == n  # idempotent: no second style/probe
    box = css.styled(w.VBox([w.Button(description="x")]))
    assert "vt-block" in box._dom_classes and len(css.styled(box).children) == 2


def test_css_rules_keep_tracks_wide_and_labels_wrapping():
    c = css.CSS
    assert re.search(r"\.slider-container \{[^}]*min-width: 2[2-9]\dpx", c), "slider track must stay >= 220 px"
    assert re.search(r"\.widget-label \{[^}]*white-space: normal !important", c), "labels must wrap"
    assert re.search(r"\.jupyter-button[^{]*\{[^}]*width: auto !important", c), "buttons sized to text"


def test_selection_slider_is_accessible_and_keeps_the_api():
    from course_lib.blocks.a11yslider import A11ySelectionSlider

    s = panel.selection_slider("Marge pro Jahr", [("100 €", 100.0), ("1.000 €", 1000.0)], 1000.0)
    assert isinstance(s, A11ySelectionSlider) and isinstance(s, w.SelectionSlider)
    assert s.index == 1 and s.label == "1.000 €"
    s.index = 0
    assert s.value == 100.0
    assert "aria-valuetext" in s._esm and "_options_labels" in s._esm and "htmlFor = id" in s._esm


def test_choice_inputs_carry_the_shortcut_guard_themselves():
    """Lumino stops its shortcut search at the first element with data-lm-suppress-shortcuts,
    starting at the focused <input> – which itself matches the notebook's ':focus' selectors.
    On the fieldset alone, ArrowDown in a radio group moved focus to the next cell (found by
    the keyboard walk, tests/browser/keyboard.py)."""
    from course_lib.blocks.choices import _ESM

    build = _ESM[_ESM.index("function build()"):_ESM.index("function sync()")]
    assert 'input.setAttribute("data-lm-suppress-shortcuts", "true")' in build


def test_progress_refresh_says_it_refreshed(tmp_path, monkeypatch):
    """An unchanged table alone does not tell a learner that "Aktualisieren" worked."""
    monkeypatch.setenv("VERTRIEB30_DATA_DIR", str(tmp_path))
    from course_lib.exercises.view import ProgressOverview

    p = ProgressOverview()
    assert p.message.value == ""
    p.refresh_button.click()
    assert "Aktualisiert: Stand" in p.message.value and "Uhr" in p.message.value


# -- shared look, round 2 (#17 screenshot review): tables, label column, small type, line height, buttons

def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_primary_buttons_are_white_on_dark_blue_with_aa_contrast():
    c = css.CSS
    rule = re.search(r"\.jupyter-button\.mod-primary\.vt-send \{([^}]*)\}", c)
    assert rule, "primary buttons need the course colours"
    bg = re.search(r"background-color: (#[0-9a-fA-F]{6})", rule.group(1)).group(1)
    assert "color: #fff" in rule.group(1)
    assert _contrast(bg, "#ffffff") >= 4.5, (bg, _contrast(bg, "#ffffff"))


def test_label_column_and_track_grow_with_the_panel_width():
    c = css.CSS
    fluid = re.search(r'\[style\*="--vt-panel-w"\] \{ --vt-label-w: clamp\(([^,]+), calc\(var\(--vt-panel-w\) \* ([0-9.]+)\), ([^)]+)\); '
                      r'--vt-track-w: clamp\((\d+)px, calc\(var\(--vt-panel-w\) \* ([0-9.]+)\), (\d+)px\)', c)
    assert fluid, "label column and track must be clamp()ed to the panel width"
    lo_label, share, hi_label, lo_track, tshare, hi_track = fluid.groups()
    assert lo_label == css.LABEL_W and int(lo_track) >= css.MIN_TRACK_PX  # never below the fixed layout
    # at 650 px of notebook (panel ≈ 560 px) the track keeps ≥ 220 px beside a 14.5-em label …
    assert max(int(lo_track), 560 * float(tshare)) >= 220
    # … and at 1600 px (panel ≈ 1450 px) the label column is wider than the fixed one
    assert 1450 * float(share) > 14.5 * 13 and hi_label.endswith("em") and float(hi_label[:-2]) > 14.5
    assert "setProperty('--vt-panel-w'" in widthprobe._ESM


def test_html_text_has_normal_line_height_and_small_print_is_readable():
    c = css.CSS
    m = re.search(r"\.widget-html-content:has\([^)]*\)\) \{ line-height: ([0-9.]+); \}", c)
    assert m and 1.3 <= float(m.group(1)) <= 1.6
    assert re.search(r":is\(small, sub, sup, \.vt-tag, \.vt-note\) \{ font-size: max\(12px", c)
    assert re.search(r"table\.vt-table \{[^}]*font-size: max\(12px", c)


def test_table_scroll_cue_and_compact_cells():
    c = css.CSS
    t = re.search(r"table\.vt-table \{([^}]*)\}", c).group(1)
    assert "overflow-x: auto" in t and t.count("no-repeat local") == 2 and t.count("no-repeat scroll") == 2
    assert "scrollbar-width: thin" in t
    assert re.search(r"table\.vt-table :is\(th, td\) \{ padding: 3px 5px !important", c)


def test_table_block_soft_hyphens_and_markup():
    from course_lib.blocks import table

    assert table.hyphenate("Selbstcheck: Kernpunkte abgedeckt") == "Selbst\u00adcheck: Kern\u00adpunkte ab\u00adgedeckt"
    assert table.hyphenate("Modul") == "Modul"  # unknown words unchanged
    assert table.header("Abschlussquote <b>") == "Abschluss\u00adquote &lt;b&gt;"
    html = table.table_html(["Besuche", "Abschlussquote"], [["1,7", "58 %"], ["2,0", "53 %"]], num=[1], highlight=0,
                            caption="Tabelle: Probe")
    assert html.startswith("<table class='vt-table'><caption>Tabelle: Probe</caption>")
    assert "<th scope='col' style=\"text-align:right\">Abschluss\u00adquote</th>" in html
    assert "class='vt-mark'" in html and html.count("<tr") == 3 and '<td class="vt-num">58 %</td>' in html
    for word, marked in table.BREAKS.items():
        assert marked.replace("|", "") == word and "|" in marked


def test_progress_table_headers_carry_soft_hyphens():
    from course_lib.exercises.view import _progress_table_html

    rows = [{"Modul": "01 Vertrieb", "Aufgaben": 4, "Selbstcheck: Kernpunkte abgedeckt": None, "Anteil gelöst": 0.25}]
    html = _progress_table_html(rows)
    assert "Auf\u00adgaben" in html and "Kern\u00adpunkte" in html and "An\u00adteil" in html


def test_answer_boxes_use_the_text_font_not_monospace():
    """Reflections and free-text answers are prose: every textarea in a course block gets the UI
    font (JupyterLab's widget default is monospace – found in the screenshot review)."""
    m = re.search(r"\(\.vt-live, [^)]*\.vt-reflection[^)]*\) textarea \{\{?\s*font-family: var\(--jp-ui-font-family\)", css.CSS)
    assert m, "textarea font rule missing"
