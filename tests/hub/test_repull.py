"""nbgitpuller re-pull keeps a learner's edits and brings the course update (the workshop
update path documented in docs/JUPYTERHUB.md), offline against a file:// repository."""
from __future__ import annotations

import subprocess

from nbgitpuller.pull import GitPuller


def _git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def test_repull_merges_learner_edit_with_upstream_change(tmp_path):
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    _git("init", "-q", "-b", "main", cwd=upstream)
    _git("config", "user.email", "kurs@example.org", cwd=upstream)
    _git("config", "user.name", "Kurs", cwd=upstream)
    (upstream / "notebooks").mkdir()
    (upstream / "notebooks" / "01.md").write_text("Modul 01\n")
    (upstream / "notebooks" / "02.md").write_text("Modul 02\n")
    _git("add", "-A", cwd=upstream)
    _git("commit", "-q", "-m", "course v1", cwd=upstream)

    home = tmp_path / "home" / "vertrieb30"
    for _ in GitPuller(f"file://{upstream}", str(home), branch="main").pull():
        pass
    assert (home / "notebooks" / "01.md").read_text() == "Modul 01\n"

    # the learner writes into a notebook; the course is updated upstream in another file
    (home / "notebooks" / "01.md").write_text("Modul 01\nMeine Notiz\n")
    (upstream / "notebooks" / "02.md").write_text("Modul 02 – überarbeitet\n")
    (upstream / "notebooks" / "03.md").write_text("Modul 03\n")
    _git("add", "-A", cwd=upstream)
    _git("commit", "-q", "-m", "course v2", cwd=upstream)

    for _ in GitPuller(f"file://{upstream}", str(home), branch="main").pull():
        pass
    assert (home / "notebooks" / "01.md").read_text() == "Modul 01\nMeine Notiz\n"  # learner's edit kept
    assert (home / "notebooks" / "02.md").read_text() == "Modul 02 – überarbeitet\n"  # update arrived
    assert (home / "notebooks" / "03.md").exists()  # new file arrived
