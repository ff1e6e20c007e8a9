"""Self-test of the browser layout check: a planted page with a long radio option, a slider
squeezed by its long label, a cut button, a shrunk plot image, a plot label pushed out of
its figure, a table that scrolls sideways without a cue, a 9-px footnote and a plot with 5-px
text must trip every kind of check (the healthy side is every course notebook in
test_notebooks_browser.py)."""
from __future__ import annotations

import pytest

from . import layout
from .harness import FIXTURES

pytestmark = pytest.mark.browser


def test_layout_check_fails_on_planted_fixture(lab):
    nbp = lab.open(FIXTURES / "layout_broken.ipynb")
    try:
        nbp.run_all()
        r = layout.check_widths(nbp, widths=(650,))[650]
        text = "\n".join(layout.problems_text(r, limit=200))
        print(f"layout_broken @650: {layout.counts(r)}")
        assert any("Gespeicherte Läufe" in p for p in r["cut"]), text          # the cut button
        assert any("umbrechen" in p or "noch eine" in p for p in r["overlap"]), text  # the long radio option
        assert any("Abwimmelquote" in p for p in r["short_slider"]), text     # the squeezed slider
        assert any("%)" in p for p in r["shrunk_plot"]), text                  # the shrunk image
        assert any("Spalte13_mit_langem_Inhalt" in p and "beyond the output" in p for p in r["cut"]), text  # the wide table
        assert any("Breit0" in p and "without a visible cue" in p for p in r["cut"]), text  # the table scrolling unseen
        assert any("Winzige Fußnote" in p for p in r["small_text"]), text      # the 9-px footnote
        assert any("winzige Schrift" in p and "title" in p for p in r["small_text"]), text  # the 5-px plot title
        assert any("Abgeschnittene Achse" in p and "cut by the chart" in p for p in r["cut"]), text  # SVG: cut label
        assert any("Zwergschrift" in p for p in r["small_text"]), text          # SVG: 6-px text (2 px shown)
        assert any("Erster SVG-Text" in p and "Zweiter SVG-Text" in p for p in r["overlap"]), text  # SVG: overlap
        assert any("SVG chart shown at" in p for p in r["shrunk_plot"]), text  # SVG: a third of its width
        assert not layout.only_known(r), text  # the planted slider and button are not "known" problems
        assert r["clipped_artist"] == [], text  # at its start the LivePanel's plot is fine …
        sweep, states = layout.sweep_controls(nbp)
        print(f"layout_broken sweep ({states} states): {layout.counts(sweep)}")
        assert states == 2, states
        assert any("Marke" in p and "outside the figure" in p for p in sweep["clipped_artist"]), sweep  # … not at max
    finally:
        nbp.close()
