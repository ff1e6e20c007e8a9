"""The course's colours, markers, hatches and plot font sizes – plain data, no matplotlib, so
that pages without a matplotlib plot (the start page, issue #22) can use them."""

# Okabe & Ito (2008) palette – distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blau": "#0072B2",
    "orange": "#E69F00",
    "gruen": "#009E73",
    "rot": "#D55E00",
    "hellblau": "#56B4E9",
    "lila": "#CC79A7",
    "gelb": "#F0E442",
    "schwarz": "#000000",
    "grau": "#7F7F7F",
}
CYCLE = [PALETTE[k] for k in ("blau", "orange", "gruen", "rot", "lila", "hellblau", "schwarz")]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]  # meaning never by colour alone
HATCHES = ["", "//", "..", "xx", "\\\\", "++"]

FONT = {"title": 13, "label": 11, "tick": 10, "legend": 10, "note": 9}

# How far a plot grows on a wide screen – the same for LivePlot (PNG) and SvgPlot (SVG):
MAX_GROW = 1.3      # up to this factor of its natural size …
MAX_PX_W = 1000     # … and at most this wide …
MAX_PX_H = 720      # … and this high (in CSS pixels)
