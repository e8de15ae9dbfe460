"""Sales Organizer's PySide6 front end. Calls organizer/ services; holds no SQL."""

import os
import sys


def skip_feature_scan() -> None:
    """PySide reads the source of every module imported after it, looking for
    `from __feature__ import` (snake_case, true_property). This app uses no PySide
    feature, so each module is taken as not using one without reading it: about 120
    modules, 20-40 ms of start-up. A PySide without that hook is left as it is.
    Here, in the package itself: where PySide is loaded first (a harness that embeds the
    app), this file is the only one of ours it reads (ui/qt_check.py took 1.5 ms)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda _module: False


def paint_on_the_gui_thread() -> None:
    """Qt's raster engine hands a fill of more than ~96 lines (a gradient, a tall strip)
    to a pool of threads and waits for them. For widget-sized fills the hand-off costs
    more than the fill: the list's scroll bar repainted in 0.9-1.1 ms with the pool and
    0.27 ms without it (2-core machine, Xvfb), and search's p95 fell by about 1 ms with
    the other core busy. Qt reads this variable (set at all: no pool) when the pool is
    first wanted, so it is set before the first paint."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
