"""Workshop kit: the learner's anonymous export (``export``, format 2 with first attempts), the
„An die Kursleitung senden“ button (``send``), the checked class results of many files and ZIP
archives (``classresults``), the instructor's widgets (``view``), and the „Klassenraum“
JupyterHub service (``klassenraum``, configured for a hub by ``klassenraum_hubconfig``)."""
