"""Every widget that reads a learner store says so when the store file was unreadable and was
moved aside (German notice) – not only the reflection widget."""
import pytest

from course_lib import storage
from course_lib.blocks import quiz
from course_lib.exercises.view import ProgressOverview
from course_lib.m06_beziehungskompetenz import view as m06
from course_lib.workshop.view import ExportWidget


def _corrupt(data_dir, name):
    (data_dir / f"{name}.json").write_text("{ kaputt", encoding="utf-8")
    storage.pop_notices()


@pytest.mark.parametrize("store,make,where", [
    ("quiz", lambda: quiz.show("m01"), lambda w: w.box.children[0].value),
    ("progress", lambda: ProgressOverview(), lambda w: w.message.value),
    ("selfassessment", lambda: m06.SelfAssessment(), lambda w: w.message.value),
])
def test_corrupt_store_is_announced_by_the_widget_that_reads_it(data_dir, store, make, where):
    _corrupt(data_dir, store)
    w = make()
    shown = where(w)
    assert "nicht lesbar" in shown and "beiseitegelegt" in shown
    assert list(data_dir.glob(f"{store}.defekt-*.json")), "the file is kept, not deleted"


def test_export_preview_announces_a_corrupt_polls_file(data_dir):
    _corrupt(data_dir, "polls")
    w = ExportWidget()
    w.pseudonym.value = "Adler_3"
    w.show_preview()
    assert "nicht lesbar" in w.preview.value
