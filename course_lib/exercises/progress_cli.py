"""Command line: show or reset learner progress (``vertrieb30-progress [--reset]``)."""
from __future__ import annotations

import argparse

from . import progress
from ..format_de import pct
from ..storage import data_dir


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Lernfortschritt anzeigen oder zurücksetzen.")
    ap.add_argument("--reset", action="store_true", help="gesamten Fortschritt löschen")
    ap.add_argument("--module", help="nur dieses Modul (z. B. m04) zurücksetzen")
    a = ap.parse_args(argv)
    if a.reset:
        progress.reset(a.module)
        print("Fortschritt zurückgesetzt." if not a.module else f"Fortschritt von {a.module} zurückgesetzt.")
        return 0
    df = progress.overview()
    df["Anteil gelöst"] = df["Anteil gelöst"].map(pct)
    print(f"Gespeichert in: {data_dir()}")
    print(df.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
