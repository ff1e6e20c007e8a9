"""Plot style for the course: colour-blind-safe palette, readable fonts, German number axes."""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..format_de import num

from .palette import CYCLE, FONT, HATCHES, MARKERS, PALETTE  # noqa: F401  (pure: no matplotlib)


def german_axis(axis, digits: int = 0, suffix: str = "") -> None:
    """Use German decimal commas (and an optional unit suffix) on a matplotlib axis."""
    sfx = f"\u00a0{suffix}" if suffix else ""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{num(v, digits)}{sfx}"))


def style_axes(ax, title: str, xlabel: str, ylabel: str, *, grid: bool = True) -> None:
    """German title and axis labels with the course's font sizes."""
    ax.set_title(title, fontsize=FONT["title"])
    ax.set_xlabel(xlabel, fontsize=FONT["label"])
    ax.set_ylabel(ylabel, fontsize=FONT["label"])
    ax.tick_params(labelsize=FONT["tick"])
    ax.set_prop_cycle(color=CYCLE)
    if grid:
        ax.grid(True, color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def new_figure(figsize=(6.4, 4.0), dpi: int = 90) -> Figure:
    """A pyplot-free Figure (no global state, nothing displayed by accident)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig
