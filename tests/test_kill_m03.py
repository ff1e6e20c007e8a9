"""Kill tests for course_lib/m03_digitalisierung/model.py (mutation testing, issue #23): pure-model unit tests that assert
the concrete values the rules must produce."""
