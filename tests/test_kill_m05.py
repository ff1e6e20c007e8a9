"""Module 05 models (course_lib/m05_kundenbindung/model.py) pinned exactly: the German refusal
of every bad input (name, range, unit), the accepted bounds, the defaults, the CLV / churn /
scenario / NPS values the widgets show, and the data-file loaders. Written against the
mutation survivors of the model (``python -m course_lib.authoring.mutation
"course_lib.m05_kundenbindung.model*"``); fast, no widgets."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from course_lib.errors import CourseInputError
from course_lib.m05_kundenbindung import model as m

NB = "\u00a0"
DATA = Path(m.__file__).with_name("data")


def _raw(name: str) -> dict:
    return json.loads((DATA / name).read_text("utf-8"))


def _error(call) -> tuple[str, str]:
    with pytest.raises(CourseInputError) as exc:
        call()
    return exc.value.message, exc.value.hint


def _range(name, lo, hi, given, unit=""):
    u = f"{NB}{unit}" if unit else ""
    return (f"„{name}“ muss zwischen {lo} und {hi}{u} liegen; eingegeben: {given}{u}.",
            f"Bitte wählen Sie einen Wert zwischen {lo} und {hi}{u}.")


INTEGER_HINT = "Bitte runden Sie auf eine ganze Zahl."
SIGN_LIST = ("Bitte wählen Sie eine davon: „neukunden“, „reklamation“, „sporadisch“, „service“, "
             "„abwechslung“, „preis“, „bedarf“, „personal“.")

# -- every refusal, word for word ------------------------------------------------------------

REFUSALS = [
    (lambda: m.clv(100_001, 0.9, 0.1), _range("Marge pro Jahr", 0, "100.000", "100.001", "€")),
    (lambda: m.yearly_value(-1, 0.9, 0.1), _range("Marge pro Jahr", 0, "100.000", "−1", "€")),
    (lambda: m.expected_lifetime(1.2), _range("Bindungsrate", 0, "0,99", "1,2")),
    (lambda: m.margin_multiplier(-0.01, 0.1), _range("Bindungsrate", 0, "0,99", "−0,01")),
    (lambda: m.margin_multiplier(0.5, 0.4), _range("Diskontsatz", 0, "0,3", "0,4")),
    (lambda: m.clv(1000, 0.5, -0.01), _range("Diskontsatz", 0, "0,3", "−0,01")),
    (lambda: m.clv(1000, 0.5, 0.1, 100_001), _range("Akquisitionskosten", 0, "100.000", "100.001", "€")),
    (lambda: m.cumulative_value(1000, 0.5, 0.1, -1), _range("Akquisitionskosten", 0, "100.000", "−1", "€")),
    (lambda: m.referred_customers(0.5, 0.1, 1.5), _range("Empfehlungen pro Jahr", 0, 1, "1,5")),
    (lambda: m.clv(1000, 0.5, 0.1, 0, -0.1), _range("Empfehlungen pro Jahr", 0, 1, "−0,1")),
    (lambda: m.cumulative_value(1000, 0.5, 0.1, years=51), _range("Zeithorizont", 1, 50, 51, "Jahre")),
    (lambda: m.cumulative_value(1000, 0.5, 0.1, years=0), _range("Zeithorizont", 1, 50, 0, "Jahre")),
    (lambda: m.cumulative_value(1000, 0.5, 0.1, years=2.5),
     ("„Zeithorizont“ muss eine ganze Zahl sein, nicht 2,50.", INTEGER_HINT)),
    (lambda: m.compare_retention(1000, 0.5, 0.1, delta_pp=21),
     _range("Zusätzliche Bindung", 0, 20, 21, "Prozentpunkte")),
    (lambda: m.compare_retention(1000, 0.5, 0.1, delta_pp=-1),
     _range("Zusätzliche Bindung", 0, 20, "−1", "Prozentpunkte")),
    (lambda: m.survival(1.0), _range("Abwanderungsrisiko pro Monat", 0, "0,99", 1)),
    (lambda: m.survival(-0.01), _range("Abwanderungsrisiko pro Monat", 0, "0,99", "−0,01")),
    (lambda: m.survival(0.01, 121), _range("Monate", 1, 120, 121)),
    (lambda: m.survival(0.01, 0), _range("Monate", 1, 120, 0)),
    (lambda: m.survival(0.01, 1.5), ("„Monate“ muss eine ganze Zahl sein, nicht 1,50.", INTEGER_HINT)),
    (lambda: m.yearly_retention(1.0), _range("Abwanderungsrisiko pro Monat", 0, "0,99", 1)),
    (lambda: m.yearly_retention(-0.01), _range("Abwanderungsrisiko pro Monat", 0, "0,99", "−0,01")),
    (lambda: m.risk_level(1.01), _range(f"Risiko in 12{NB}Monaten", 0, 1, "1,01")),
    (lambda: m.risk_level(-0.01), _range(f"Risiko in 12{NB}Monaten", 0, 1, "−0,01")),
    (lambda: m.churn_hazard({}, 0.06), _range("Grundrisiko pro Monat", 0, "0,05", "0,06")),
    (lambda: m.churn_hazard({}, -0.01), _range("Grundrisiko pro Monat", 0, "0,05", "−0,01")),
    (lambda: m.churn_check({}, top_n=9), _range("Anzahl der Hauptgründe", 1, 8, 9)),
    (lambda: m.churn_check({}, top_n=0), _range("Anzahl der Hauptgründe", 1, 8, 0)),
    (lambda: m.churn_check({}, top_n=1.5),
     ("„Anzahl der Hauptgründe“ muss eine ganze Zahl sein, nicht 1,50.", INTEGER_HINT)),
    (lambda: m.churn_hazard({"gibtsnicht": 1}), ("„Warnsignal“: „gibtsnicht“ ist keine der möglichen Angaben.", SIGN_LIST)),
    (lambda: m.churn_hazard([0] * 7), ("„Schweregrade“ braucht genau 8 Einträge, nicht 7.",
                                       "Bitte passen Sie die Anzahl der Einträge an.")),
    (lambda: m.churn_hazard([0] * 9), ("„Schweregrade“ braucht genau 8 Einträge, nicht 9.",
                                       "Bitte passen Sie die Anzahl der Einträge an.")),
    (lambda: m.churn_hazard({"neukunden": 4}), _range("Stufe für Neukunden bevorzugt", 0, 3, 4)),
    (lambda: m.churn_hazard([0] * 7 + [-1]), _range("Stufe für Neuer Ansprechpartner", 0, 3, "−1")),
    (lambda: m.churn_hazard({"preis": 1.5}),
     ("„Stufe für Billigangebot der Konkurrenz“ muss eine ganze Zahl sein, nicht 1,50.", INTEGER_HINT)),
    (lambda: m.sign("x"), ("„Warnsignal“: „x“ ist keine der möglichen Angaben.", SIGN_LIST)),
    (lambda: m.situation("x"), ("„Situation“: „x“ ist keine der möglichen Angaben.",
                                "Bitte wählen Sie eine davon: „verzug“, „beschwerde“, „funkstille“, „wechsel“.")),
    (lambda: m.evaluate_choice("verzug", "z"), ("„Reaktion“: „z“ ist keine der möglichen Angaben.",
                                                "Bitte wählen Sie eine davon: „abwarten“, „mail“, „anrufen“, „nachfassen“.")),
    (lambda: m.scenario_summary([("verzug", "mail")]),
     ("Die Entscheidungen brauchen die Form Situation → Reaktion.",
      "Bitte übergeben Sie ein Wörterbuch, zum Beispiel {\"verzug\": \"b\"}.")),
    (lambda: m.nps([1] * 10), ("„Antworten je Skalenwert“ braucht genau 11 Einträge, nicht 10.",
                               "Bitte passen Sie die Anzahl der Einträge an.")),
    (lambda: m.nps([1] * 12), ("„Antworten je Skalenwert“ braucht genau 11 Einträge, nicht 12.",
                               "Bitte passen Sie die Anzahl der Einträge an.")),
    (lambda: m.nps([1] * 10 + [-1]), _range("Anzahl für Wert 10", 0, "1.000.000.000", "−1")),
    (lambda: m.nps([-1] + [1] * 10), _range("Anzahl für Wert 0", 0, "1.000.000.000", "−1")),
    (lambda: m.nps([1] * 10 + [1e9 + 1]), _range("Anzahl für Wert 10", 0, "1.000.000.000", "1.000.000.001")),
    (lambda: m.nps([0] * 11), ("Es gibt noch keine Antworten.", "Bitte tragen Sie mindestens eine Antwort ein.")),
]


@pytest.mark.parametrize("k", range(len(REFUSALS)))
def test_refusal_word_for_word(k):
    call, expected = REFUSALS[k]
    assert _error(call) == expected


def test_the_bounds_themselves_are_accepted():
    assert m.clv(100_000, 0.99, 0.3, 100_000, 1.0) == pytest.approx(100_000 * 0.99 / 0.31 * 2 - 100_000)
    assert m.clv(0, 0, 0) == 0.0
    assert len(m.cumulative_value(1000, 0.5, 0.1, years=50)) == 51
    assert len(m.cumulative_value(1000, 0.5, 0.1, years=1)) == 2
    assert m.compare_retention(1000, 0.5, 0.1, delta_pp=20).r_b == pytest.approx(0.7)
    assert list(m.survival(0.5, 1)) == [1.0, 0.5]
    assert len(m.survival(0.0, 120)) == 121
    assert m.yearly_retention(0.99) == pytest.approx(0.01 ** 12)
    assert m.churn_hazard({}, 0.05) == 0.05 and m.churn_hazard({}, 0) == 0
    assert len(m.churn_check({s: 3 for s in m.SIGN_IDS}, top_n=8).top) == 8
    assert m.churn_check({"preis": 3}, top_n=1).top == ["preis"]
    assert m.nps([0] * 10 + [1e9]) == 100.0


# -- defaults ----------------------------------------------------------------------------------

def test_defaults_no_referrals_five_points_twenty_years_three_reasons():
    assert m.referred_customers(0.8, 0.1) == 0.0
    assert m.yearly_value(1000, 0.8, 0.1) == 1000.0
    assert len(m.cumulative_value(1000, 0.8, 0.1)) == 21
    assert m.compare_retention(1000, 0.8, 0.1).r_b == pytest.approx(0.85)
    c = m.churn_check({s: 2 for s in m.SIGN_IDS})
    assert len(c.top) == 3 and len(c.cohort) == 37
    assert c.hazard == pytest.approx(0.005 + sum(s.weight for s in m.WARNING_SIGNS) * 2 / 100)


# -- Wert der Treue --------------------------------------------------------------------------

def test_cumulative_value_with_referrals_and_acquisition_cost():
    mult = 0.8 / 0.3
    cash = 1000 * (1 + 0.3 * mult)                       # q · M = 0,8 < 1: not capped
    c = m.cumulative_value(1000, 0.8, 0.1, 200, 0.3, years=3)
    expected = [-200] + [-200 + sum(cash * (0.8 / 1.1) ** t for t in range(1, n + 1)) for n in (1, 2, 3)]
    assert c == pytest.approx(expected)


def test_compare_retention_carries_every_field():
    c = m.compare_retention(1000, 0.8, 0.1, ac=300, referrals=0.25, delta_pp=10)
    assert (c.r_a, c.r_b) == (0.8, pytest.approx(0.9))
    assert c.clv_a == pytest.approx(1000 * 8 / 3 * (1 + 0.25 * 8 / 3) - 300)   # q · M = 0,67
    assert c.clv_b == pytest.approx(1000 * 4.5 * 2 - 300)                      # q · M = 1,125 → capped at 1
    assert (c.lifetime_a, c.lifetime_b) == (pytest.approx(5), pytest.approx(10))
    assert (c.multiplier_a, c.multiplier_b) == (pytest.approx(8 / 3), pytest.approx(4.5))
    assert not c.capped


def test_retention_exactly_99_percent_is_not_capped():
    assert not m.compare_retention(1000, 0.94, 0.1, delta_pp=5).capped
    assert m.compare_retention(1000, 0.94, 0.1, delta_pp=5).r_b == pytest.approx(0.99)
    assert m.compare_retention(1000, 0.95, 0.1, delta_pp=5).capped


def test_treue_result_values():
    res = m.treue_result(1000, 0.8, 0.1, ac=100, referrals=0.3, delta_pp=5, years=10)
    assert res.years == 10 and res.q == 0.3
    assert res.comparison == m.compare_retention(1000, 0.8, 0.1, 100, 0.3, 5)
    assert res.referred_a == pytest.approx(0.3 * 0.8 / 0.3)
    assert res.referred_b == pytest.approx(min(0.3 * 0.85 / 0.25, 1.0))
    assert res.referred_a == pytest.approx(0.8) and res.referred_b == pytest.approx(1.0)
    assert res.referrals_capped                               # 0,3 · 3,4 = 1,02 > 1 for rate B
    assert np.array_equal(res.curve_a, m.cumulative_value(1000, 0.8, 0.1, 100, 0.3, 10))
    assert np.array_equal(res.curve_b, m.cumulative_value(1000, 0.85, 0.1, 100, 0.3, 10))
    assert len(res.curve_a) == 11 and res.curve_a[0] == -100
    assert res.horizon_a == float(res.curve_a[-1]) and res.horizon_b == float(res.curve_b[-1])
    assert not res.long_lifetime                              # 5 and 6,7 years


def test_treue_result_referrals_cap_only_when_exceeded():
    plain = m.treue_result(1000, 0.8, 0.1, referrals=0.2)     # 0,53 and 0,68: no cap
    assert not plain.referrals_capped
    assert plain.referred_a == pytest.approx(0.2 * 8 / 3)
    exact = m.treue_result(1000, 0.5, 0.0, referrals=1.0, delta_pp=0)   # q · M = 1 exactly: not more than the cap
    assert not exact.referrals_capped and exact.referred_a == 1.0
    assert m.treue_result(1000, 0.8, 0.1, referrals=0.5).referrals_capped   # 0,5 · 2,67 = 1,33 > 1
    assert m.treue_result(1000, 0.95, 0.1).long_lifetime      # 1/(1 − 0,99) = 100 years
    assert not m.treue_result(1000, 0.9, 0.1, delta_pp=5).long_lifetime   # 10 and (about) 20 years


def test_treue_result_defaults():
    res = m.treue_result(1000, 0.8, 0.1)
    assert res.years == 20 and len(res.curve_a) == 21 and res.q == 0.0
    assert res.comparison.r_b == pytest.approx(0.85) and res.curve_a[0] == 0.0


# -- Abwanderungs-Check ----------------------------------------------------------------------

def test_churn_check_carries_every_field():
    sev = {"reklamation": 2, "preis": 1}
    c = m.churn_check(sev, h0=0.01, months=12)
    w = {s.id: s.weight for s in m.WARNING_SIGNS}
    assert c.severities == {k: sev.get(k, 0) for k in m.SIGN_IDS}
    assert c.contributions == {k: pytest.approx(w[k] / 100 * sev.get(k, 0)) for k in m.SIGN_IDS}
    h = 0.01 + (2 * w["reklamation"] + w["preis"]) / 100
    assert c.hazard == pytest.approx(h)
    assert c.retention == pytest.approx((1 - h) ** 12) and c.risk_12m == pytest.approx(1 - (1 - h) ** 12)
    assert c.top == ["reklamation", "preis"]
    assert len(c.cohort) == 13 and c.cohort[12] == pytest.approx(100 * (1 - h) ** 12)


def test_risk_level_band_edges():
    assert m.risk_level(0) == "gering" and m.risk_level(0.1499) == "gering"
    assert m.risk_level(0.15) == "erhöht" and m.risk_level(0.3499) == "erhöht"
    assert m.risk_level(0.35) == "hoch" and m.risk_level(1) == "hoch"


# -- Proaktiver Service ----------------------------------------------------------------------

@pytest.mark.parametrize("points,label", [
    (3, f"+3{NB}Bindungspunkte"), (1, f"+1{NB}Bindungspunkt"), (0, f"0{NB}Bindungspunkte"),
    (-1, f"−1{NB}Bindungspunkt"), (-2, f"−2{NB}Bindungspunkte"), (2, f"+2{NB}Bindungspunkte"),
])
def test_points_label(points, label):
    assert m.points_label(points) == label


RATINGS = {   # (situation, option): (kind, title) – best positive, other positive, zero, negative
    ("verzug", "anrufen"): ("ok", "Starke Wirkung"),
    ("verzug", "mail"): ("partial", "Teilweise wirksam"),
    ("verzug", "nachfassen"): ("info", "Bewirkt wenig"),
    ("verzug", "abwarten"): ("wrong", "Schadet der Bindung"),
    ("beschwerde", "kundennummer"): ("wrong", "Schadet der Bindung"),
    ("wechsel", "kennenlernen"): ("ok", "Starke Wirkung"),
    ("wechsel", "empfehlung"): ("partial", "Teilweise wirksam"),
}


@pytest.mark.parametrize("key", list(RATINGS))
def test_rate_reaction(key):
    r = m.rate_reaction(*key)
    assert (r.kind, r.title) == RATINGS[key]
    assert r.option == m.evaluate_choice(*key)
    assert r.points_label == m.points_label(r.option.points)


def test_rate_reaction_best_needs_positive_points(monkeypatch):
    """A situation whose best reaction has 0 points: that one „bewirkt wenig“, it is no „Starke Wirkung“."""
    s = m.situation("verzug")
    flat = m.Situation(s.id, s.title, s.text, tuple(m.Option(o.id, o.text, min(o.points, 0), o.effect, o.explanation)
                                                    for o in s.options))
    monkeypatch.setitem(m._SITUATIONS, "verzug", flat)
    assert (m.rate_reaction("verzug", "anrufen").kind, m.rate_reaction("verzug", "anrufen").title) == ("info", "Bewirkt wenig")


def test_rate_reaction_best_with_one_point_is_strong(monkeypatch):
    """The best reaction counts as „Starke Wirkung“ as soon as it has a positive score, even +1."""
    s = m.situation("verzug")
    low = m.Situation(s.id, s.title, s.text, tuple(m.Option(o.id, o.text, min(o.points, 1), o.effect, o.explanation)
                                                   for o in s.options))
    monkeypatch.setitem(m._SITUATIONS, "verzug", low)
    assert (m.rate_reaction("verzug", "anrufen").kind, m.rate_reaction("verzug", "mail").title) == ("ok", "Starke Wirkung")


def test_scenario_summary_thresholds_and_texts():
    assert m.scenario_summary({}) == m.ScenarioSummary(0, 0, 0, "noch keine Entscheidung")
    two = m.scenario_summary({"verzug": "anrufen", "beschwerde": "kundennummer", "wechsel": "kennenlernen",
                              "funkstille": "nichts"})           # 3 − 1 + 3 − 1 = 4 → 1 per situation
    assert (two.points, two.answered, two.max_points) == (4, 4, 12)
    assert two.verdict == "zufrieden, aber wechselbereit"
    assert m.scenario_summary({"verzug": "mail", "beschwerde": "zuhoeren"}).verdict == "treu – der Kunde fühlt sich sicher"  # 4/2 = 2
    half = m.scenario_summary({"verzug": "mail", "beschwerde": "gutschein"})     # (1 + 0) / 2 = 0,5
    assert half.verdict == "zufrieden, aber wechselbereit"
    low = m.scenario_summary({"verzug": "mail", "beschwerde": "gutschein", "funkstille": "angebot"})  # 1/3 < 0,5
    assert low.verdict == "Abwanderung droht"
    three = m.scenario_summary({"verzug": "anrufen", "beschwerde": "zuhoeren", "funkstille": "nichts"})  # 5/3 < 2
    assert three.verdict == "zufrieden, aber wechselbereit"


# -- NPS -------------------------------------------------------------------------------------

def test_nps_seven_and_eight_are_passives():
    assert m.nps([0] * 7 + [10, 0, 0, 0]) == 0.0          # only 7s
    assert m.nps([0] * 8 + [10, 0, 0]) == 0.0             # only 8s
    assert m.nps([0] * 6 + [1, 1, 0, 0, 2]) == 25.0       # (2 − 1) / 4
    assert m.nps([1] + [0] * 10) == -100.0


# -- data files ------------------------------------------------------------------------------

def test_data_reads_the_package_file_with_its_schema(monkeypatch):
    import course_lib.content as content

    seen = []
    real = content.read_json_file
    monkeypatch.setattr(content, "read_json_file", lambda path, schema: seen.append((path, schema)) or real(path, schema))
    doc = m._data("warnsignale.json", "warnsignale")
    assert doc == _raw("warnsignale.json")
    (path, schema), = seen
    assert schema == "warnsignale" and path.name == "warnsignale.json" and Path(str(path)).parent == DATA


def test_loaders_ask_for_their_file_and_schema(monkeypatch):
    seen = []
    real = m._data
    monkeypatch.setattr(m, "_data", lambda f, s: seen.append((f, s)) or real(f, s))
    m._load_signs()
    m._load_situations()
    assert seen == [("warnsignale.json", "warnsignale"), ("proaktiver_service.json", "proaktiver_service")]


def test_load_signs_reads_every_field():
    doc = _raw("warnsignale.json")
    labels, tags, levels, signs = m._load_signs()
    assert labels == {g["id"]: g["label"] for g in doc["groups"]}
    assert tags == {g["id"]: g["tag"] for g in doc["groups"]}
    assert levels == dict(enumerate(doc["levels"]))
    assert signs == tuple(m.WarningSign(s["id"], s["label"], s["group"], float(s["weight"]), s["signal"], s["measure"])
                          for s in doc["signs"])
    assert all(isinstance(s.weight, float) for s in signs)


def test_load_situations_reads_every_field():
    doc = _raw("proaktiver_service.json")
    sits = m._load_situations()
    assert [(s.id, s.title, s.text) for s in sits] == [(s["id"], s["title"], s["text"]) for s in doc["situations"]]
    assert [[(o.id, o.text, o.points, o.effect, o.explanation) for o in s.options] for s in sits] == \
        [[(o["id"], o["text"], o["points"], o["effect"], o["explanation"]) for o in s["options"]] for s in doc["situations"]]


HINT = "Bitte korrigieren Sie die Datei oder nehmen Sie die Originalfassung des Kurses."


@pytest.mark.parametrize("change,problems", [
    (lambda d: d["groups"].pop(), "jede Gruppe (eigen, kunde) muss genau einmal vorkommen"),
    (lambda d: d["signs"].append(dict(d["signs"][0])), "eine Kennung eines Warnsignals kommt doppelt vor"),
    (lambda d: [s.update(group="kunde") for s in d["signs"]], "jede Gruppe braucht mindestens ein Warnsignal"),
    (lambda d: (d["groups"].pop(), d["signs"].append(dict(d["signs"][0]))),
     "jede Gruppe (eigen, kunde) muss genau einmal vorkommen; eine Kennung eines Warnsignals kommt doppelt vor"),
])
def test_load_signs_refuses_a_broken_file_word_for_word(monkeypatch, change, problems):
    doc = _raw("warnsignale.json")
    change(doc)
    monkeypatch.setattr(m, "_data", lambda _f, _s: doc)
    assert _error(m._load_signs) == (f"Die Datei „warnsignale.json“ ist fehlerhaft: {problems}.", HINT)
