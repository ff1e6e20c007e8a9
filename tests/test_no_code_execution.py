"""Nothing the course reads is evaluated or unpickled: no eval/exec/pickle/unsafe YAML in
course_lib (static check of the source)."""
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "course_lib"
FORBIDDEN = re.compile(r"\b(eval|exec)\s*\(|\bpickle\b|\bmarshal\b|yaml\.load\(|\bshelve\b|__import__\(")


def test_course_lib_never_evaluates_data():
    hits = []
    for f in SRC.rglob("*.py"):
        for n, line in enumerate(f.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if FORBIDDEN.search(code):
                hits.append(f"{f.relative_to(SRC)}:{n}: {line.strip()}")
    assert not hits, "\n".join(hits)
