"""Module 03: the widgets driven programmatically (controls → views, German messages)."""
from __future__ import annotations

import re

import pytest

from course_lib.blocks import guard
from course_lib.m03_digitalisierung import view


class _Plain:
    """Read a view's HTML with non-breaking spaces as plain spaces."""

    def __init__(self, widget):
        self.widget = widget

    @property
    def value(self):
        return self.widget.value.replace("\u00a0", " ").replace("&nbsp;", " ")


def _view(w, i):
    return _Plain(w.view_box.children[i])


def _alt(w):
    return w.plots[0].alt.replace("\u00a0", " ")


def test_widget_registry_lists_all_factories():
    assert set(view.WIDGETS) == {"cross_channel", "mundpropaganda", "antwortzeit", "bass_diffusion"}
    for f in view.WIDGETS.values():
        w = f()
        assert "vt-live" in w.box._dom_classes and "vt-view" in w.view_box._dom_classes
        assert w.message.value == "" and w.plots and _alt(w)
        assert "Frage:" in w.header.value and "Was passiert" in w.header.value
        assert "Annahmen des Modells" in w.assumptions.value
        assert w._repr_mimebundle_()


def test_toy_models_say_so():
    assert "keine Messwerte" in view.mundpropaganda().assumptions.value
    assert "keine Messwerte" in view.antwortzeit().assumptions.value
    assert "keine Messwerte" in view.bass_diffusion().assumptions.value
    assert "keine Messwerte" not in view.cross_channel().assumptions.value  # real figures, not a model


def test_cross_channel_shows_gaps_and_both_readings():
    w = view.cross_channel()
    table = _view(w, 1)
    text = _view(w, 2)
    assert "fehlt (keine Angabe in der Quelle)" in table.value
    assert "+13,0 Prozentpunkte" in table.value and "+21,7 %" in table.value
    assert "+42,6 %" in table.value
    assert "kein Vergleich möglich" in text.value            # Buy & Collect without a reading
    assert "keine Angabe" in _alt(w)
    w.controls["lesart"].value = "prozentpunkte"
    assert "≈ 28,0 %" in table.value and "abgeleitet" in table.value
    assert "+15,0 Prozentpunkte" in table.value
    assert "28,0 Prozent" in _alt(w)
    w.controls["lesart"].value = "relativ"
    assert "≈ 37,4 %" in table.value and "„plus 15“ als relativer Zuwachs" in table.value
    assert "nur unter der gewählten Lesart" in text.value
    assert "37,4 Prozent" in _alt(w)


def test_cross_channel_selection_changes_views():
    w = view.cross_channel()
    w.controls["kennzahlen"].value = ("app", "reserve_collect")
    table = _view(w, 1).value
    assert "Informationen per App" in table and "Onlineshop" not in table
    assert table.count("fehlt (keine Angabe in der Quelle)") == 3
    assert "Ausgewählt: Informationen per App, Reserve & Collect" in _alt(w)
    w.controls["kennzahlen"].value = ("onlineshop", "mobil")
    assert "Größter Zuwachs in Prozentpunkten: <b>Mobil optimierte Website</b>" in _view(w, 2).value


def test_cross_channel_empty_selection_gives_german_message():
    w = view.cross_channel()
    n_err = len(guard.LAST_ERRORS)
    w.controls["kennzahlen"].value = ()
    assert "Es ist keine Kennzahl ausgewählt" in w.message.value and "Was tun?" in w.message.value
    assert "Keine Auswertung" in _view(w, 1).value and "Keine Darstellung" in _alt(w)  # no stale results
    assert len(guard.LAST_ERRORS) == n_err
    w.controls["kennzahlen"].value = ("mobil",)
    assert w.message.value == "" and "+26,0 Prozentpunkte" in _view(w, 1).value


def test_mundpropaganda_offline_vs_online():
    w = view.mundpropaganda()
    text = _view(w, 1)
    assert "Kanal offline" in _alt(w)
    offline = [int(x.replace(".", "")) for x in re.findall(r"erreicht im Mittel ([\d.]+)|Kunden ([\d.]+)", _alt(w))[0] if x]
    w.controls["kanal"].value = "online"
    w.controls["kontakte"].value = 20
    assert "Kanal online" in _alt(w) and "20 Kontakte" in _alt(w)
    assert "1.000 von 1.000" in text.value
    assert offline[0] < 50
    assert "Verzweigungsfaktor" in text.value


def test_mundpropaganda_is_deterministic_and_seed_matters():
    a, b = view.mundpropaganda(), view.mundpropaganda()
    for w in (a, b):
        w.controls["kanal"].value = "online"
        w.controls["kontakte"].value = 8
        w.controls["p"].value = 0.03
    assert _view(a, 1).value == _view(b, 1).value
    assert a.plots[0].png == b.plots[0].png
    b.controls["seed"].value = 2
    assert _view(a, 1).value != _view(b, 1).value


def test_mundpropaganda_negative_factor_below_one():
    w = view.mundpropaganda()
    w.controls["kanal"].value = "online"
    w.controls["kontakte"].value = 10
    w.controls["p"].value = 0.06
    w.controls["faktor"].value = 0.5
    assert "(Weitererzähl-Wahrscheinlichkeit 0,03)" in _view(w, 1).value


def test_mundpropaganda_bad_seed_gives_german_message():
    w = view.mundpropaganda()
    n_err = len(guard.LAST_ERRORS)
    w.controls["seed"].value = -5
    assert "Zufallsstart" in w.message.value and "Bitte wählen Sie einen Wert" in w.message.value
    assert "Keine Auswertung" in _view(w, 1).value and "Keine Darstellung" in _alt(w)
    assert len(guard.LAST_ERRORS) == n_err
    w.controls["seed"].value = 3
    assert w.message.value == "" and "Begeisterte Kundin" in _view(w, 1).value


def test_antwortzeit_direction_and_formats():
    w = view.antwortzeit()
    text = _view(w, 1)
    share = lambda: [int(x) for x in re.findall(r"<b>(\d+)\s%</b>", text.value)]
    night, always = share()
    assert night > always
    w.controls["zielzeit"].value = "240"
    night2, always2 = share()
    assert night2 > night and always2 > always
    assert "4 Stunden" in text.value
    w.controls["kundschaft"].value = list(view.PATIENCE)[2]
    night3, _ = share()
    assert night3 < night2
    w.controls["zielzeit"].value = "1,5"  # German decimal comma is accepted
    assert "binnen 1,5 Minuten" in text.value
    assert "Kurvendiagramm" in _alt(w)


@pytest.mark.parametrize("bad,fragment", [("abc", "keine Zahl"), ("0", "zwischen 1 und 2.880"), ("", "leer")])
def test_antwortzeit_bad_input_gives_german_message(bad, fragment):
    w = view.antwortzeit()
    n_err = len(guard.LAST_ERRORS)
    w.controls["zielzeit"].value = bad
    assert fragment in w.message.value and "Was tun?" in w.message.value
    assert "Keine Auswertung" in _view(w, 1).value and "Keine Darstellung" in _alt(w)
    fresh = view.antwortzeit()
    fresh.controls["zielzeit"].value = bad
    assert fresh.view_state() == w.view_state()          # the display depends only on the current values
    assert len(guard.LAST_ERRORS) == n_err
    w.controls["zielzeit"].value = "30"
    assert w.message.value == "" and "binnen 30 Minuten" in _view(w, 1).value


def test_updates_use_blitting():
    for name in ("mundpropaganda", "antwortzeit"):
        w = view.WIDGETS[name]()
        p = w.plots[0]
        full = p.full_draws
        first = list(w.controls)[1]
        c = w.controls[first]
        c.value = c.max if c.value != c.max else c.min
        assert p.full_draws == full and p.renders >= 2
    w = view.cross_channel()
    full = w.plots[0].full_draws
    w.controls["lesart"].value = "relativ"
    assert w.plots[0].full_draws == full


def test_bass_widget_fits_locafox_with_brief_values():
    w = view.bass_diffusion()
    text = _view(w, 1)
    assert "69,7 %" in text.value and "3,3 Prozentpunkte unter" in text.value
    w.controls["p"].value = 0.05
    w.controls["q"].value = 0.5
    assert "72,7 %" in text.value and "auf einen Prozentpunkt genau" in text.value
    assert "72,7 Prozent" in _alt(w)
    peak_fast = float(re.search(r"nach <b>([\d,]+) Jahren", text.value).group(1).replace(",", "."))
    w.controls["p"].value = 0.01
    peak_slow = float(re.search(r"nach <b>([\d,]+) Jahren", text.value).group(1).replace(",", "."))
    assert peak_slow > peak_fast
    assert w.plots[0].full_draws == 1
