"""PySide6 6.12 on CPython 3.11 drops a reference to None on every call of a Qt method
that returns nothing; printing makes tens of thousands. ui.printing guards against it."""

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


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_without_the_guard_the_process_would_abort():
    # If this starts passing, PySide6 fixed it and the guard can go.
    result = run("")
    assert result.returncode != 0
    assert "deallocating None" in result.stderr
