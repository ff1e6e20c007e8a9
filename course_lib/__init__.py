"""course_lib – helper library of the course "Vertrieb 3.0 versus Kunde 3.0".

Layout (one place per topic):

* ``course_lib.mNN_<topic>/`` – one package per course module: ``model.py`` (pure functions
  and small classes, no ipywidgets), ``view.py`` (thin widget/plot layer) and ``data/``
  (quiz, reflection prompts, polls, exercise tasks, datasets). Tests: ``tests/test_mNN_*.py``.
* ``course_lib.blocks`` – shared widget building blocks (live plot, quiz, reflection, poll,
  messages, callback guard, plot style).
* ``course_lib.exercises`` – the exercise system (task checking, task widgets, progress,
  instructor handouts).
* ``course_lib.errors`` / ``format_de`` / ``schema`` / ``content`` / ``storage`` – the
  German error type, German number formats, data-file validation and loading, and
  learner-data storage.
"""

__version__ = "0.1.0"
