"""Test-wide set-up: every test process (and every kernel it starts, e.g. under nbval) gets
its own empty learner-data folder, so tests never read or write a real learner's answers."""
import os
import tempfile

os.environ["VERTRIEB30_DATA_DIR"] = tempfile.mkdtemp(prefix="vt-data-")
os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")

import pytest  # noqa: E402


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh learner-data folder for one test."""
    d = tmp_path / "vt-data-test"
    d.mkdir()
    monkeypatch.setenv("VERTRIEB30_DATA_DIR", str(d))
    return d


# CI runs hypothesis with a fixed seed (derandomize): a red CI then means the code changed, not
# that a new random example was drawn; exploring new examples is for local runs.
if os.environ.get("CI") == "true":
    from hypothesis import settings as _hyp_settings

    _hyp_settings.register_profile("ci", derandomize=True, print_blob=True)
    _hyp_settings.load_profile("ci")

