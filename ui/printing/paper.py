"""A4 or Letter: the rep's setting wins, else the locale decides (Letter in the
Americas' Letter countries, A4 everywhere else)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

_C = QLocale.Country
LETTER_COUNTRIES = {
    _C.UnitedStates, _C.Canada, _C.Mexico, _C.Philippines, _C.Chile, _C.Colombia,
    _C.Venezuela, _C.CostaRica, _C.Guatemala, _C.Panama, _C.PuertoRico,
    _C.DominicanRepublic, _C.ElSalvador, _C.Nicaragua, _C.UnitedStatesVirginIslands,
}


def paper_for(paper_size: str = "auto", locale: QLocale | None = None) -> QPageSize:
    """QPageSize for a preference value: "a4", "letter" or "auto" (from the locale)."""
    choice = (paper_size or "auto").strip().lower()
    if choice == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    if choice == "letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    locale = locale or QLocale.system()
    letter = (locale.territory() in LETTER_COUNTRIES
              or locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem)
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)
