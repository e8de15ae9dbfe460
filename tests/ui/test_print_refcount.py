"""PySide6 6.12.0 on CPython 3.11 drops references to None in calls into Qt; printing
makes tens of thousands. ui.printing guards against it where that version is installed."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CALLS = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
{guard}
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
app = QGuiApplication([])
image = QImage(8, 8, QImage.Format.Format_RGB32)
painter = QPainter(image)
for _ in range(200_000):
    painter.setPen(QColor(0, 0, 0))
painter.end()
print("survived")
"""


def run(guard: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CALLS.format(guard=guard)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_with_the_guard_many_qt_calls_are_safe():
    result = run("import ui.printing")
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"


def _affected() -> bool:
    from ui.printing.refcount_guard import affected

    return affected()


@pytest.mark.skipif(not _affected(), reason="only PySide6 6.12 on Python 3.11 has the bug")
def test_without_the_guard_the_process_would_abort():
    result = run("")
    assert result.returncode != 0
    assert "deallocating None" in result.stderr
