"""Module 09 models (course_lib/m09_gespraech/model.py) pinned exactly: the classifier's full
answer (kind, form, reasons, suggestion, tip) for typical questions, every German refusal word
for word, the accepted bounds, the midpoint / concession / funnel numbers the widgets show.
Written against the mutation survivors of the model (``python -m course_lib.authoring.mutation
"course_lib.m09_gespraech.model*"``); fast, no widgets.

The question table of tests/test_m09_gespraech.py is run here again by index: its test ids
carry umlauts, which mutmut cannot pass back to pytest, so that file is not in the mutation
test selection."""
from __future__ import annotations

import pytest

from course_lib.errors import CourseInputError
from course_lib.m09_gespraech import model as m
from tests import test_m09_gespraech as unit


@pytest.mark.parametrize("k", range(len(unit.QUESTIONS)))
def test_question_table_by_index(k):
    unit.test_question_table(*unit.QUESTIONS[k])


def _error(call) -> tuple[str, str]:
    with pytest.raises(CourseInputError) as exc:
        call()
    return exc.value.message, exc.value.hint


# -- the classifier's whole answer -------------------------------------------------------------

ANALYSES = [
    ('Suchen Sie was Bestimmtes?', ('Suchen Sie was Bestimmtes?', 'geschlossen', 'Entscheidungsfrage (Verb zuerst)', False, ('Die Frage beginnt mit dem Verb „suchen“ – darauf antwortet man mit Ja oder Nein.',), 'Was führt Sie heute zu uns?', 'Eine der beiden Antworten kann das Gespräch beenden.')),
    ('Möchten Sie lieber Rot oder Blau?', ('Möchten Sie lieber Rot oder Blau?', 'geschlossen', 'Alternativfrage (Verb zuerst, zwei Möglichkeiten)', False, ('Die Frage beginnt mit dem Verb „möchten“ und bietet mit „oder“ nur vorgegebene Möglichkeiten an.',), 'Wie stellen Sie sich Ihr ideales Modell vor?', 'Eine der beiden Antworten kann das Gespräch beenden.')),
    ('Sie kommen zurecht?', ('Sie kommen zurecht?', 'geschlossen', 'Aussagefrage (Satzstellung einer Aussage)', False, ('Der Satz ist wie eine Aussage gebaut und wird nur durch das Fragezeichen zur Frage; erwartet wird Ja oder Nein.',), 'Was führt Sie heute zu uns?', '')),
    ('Alles klar?', ('Alles klar?', 'geschlossen', 'Kurzfrage', False, ('Die Frage besteht nur aus ein oder zwei Wörtern; die Antwort ist meist Ja oder Nein.',), 'Welche Punkte sind für Sie noch offen?', '')),
    ('Sie wollen doch sicher das Beste für Ihr Team?', ('Sie wollen doch sicher das Beste für Ihr Team?', 'suggestiv', 'Suggestivfrage', False, ('Das Wort „doch“ unterstellt die erwartete Antwort.', 'Ein Gewissheitswort (etwa „sicher“, „natürlich“) gibt die Antwort schon vor.'), 'Was ist Ihnen dabei besonders wichtig?', 'Suggestivfragen drängen zu einer Antwort. Fragen Sie neutral nach.')),
    ('Das passt doch gut, oder?', ('Das passt doch gut, oder?', 'suggestiv', 'Suggestivfrage', False, ('Das Wort „doch“ unterstellt die erwartete Antwort.', 'Ein angehängtes „oder?“ fordert Zustimmung ein.'), 'Was ist Ihnen dabei besonders wichtig?', 'Suggestivfragen drängen zu einer Antwort. Fragen Sie neutral nach.')),
    ('Was führt Sie heute zu uns?', ('Was führt Sie heute zu uns?', 'offen', 'W-Frage', True, ('Die Frage beginnt mit dem W-Wort „was“.',), '', '')),
    ('Wann passt es Ihnen am besten?', ('Wann passt es Ihnen am besten?', 'offen', 'W-Frage (eng: fragt nach einer einzelnen Angabe)', True, ('Die Frage beginnt mit dem W-Wort „wann“.',), '', 'Die Frage ist offen, erfragt aber nur eine Angabe. Für mehr Gesprächsstoff eignen sich „wie“, „was“ oder „welche“.')),
    ('Wo drückt der Schuh?', ('Wo drückt der Schuh?', 'offen', 'W-Frage', True, ('Die Frage beginnt mit dem W-Wort „wo“.',), '', '')),
    ('Wie viele Mitarbeiter nutzen das System', ('Wie viele Mitarbeiter nutzen das System', 'offen', 'W-Frage (eng: fragt nach einer einzelnen Angabe)', True, ('Die Frage beginnt mit dem W-Wort „wie“.',), '', 'Am Ende fehlt noch das Fragezeichen. Die Frage ist offen, erfragt aber nur eine Angabe. Für mehr Gesprächsstoff eignen sich „wie“, „was“ oder „welche“.')),
    ('Können Sie mir sagen, wie Sie heute vorgehen?', ('Können Sie mir sagen, wie Sie heute vorgehen?', 'offen', 'höfliche W-Frage (Verb zuerst mit W-Nebensatz)', True, ('Der Satz beginnt mit dem Verb „können“, die eigentliche Frage steckt aber im Nebensatz mit „wie“.',), '', 'Sie können die Hülle weglassen und direkt mit dem W-Wort beginnen.')),
    ('Erzählen Sie mal, wie läuft es?', ('Erzählen Sie mal, wie läuft es?', 'offen', 'Erzählaufforderung', True, ('Die Aufforderung beginnt mit „erzählen“ und lädt zum Erzählen ein.',), '', 'Formal ist das keine Frage, sie öffnet das Gespräch aber genauso.')),
    ('Rufen Sie mich morgen an.', ('Rufen Sie mich morgen an.', 'keine_frage', 'Aufforderung oder Aussage', False, ('Der Satz beginnt mit dem Verb „rufen“, endet aber nicht mit einem Fragezeichen.',), '', 'Das klingt nach einer Bitte oder Aufforderung. Wenn Sie fragen möchten, setzen Sie ein Fragezeichen – oder beginnen Sie mit einem W-Wort.')),
    ('Das Wetter ist heute schön.', ('Das Wetter ist heute schön.', 'keine_frage', 'keine Frage', False, ('Der Satz beginnt weder mit einem W-Wort noch mit einem Verb und hat kein Fragezeichen.',), '', 'Das sieht nach einer Aussage aus. Formulieren Sie eine Frage an Ihr Gegenüber – am besten mit einem W-Wort wie „was“, „wie“ oder „welche“.')),
    ('???', ('???', 'keine_frage', 'keine Frage', False, ('Der Text enthält keine Wörter.',), '', 'Schreiben Sie eine ganze Frage, so wie Sie sie einer Kundin oder einem Kunden stellen würden.')),
    ('Im Vergleich wozu?', ('Im Vergleich wozu?', 'offen', 'W-Frage', True, ('Die Frage beginnt mit dem W-Wort „wozu“.',), '', '')),
    ('Guten Tag, Frau Meier, was ist Ihnen wichtig?', ('was ist Ihnen wichtig?', 'offen', 'W-Frage', True, ('Die Frage beginnt mit dem W-Wort „was“.',), '', '')),
    ('Also nun, passt das?', ('passt das?', 'geschlossen', 'Entscheidungsfrage (Verb zuerst)', False, ('Die Frage beginnt mit dem Verb „passt“ – darauf antwortet man mit Ja oder Nein.',), 'Was ist Ihnen dabei besonders wichtig?', 'Eine der beiden Antworten kann das Gespräch beenden.')),
    ('Kann ich Ihnen helfen', ('Kann ich Ihnen helfen', 'keine_frage', 'Aufforderung oder Aussage', False, ('Der Satz beginnt mit dem Verb „kann“, endet aber nicht mit einem Fragezeichen.',), '', 'Das klingt nach einer Bitte oder Aufforderung. Wenn Sie fragen möchten, setzen Sie ein Fragezeichen – oder beginnen Sie mit einem W-Wort.')),
    ('Seit wann arbeiten Sie mit uns?', ('Seit wann arbeiten Sie mit uns?', 'offen', 'W-Frage (eng: fragt nach einer einzelnen Angabe)', True, ('Die Frage beginnt mit dem W-Wort „wann“.',), '', 'Die Frage ist offen, erfragt aber nur eine Angabe. Für mehr Gesprächsstoff eignen sich „wie“, „was“ oder „welche“.')),
    ('Mit wem sprechen Sie noch?', ('Mit wem sprechen Sie noch?', 'offen', 'W-Frage (eng: fragt nach einer einzelnen Angabe)', True, ('Die Frage beginnt mit dem W-Wort „wem“.',), '', 'Die Frage ist offen, erfragt aber nur eine Angabe. Für mehr Gesprächsstoff eignen sich „wie“, „was“ oder „welche“.')),
    ('Ist das nicht ideal für Sie?', ('Ist das nicht ideal für Sie?', 'suggestiv', 'Suggestivfrage (Verb zuerst)', False, ('Eine verneinte Verb-zuerst-Frage („Wäre das nicht …?“, auch nach einem Komma) erwartet ein Ja.',), 'Was ist Ihnen dabei besonders wichtig?', 'Suggestivfragen drängen zu einer Antwort. Fragen Sie neutral nach.')),
    ('Warum nicht gleich zwei?', ('Warum nicht gleich zwei?', 'suggestiv', 'Suggestivfrage (mit W-Wort)', False, ('„Warum nicht …?“ setzt das Gegenüber unter Rechtfertigungsdruck.',), 'Was ist Ihnen dabei besonders wichtig?', 'Suggestivfragen drängen zu einer Antwort. Fragen Sie neutral nach.')),
    ('Das Angebot ist also in Ordnung?', ('Das Angebot ist also in Ordnung?', 'geschlossen', 'Aussagefrage (Satzstellung einer Aussage)', False, ('Der Satz ist wie eine Aussage gebaut und wird nur durch das Fragezeichen zur Frage; erwartet wird Ja oder Nein.',), 'Was ist Ihnen dabei besonders wichtig?', '')),
    ('Wie lange nutzen Sie das schon?', ('Wie lange nutzen Sie das schon?', 'offen', 'W-Frage (eng: fragt nach einer einzelnen Angabe)', True, ('Die Frage beginnt mit dem W-Wort „wie“.',), '', 'Die Frage ist offen, erfragt aber nur eine Angabe. Für mehr Gesprächsstoff eignen sich „wie“, „was“ oder „welche“.')),
    ('Haben Sie Fragen zum Preis?', ('Haben Sie Fragen zum Preis?', 'geschlossen', 'Entscheidungsfrage (Verb zuerst)', False, ('Die Frage beginnt mit dem Verb „haben“ – darauf antwortet man mit Ja oder Nein.',), 'Woran machen Sie fest, ob sich die Anschaffung für Sie lohnt?', 'Eine der beiden Antworten kann das Gespräch beenden.')),
    ('Darf ich fragen, welche Ziele Sie haben?', ('Darf ich fragen, welche Ziele Sie haben?', 'offen', 'höfliche W-Frage (Verb zuerst mit W-Nebensatz)', True, ('Der Satz beginnt mit dem Verb „darf“, die eigentliche Frage steckt aber im Nebensatz mit „welche“.',), '', 'Sie können die Hülle weglassen und direkt mit dem W-Wort beginnen.')),
    ('Noch etwas?', ('Noch etwas?', 'geschlossen', 'Kurzfrage', False, ('Die Frage besteht nur aus ein oder zwei Wörtern; die Antwort ist meist Ja oder Nein.',), 'Was ist Ihnen dabei besonders wichtig?', '')),
    ('Erzählen Sie uns davon.', ('Erzählen Sie uns davon.', 'offen', 'Erzählaufforderung', True, ('Die Aufforderung beginnt mit „erzählen“ und lädt zum Erzählen ein.',), '', 'Formal ist das keine Frage, sie öffnet das Gespräch aber genauso.')),
    ('Beschreiben Sie es bitte.', ('Beschreiben Sie es bitte.', 'offen', 'Erzählaufforderung', True, ('Die Aufforderung beginnt mit „beschreiben“ und lädt zum Erzählen ein.',), '', 'Formal ist das keine Frage, sie öffnet das Gespräch aber genauso.')),
    ('Hallo. Kann ich helfen? Wir haben viel.', ('Kann ich helfen?', 'geschlossen', 'Entscheidungsfrage (Verb zuerst)', False, ('Die Frage beginnt mit dem Verb „kann“ – darauf antwortet man mit Ja oder Nein.',), 'Was führt Sie heute zu uns?', 'Eine der beiden Antworten kann das Gespräch beenden.')),
    ('Sie legen natürlich Wert auf Qualität', ('Sie legen natürlich Wert auf Qualität', 'keine_frage', 'keine Frage', False, ('Der Satz beginnt weder mit einem W-Wort noch mit einem Verb und hat kein Fragezeichen.',), '', 'Das sieht nach einer Aussage aus. Formulieren Sie eine Frage an Ihr Gegenüber – am besten mit einem W-Wort wie „was“, „wie“ oder „welche“.')),
    # a filler before a single word, one word only, a two-letter first word, a verb in -t, the
    # invitation partners „mir“ / „mal“, a W-word as the second-last word
    ('Na klar?', ('klar?', 'geschlossen', 'Kurzfrage', False, ('Die Frage besteht nur aus ein oder zwei Wörtern; die Antwort ist meist Ja oder Nein.',), 'Welche Punkte sind für Sie noch offen?', '')),
    ('Fragen?', ('Fragen?', 'geschlossen', 'Kurzfrage', False, ('Die Frage besteht nur aus ein oder zwei Wörtern; die Antwort ist meist Ja oder Nein.',), 'Welche Punkte sind für Sie noch offen?', '')),
    ('An Sie denke ich oft?', ('An Sie denke ich oft?', 'geschlossen', 'Aussagefrage (Satzstellung einer Aussage)', False, ('Der Satz ist wie eine Aussage gebaut und wird nur durch das Fragezeichen zur Frage; erwartet wird Ja oder Nein.',), 'Was ist Ihnen dabei besonders wichtig?', '')),
    ('Klappt es?', ('Klappt es?', 'geschlossen', 'Entscheidungsfrage (Verb zuerst)', False, ('Die Frage beginnt mit dem Verb „klappt“ – darauf antwortet man mit Ja oder Nein.',), 'Was ist Ihnen dabei besonders wichtig?', 'Eine der beiden Antworten kann das Gespräch beenden.')),
    ('Erklären mir das bitte.', ('Erklären mir das bitte.', 'offen', 'Erzählaufforderung', True, ('Die Aufforderung beginnt mit „erklären“ und lädt zum Erzählen ein.',), '', 'Formal ist das keine Frage, sie öffnet das Gespräch aber genauso.')),
    ('Erzählen mal, wie es läuft.', ('Erzählen mal, wie es läuft.', 'offen', 'Erzählaufforderung', True, ('Die Aufforderung beginnt mit „erzählen“ und lädt zum Erzählen ein.',), '', 'Formal ist das keine Frage, sie öffnet das Gespräch aber genauso.')),
    ('Wie viele?', ('Wie viele?', 'offen', 'W-Frage (eng: fragt nach einer einzelnen Angabe)', True, ('Die Frage beginnt mit dem W-Wort „wie“.',), '', 'Die Frage ist offen, erfragt aber nur eine Angabe. Für mehr Gesprächsstoff eignen sich „wie“, „was“ oder „welche“.')),
]


@pytest.mark.parametrize("k", range(len(ANALYSES)))
def test_classifier_whole_answer(k):
    question, expected = ANALYSES[k]
    a = m.classify_question(question)
    assert (a.text, a.kind, a.form, a.is_open, a.reasons, a.suggestion, a.tip) == expected
    assert a.label == m.KIND_LABEL[a.kind]


# -- every refusal, word for word ------------------------------------------------------------

REFUSALS = [
    (lambda: m.midpoint_loss(999), '„Angebotspreis“ muss zwischen 1.000 und 100.000\xa0€ liegen; eingegeben: 999\xa0€.', 'Bitte wählen Sie einen Wert zwischen 1.000 und 100.000\xa0€.'),
    (lambda: m.midpoint_loss(100_001), '„Angebotspreis“ muss zwischen 1.000 und 100.000\xa0€ liegen; eingegeben: 100.001\xa0€.', 'Bitte wählen Sie einen Wert zwischen 1.000 und 100.000\xa0€.'),
    (lambda: m.midpoint_loss(12000, -1), '„Preisvorstellung des Kunden“ muss zwischen 0 und 100.000\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 100.000\xa0€.'),
    (lambda: m.midpoint_loss(12000, 100_001), '„Preisvorstellung des Kunden“ muss zwischen 0 und 100.000\xa0€ liegen; eingegeben: 100.001\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 100.000\xa0€.'),
    (lambda: m.midpoint_loss(12000, 7000, -1), '„Selbstkosten“ muss zwischen 0 und 100.000\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 100.000\xa0€.'),
    (lambda: m.midpoint_loss(12000, 7000, 100_001), '„Selbstkosten“ muss zwischen 0 und 100.000\xa0€ liegen; eingegeben: 100.001\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 100.000\xa0€.'),
    (lambda: m.midpoint_loss(12000, 13000), 'Die Preisvorstellung des Kunden liegt über Ihrem Angebotspreis – dann gibt es nichts zu verhandeln.', 'Bitte stellen Sie die Kundenvorstellung niedriger ein als den Angebotspreis.'),
    (lambda: m.midpoint_loss(12000, 7000, 12000), 'Die Selbstkosten liegen nicht unter dem Angebotspreis – so ein Angebot bringt keinen Gewinn.', 'Bitte wählen Sie Selbstkosten unter dem Angebotspreis (im Beispiel 9.000\xa0€ bei 12.000\xa0€).'),
    (lambda: m.midpoint_loss(follow_orders=51), '„Folgeaufträge“ muss zwischen 0 und 50 liegen; eingegeben: 51.', 'Bitte wählen Sie einen Wert zwischen 0 und 50.'),
    (lambda: m.midpoint_loss(follow_orders=-1), '„Folgeaufträge“ muss zwischen 0 und 50 liegen; eingegeben: −1.', 'Bitte wählen Sie einen Wert zwischen 0 und 50.'),
    (lambda: m.midpoint_loss(follow_orders=1.5), '„Folgeaufträge“ muss eine ganze Zahl sein, nicht 1,50.', 'Bitte runden Sie auf eine ganze Zahl.'),
    (lambda: m.concession_path(first_step=5001), '„Erster Nachlass“ muss zwischen 0 und 5.000\xa0€ liegen; eingegeben: 5.001\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 5.000\xa0€.'),
    (lambda: m.concession_path(first_step=-1), '„Erster Nachlass“ muss zwischen 0 und 5.000\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 5.000\xa0€.'),
    (lambda: m.concession_path(shrink=1.1), '„Schrumpffaktor der Nachlässe“ muss zwischen 0 und 1 liegen; eingegeben: 1,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 1.'),
    (lambda: m.concession_path(shrink=-0.1), '„Schrumpffaktor der Nachlässe“ muss zwischen 0 und 1 liegen; eingegeben: −0,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 1.'),
    (lambda: m.concession_path(customer_step=5001), '„Schritt des Kunden“ muss zwischen 0 und 5.000\xa0€ liegen; eingegeben: 5.001\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 5.000\xa0€.'),
    (lambda: m.concession_path(customer_step=-1), '„Schritt des Kunden“ muss zwischen 0 und 5.000\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 5.000\xa0€.'),
    (lambda: m.concession_path(customer_shrink=1.1), '„Schrumpffaktor des Kunden“ muss zwischen 0 und 1 liegen; eingegeben: 1,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 1.'),
    (lambda: m.concession_path(customer_shrink=-0.1), '„Schrumpffaktor des Kunden“ muss zwischen 0 und 1 liegen; eingegeben: −0,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 1.'),
    (lambda: m.concession_path(max_rounds=21), '„Runden“ muss zwischen 1 und 20 liegen; eingegeben: 21.', 'Bitte wählen Sie einen Wert zwischen 1 und 20.'),
    (lambda: m.concession_path(max_rounds=0), '„Runden“ muss zwischen 1 und 20 liegen; eingegeben: 0.', 'Bitte wählen Sie einen Wert zwischen 1 und 20.'),
    (lambda: m.concession_path(max_rounds=2.5), '„Runden“ muss eine ganze Zahl sein, nicht 2,50.', 'Bitte runden Sie auf eine ganze Zahl.'),
    (lambda: m.concession_path(gap_stop=5001), '„Abbruchlücke“ muss zwischen 0 und 5.000\xa0€ liegen; eingegeben: 5.001\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 5.000\xa0€.'),
    (lambda: m.concession_path(gap_stop=-1), '„Abbruchlücke“ muss zwischen 0 und 5.000\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 5.000\xa0€.'),
    (lambda: m.funnel(0), '„Kontakte“ muss zwischen 1 und 100.000 liegen; eingegeben: 0.', 'Bitte wählen Sie einen Wert zwischen 1 und 100.000.'),
    (lambda: m.funnel(100_001), '„Kontakte“ muss zwischen 1 und 100.000 liegen; eingegeben: 100.001.', 'Bitte wählen Sie einen Wert zwischen 1 und 100.000.'),
    (lambda: m.funnel(10.5), '„Kontakte“ muss eine ganze Zahl sein, nicht 10,50.', 'Bitte runden Sie auf eine ganze Zahl.'),
    (lambda: m.funnel(reach=0), '„Erreichbarkeit“ muss zwischen 0,01 und 1 liegen; eingegeben: 0.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel(reach=1.1), '„Erreichbarkeit“ muss zwischen 0,01 und 1 liegen; eingegeben: 1,1.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel(brushoff=-0.1), '„Abwimmelquote“ muss zwischen 0 und 0,99 liegen; eingegeben: −0,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,99.'),
    (lambda: m.funnel(brushoff=1), '„Abwimmelquote“ muss zwischen 0 und 0,99 liegen; eingegeben: 1.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,99.'),
    (lambda: m.funnel(appointment_rate=0), '„Terminquote“ muss zwischen 0,01 und 1 liegen; eingegeben: 0.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel(appointment_rate=1.1), '„Terminquote“ muss zwischen 0,01 und 1 liegen; eingegeben: 1,1.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel(mail_cost=-1), '„Kosten je Mailing“ muss zwischen 0 und 50\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 50\xa0€.'),
    (lambda: m.funnel(mail_cost=51), '„Kosten je Mailing“ muss zwischen 0 und 50\xa0€ liegen; eingegeben: 51\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 50\xa0€.'),
    (lambda: m.funnel(minutes_per_contact=0.4), '„Minuten je Kontakt“ muss zwischen 0,5 und 60\xa0min liegen; eingegeben: 0,4\xa0min.', 'Bitte wählen Sie einen Wert zwischen 0,5 und 60\xa0min.'),
    (lambda: m.funnel(minutes_per_contact=61), '„Minuten je Kontakt“ muss zwischen 0,5 und 60\xa0min liegen; eingegeben: 61\xa0min.', 'Bitte wählen Sie einen Wert zwischen 0,5 und 60\xa0min.'),
    (lambda: m.funnel(hourly_rate=-1), '„Stundensatz“ muss zwischen 0 und 500\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 500\xa0€.'),
    (lambda: m.funnel(hourly_rate=501), '„Stundensatz“ muss zwischen 0 und 500\xa0€ liegen; eingegeben: 501\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 500\xa0€.'),
    (lambda: m.funnel_spread(reach=0), '„Erreichbarkeit“ muss zwischen 0,01 und 1 liegen; eingegeben: 0.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel_spread(reach=1.1), '„Erreichbarkeit“ muss zwischen 0,01 und 1 liegen; eingegeben: 1,1.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel_spread(appointment_rate=0), '„Terminquote“ muss zwischen 0,01 und 1 liegen; eingegeben: 0.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel_spread(appointment_rate=1.1), '„Terminquote“ muss zwischen 0,01 und 1 liegen; eingegeben: 1,1.', 'Bitte wählen Sie einen Wert zwischen 0,01 und 1.'),
    (lambda: m.funnel_spread(mail_cost=-1), '„Kosten je Mailing“ muss zwischen 0 und 50\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 50\xa0€.'),
    (lambda: m.funnel_spread(mail_cost=51), '„Kosten je Mailing“ muss zwischen 0 und 50\xa0€ liegen; eingegeben: 51\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 50\xa0€.'),
    (lambda: m.funnel_spread(brushoff_mail=-0.1), '„Abwimmelquote mit Mailing“ muss zwischen 0 und 0,99 liegen; eingegeben: −0,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,99.'),
    (lambda: m.funnel_spread(brushoff_mail=1), '„Abwimmelquote mit Mailing“ muss zwischen 0 und 0,99 liegen; eingegeben: 1.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,99.'),
    (lambda: m.funnel_spread(brushoff_direct=-0.1), '„Abwimmelquote direkt“ muss zwischen 0 und 0,99 liegen; eingegeben: −0,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,99.'),
    (lambda: m.funnel_spread(brushoff_direct=1), '„Abwimmelquote direkt“ muss zwischen 0 und 0,99 liegen; eingegeben: 1.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,99.'),
    (lambda: m.funnel_spread(minutes_per_contact=0.4), '„Minuten je Kontakt“ muss zwischen 0,5 und 60\xa0min liegen; eingegeben: 0,4\xa0min.', 'Bitte wählen Sie einen Wert zwischen 0,5 und 60\xa0min.'),
    (lambda: m.funnel_spread(minutes_per_contact=61), '„Minuten je Kontakt“ muss zwischen 0,5 und 60\xa0min liegen; eingegeben: 61\xa0min.', 'Bitte wählen Sie einen Wert zwischen 0,5 und 60\xa0min.'),
    (lambda: m.funnel_spread(hourly_rate=-1), '„Stundensatz“ muss zwischen 0 und 500\xa0€ liegen; eingegeben: −1\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 500\xa0€.'),
    (lambda: m.funnel_spread(hourly_rate=501), '„Stundensatz“ muss zwischen 0 und 500\xa0€ liegen; eingegeben: 501\xa0€.', 'Bitte wählen Sie einen Wert zwischen 0 und 500\xa0€.'),
    (lambda: m.funnel_spread(spread=-0.1), '„Spanne“ muss zwischen 0 und 0,9 liegen; eingegeben: −0,1.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,9.'),
    (lambda: m.funnel_spread(spread=0.95), '„Spanne“ muss zwischen 0 und 0,9 liegen; eingegeben: 0,95.', 'Bitte wählen Sie einen Wert zwischen 0 und 0,9.'),
    (lambda: m.funnel_spread(draws=99), '„Ziehungen“ muss zwischen 100 und 20.000 liegen; eingegeben: 99.', 'Bitte wählen Sie einen Wert zwischen 100 und 20.000.'),
    (lambda: m.funnel_spread(draws=20001), '„Ziehungen“ muss zwischen 100 und 20.000 liegen; eingegeben: 20.001.', 'Bitte wählen Sie einen Wert zwischen 100 und 20.000.'),
    (lambda: m.funnel_spread(draws=150.5), '„Ziehungen“ muss eine ganze Zahl sein, nicht 150,50.', 'Bitte runden Sie auf eine ganze Zahl.'),
    (lambda: m.funnel_spread(seed=-1), '„Startwert“ muss zwischen 0 und 4.294.967.295 liegen; eingegeben: −1.', 'Bitte wählen Sie einen Wert zwischen 0 und 4.294.967.295.'),
    (lambda: m.funnel_spread(seed=2**32), '„Startwert“ muss zwischen 0 und 4.294.967.295 liegen; eingegeben: 4.294.967.296.', 'Bitte wählen Sie einen Wert zwischen 0 und 4.294.967.295.'),
    (lambda: m.funnel_spread(seed=1.5), '„Startwert“ muss eine ganze Zahl sein, nicht 1,50.', 'Bitte runden Sie auf eine ganze Zahl.'),
    (lambda: m.nice_ceiling(-1), '„Wert“ muss zwischen 0 und 1.000.000.000.000 liegen; eingegeben: −1.', 'Bitte wählen Sie einen Wert zwischen 0 und 1.000.000.000.000.'),
    (lambda: m.nice_ceiling(1e12+1), '„Wert“ muss zwischen 0 und 1.000.000.000.000 liegen; eingegeben: 1.000.000.000.001.', 'Bitte wählen Sie einen Wert zwischen 0 und 1.000.000.000.000.'),
    (lambda: m.classify_question(''), '„Ihre Frage“ ist leer.', 'Bitte schreiben Sie etwas in das Feld und versuchen Sie es erneut.'),
    (lambda: m.classify_question('x'*301), '„Ihre Frage“ ist zu lang (301 Zeichen, erlaubt sind 300).', 'Bitte kürzen Sie Ihren Text.'),
    (lambda: m.suggest_open(''), '„Frage“ ist leer.', 'Bitte schreiben Sie etwas in das Feld und versuchen Sie es erneut.'),
    (lambda: m.suggest_open('x'*301), '„Frage“ ist zu lang (301 Zeichen, erlaubt sind 300).', 'Bitte kürzen Sie Ihren Text.'),
]


@pytest.mark.parametrize("k", range(len(REFUSALS)))
def test_refusal_word_for_word(k):
    call, message, hint = REFUSALS[k]
    assert _error(call) == (message, hint)


def test_the_bounds_themselves_are_accepted():
    assert m.midpoint_loss(1_000, 0, 0, 0).midpoint == 500
    assert m.midpoint_loss(100_000, 100_000, 99_999, 50).follow_loss == 0
    assert m.concession_path(first_step=5_000, shrink=1, customer_step=5_000, customer_shrink=1, max_rounds=20,
                             gap_stop=5_000).agreed
    assert m.concession_path(first_step=0, shrink=0, customer_step=0, customer_shrink=0, max_rounds=1,
                             gap_stop=0).rounds == 1
    assert m.funnel(1, 0.01, 0, 0.01, 0, 0.5, 0).appointments == pytest.approx(0.0001)
    assert m.funnel(100_000, 1, 0.99, 1, 50, 60, 500).cost == pytest.approx(100_000 * 50 + 100_000 * 500)
    assert m.funnel_spread(0.01, 0.01, 0, 0, 0, 0.5, 0, spread=0, draws=100, seed=0)["direkt"] == (0.0, 0.0, 0.0)
    assert m.funnel_spread(1, 1, 50, 0.99, 0.99, 60, 500, spread=0.9, draws=20_000, seed=2**32 - 1)
    assert m.nice_ceiling(1e12) == 1e12


# -- Goldene Mitte ---------------------------------------------------------------------------

def test_midpoint_loss_every_field():
    r = m.midpoint_loss(12_000, 7_000, 9_000, 3)
    assert r == m.MidpointResult(12_000, 7_000, 9_000, 9_500, 2_500, pytest.approx(2_500 / 12_000), 3_000, 500,
                                 pytest.approx(500 / 3_000 - 1), pytest.approx(5.0), 3, 7_500)


def test_midpoint_defaults_and_no_extra_volume_without_margin():
    assert m.midpoint_loss() == m.midpoint_loss(12_000, 7_000, 9_000, 0)
    zero = m.midpoint_loss(12_000, 7_000, 9_500)        # the middle is exactly the cost
    assert zero.margin_new == 0 and zero.extra_volume is None and zero.margin_change == -1
    loss = m.midpoint_loss(12_000, 7_000, 10_000)
    assert loss.margin_new == -500 and loss.extra_volume is None
    tiny = m.midpoint_loss(12_000, 7_000, 9_499)
    assert tiny.extra_volume == pytest.approx(2_501 / 1 - 1)


def test_prices_may_meet_but_cost_must_stay_below_the_price():
    same = m.midpoint_loss(12_000, 12_000, 9_000)
    assert same.concession == 0 and same.margin_change == 0
    assert m.midpoint_loss(12_000, 7_000, 11_999).margin_old == 1


def test_concession_path_default_round_by_round():
    p = m.concession_path()
    assert p == m.ConcessionPath((12_000, 11_400, 11_100, 10_950, 10_875),
                                 (7_000, 8_500, 9_550, 10_285, pytest.approx(10_799.5)),
                                 True, 10_837, 4, 0.0, 1_837)


def test_concession_path_seller_floor_is_the_cost():
    p = m.concession_path(12_000, 7_000, 11_500)
    assert p.seller == (12_000, 11_500, 11_500, 11_500, 11_500, 11_500, 11_500)
    assert p.customer[-1] == pytest.approx(11_411.755)
    assert (p.agreed, p.final_price, p.rounds, p.margin) == (True, 11_500, 6, 0)    # the rest split, never below cost


def test_concession_path_open_end_and_customer_accepts():
    p = m.concession_path(max_rounds=2)
    assert p == m.ConcessionPath((12_000, 11_400, 11_100), (7_000, 8_500, 9_550), False, None, 2, 1_550, None)
    jump = m.concession_path(12_000, 10_000, 9_000, customer_step=3_000)   # the customer reaches the offer
    assert jump == m.ConcessionPath((12_000, 12_000), (10_000, 12_000), True, 12_000, 1, 0.0, 3_000)


def test_concession_path_gap_stop_edges():
    at = m.concession_path(12_000, 11_900, 9_000)          # gap = 100 = stop: closes before round 1
    assert at == m.ConcessionPath((12_000,), (11_900,), True, 11_950, 0, 0.0, 2_950)
    above = m.concession_path(12_000, 11_899, 9_000, customer_step=0)    # no movement, no deal
    assert not above.agreed and above.gap == 101
    split = m.concession_path(12_000, 7_000, 9_000, gap_stop=200)
    assert split.rounds == 4 and split.final_price == round((10_875 + 10_799.5) / 2)
    stop0 = m.concession_path(12_000, 7_000, 9_000, gap_stop=0, max_rounds=20)
    assert stop0.agreed and stop0.seller[-1] <= stop0.customer[-1] + 1e-9


def test_concession_path_offers_meet_exactly():
    p = m.concession_path(10_000, 8_000, 5_000, first_step=1_000, shrink=1, customer_step=1_000, customer_shrink=1,
                          gap_stop=0)
    assert p == m.ConcessionPath((10_000, 9_000), (8_000, 9_000), True, 9_000, 1, 0.0, 4_000)


def test_negotiation_and_midpoint_path():
    n = m.negotiation(12_000, 7_000, 9_000, 2, first_step=800, shrink=0.6, customer_step=1_200)
    assert n.midpoint == m.midpoint_loss(12_000, 7_000, 9_000, 2)
    assert n.middle_path == m.ConcessionPath((12_000, 9_500), (7_000, 9_500), True, 9_500, 1, 0.0, 500)
    assert n.path == m.concession_path(12_000, 7_000, 9_000, first_step=800, shrink=0.6, customer_step=1_200)
    assert n.margins == (3_000, 500, n.path.margin) and not n.no_gap
    assert m.negotiation(12_000, 12_000).no_gap
    assert m.negotiation().path == m.concession_path()


# -- Akquise-Trichter ------------------------------------------------------------------------

def test_funnel_every_field():
    r = m.funnel(400, 0.5, 0.6, 0.25, 2.0, 3.0, 40.0)
    assert r == m.FunnelResult(400, 200, pytest.approx(80), pytest.approx(20), 800, pytest.approx(800),
                               pytest.approx(1_600), pytest.approx(80))
    assert m.funnel() == m.funnel(500, 0.35, 0.55, 0.25, 0.0, 6.0, 50.0)


def test_compare_funnels_table():
    df = m.compare_funnels(400, 0.5, 0.25, 2.0, 0.6, 0.4, 3.0, 40.0)
    assert list(df.columns) == ["Kontakte", "erreicht", "Gespräch", "Termine", "Kosten Mailing", "Kosten Telefon",
                                "Kosten", "Kosten je Termin"]
    assert list(df.index) == ["Mailing + Anruf", "Direktanruf"]
    assert df.loc["Mailing + Anruf"].tolist() == pytest.approx([400, 200, 80, 20, 800, 800, 1_600, 80])
    assert df.loc["Direktanruf"].tolist() == pytest.approx([400, 200, 120, 30, 0, 800, 800, 800 / 30])
    assert m.compare_funnels().equals(m.compare_funnels(500, 0.35, 0.25, 1.5, 0.7, 0.55, 6.0, 50.0))


def test_funnel_spread_values():
    s = m.funnel_spread()
    assert s == m.funnel_spread(0.35, 0.25, 1.5, 0.7, 0.55, 6.0, 50.0, spread=0.3, draws=2_000, seed=9)
    assert s["mailing"] == pytest.approx((129.339790773118, 262.8102147379515, 739.7435687295435))
    assert s["direkt"] == pytest.approx((78.3557683831144, 132.18610666040186, 231.19469368022294))
    assert s["share_direct_cheaper"] == 0.95
    flat = m.funnel_spread(0.5, 0.2, 2.0, 0.6, 0.5, 3.0, 40.0, spread=0)
    assert flat["mailing"] == pytest.approx(((2 + 2) / (0.1 * 0.4),) * 3)     # (c_m + call) / (ρ·t·(1 − b))
    assert flat["direkt"] == pytest.approx((2 / (0.1 * 0.5),) * 3)
    assert flat["share_direct_cheaper"] == 1.0
    assert m.funnel_spread(seed=10) != s and len(set(m.funnel_spread(draws=100)["direkt"])) == 3


def test_funnel_spread_stays_inside_the_domain():
    s = m.funnel_spread(1, 1, 50, 0.99, 0.99, 60, 500, spread=0.9)   # draws above 1 / 0,99 / 50 are clipped
    assert s["direkt"][2] <= 500 / (0.01 * 0.01 * 0.01) and s["direkt"][0] >= 500
    assert s["mailing"][0] >= (0 + 500) and all(x > 0 for x in s["mailing"])


def test_funnel_comparison_verdict():
    fc = m.funnel_comparison()
    assert fc.table.equals(m.compare_funnels()) and fc.spread == m.funnel_spread()
    assert fc.cost_mail == pytest.approx(247.6190476) and fc.cost_direct == pytest.approx(126.9841270)
    assert fc.cheaper == "direkt"
    assert m.funnel_comparison(mail_cost=0.5, brushoff_mail=0.3).cheaper == "mailing"
    # equal within 0,50 €: no winner; mail_cost 0 and the same brush-off give the same cost
    assert m.funnel_comparison(mail_cost=0, brushoff_mail=0.55, brushoff_direct=0.55).cheaper is None
    fc2 = m.funnel_comparison(400, 0.5, 0.25, 2.0, 0.6, 0.4, 3.0, 40.0)
    assert (fc2.cost_mail, fc2.cost_direct) == (pytest.approx(80), pytest.approx(80 / 3))


@pytest.mark.parametrize("x,ceiling", [(0, 1), (5e-7, 1), (1e-6, 1e-6), (0.03, 0.04), (1, 1), (1.5, 2), (2.2, 2.5),
                                       (3, 4), (4.5, 5), (7, 8), (9, 10), (10, 10), (933, 1000), (10_001, 20_000)])
def test_nice_ceiling_steps(x, ceiling):
    assert m.nice_ceiling(x) == pytest.approx(ceiling)


def test_suggest_open_first_topic_wins_and_fallback():
    assert m.suggest_open("Haben Sie unser Mailing erhalten?") == m.SUGGESTIONS[0][1]
    assert m.suggest_open("Kann ich helfen, der Preis?") == m.SUGGESTIONS[1][1]     # both topics: the first wins
    assert m.suggest_open("Xyz?") == m.FALLBACK_SUGGESTION == "Was ist Ihnen dabei besonders wichtig?"


# -- data file -------------------------------------------------------------------------------

def _doc() -> dict:
    import json
    from pathlib import Path

    return json.loads((Path(m.__file__).with_name("data") / "fragen.json").read_text("utf-8"))


def test_texts_from_reads_every_part():
    doc = _doc()
    labels, guesses, rules, suggestions, fallback = m._texts_from(doc)
    assert labels == doc["kind_labels"] and fallback == doc["fallback"]
    assert guesses == tuple((doc["guess_labels"][k], k) for k in ("offen", "geschlossen", "suggestiv", "keine_frage"))
    assert rules == tuple((r["pattern"], r["why"]) for r in doc["suggestive_rules"])
    assert suggestions == tuple((r["pattern"], r["question"]) for r in doc["suggestions"])
    assert (m.KIND_LABEL, m.GUESS_LABELS, m.SUGGESTIVE_RULES, m.SUGGESTIONS, m.FALLBACK_SUGGESTION) == \
        (labels, guesses, rules, suggestions, fallback)


def test_texts_from_names_every_broken_pattern():
    import re

    doc = _doc()
    doc["suggestive_rules"][0]["pattern"] = "(doch"
    doc["suggestions"][1]["pattern"] = "preis|[teuer"
    why = []
    for part, k, pat in (("suggestive_rules", 1, "(doch"), ("suggestions", 2, "preis|[teuer")):
        try:
            re.compile(pat)
        except re.error as exc:
            why.append(f"{part} Nr. {k}: {exc}")
    assert _error(lambda: m._texts_from(doc)) == (
        "Die Datei „fragen.json“ enthält ein ungültiges Suchmuster: " + "; ".join(why) + ".",
        "Bitte korrigieren Sie das Muster oder nehmen Sie die Originalfassung des Kurses.")


def test_load_texts_reads_the_package_file_with_its_schema(monkeypatch):
    from pathlib import Path

    import course_lib.content as content

    seen = []
    real = content.read_json_file
    monkeypatch.setattr(content, "read_json_file", lambda path, schema: seen.append((path, schema)) or real(path, schema))
    assert m._load_texts() == m._texts_from(_doc())
    (path, schema), = seen
    assert schema == "fragen" and Path(str(path)) == Path(m.__file__).with_name("data") / "fragen.json"


def test_funnel_spread_clips_rates_and_costs_to_their_domain():
    call = 6 / 60 * 50
    top = m.funnel_spread(reach=1, appointment_rate=1, mail_cost=0, brushoff_mail=0, brushoff_direct=0, spread=0.9)
    assert top["direkt"][0] >= call - 1e-9          # ρ and t never above 1, so a call never costs less than itself
    low = m.funnel_spread(mail_cost=0.5, spread=0)
    assert low["mailing"][1] == pytest.approx((0.5 + call) / (0.35 * 0.25 * 0.3))


def test_funnel_spread_a_tie_is_not_direct_cheaper():
    tie = m.funnel_spread(mail_cost=0, brushoff_mail=0.5, brushoff_direct=0.5, spread=0)
    assert tie["mailing"] == tie["direkt"] and tie["share_direct_cheaper"] == 0.0


def test_midpoint_path_defaults():
    assert m.midpoint_path() == m.ConcessionPath((12_000, 9_500), (7_000, 9_500), True, 9_500, 1, 0.0, 500)
