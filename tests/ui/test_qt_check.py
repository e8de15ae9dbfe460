"""Before Qt starts: a missing library or display is said in one sentence; PySide's
per-module source scan is switched off (this app uses no PySide feature)."""

from __future__ import annotations

import sys

import pytest

import ui.qt_check as qt_check
from tests.ui.helpers import probe


def test_the_loader_check_finds_present_and_missing_libraries():
    assert qt_check._loads("libc.so.6")
    assert not qt_check._loads("libsales-organizer-not-a-library.so.9")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb check is Linux only")
def test_a_missing_xcb_library_is_named_with_its_package(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(qt_check, "XCB_LIBRARIES", {"libxcb-gone.so.7": "libxcb-gone7"})
    assert qt_check.problem_starting_qt() == (
        "Qt cannot open a window because the system library libxcb-gone.so.7 is missing; "
        "install it with: sudo apt install libxcb-gone7")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is Linux only")
def test_no_display_is_one_sentence(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "no DISPLAY is set" in qt_check.problem_starting_qt()


def test_the_feature_scan_hook_exists_and_is_switched_off(qapp):
    import ui

    feature = sys.modules["shibokensupport.feature"]
    original = feature._mod_uses_pyside  # the pinned PySide has the hook this relies on
    try:
        ui.skip_feature_scan()
        assert feature._mod_uses_pyside(qt_check) is False
        import ui.lazy_page  # noqa: F401  (modules still import normally)
    finally:
        feature._mod_uses_pyside = original


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is warmed on Linux")
def test_fontconfig_is_set_up_on_its_own_thread(qapp):
    import ctypes  # noqa: F401 (loaded, as the xcb check loads it on X11)

    from PySide6.QtGui import QFontDatabase

    thread = qt_check.warm_fontconfig()
    assert thread is not None and thread.name == "fontconfig"
    thread.join(10)
    assert not thread.is_alive()
    assert QFontDatabase.families()  # Qt reads the fonts as ever


SCAN_PROBE = """
import sys
import PySide6.QtWidgets
feature = sys.modules["shibokensupport.feature"]
scanned, original = [], feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: scanned.append(module.__name__) or original(module)
import main
main.main(["--db", sys.argv[1], "today"])
print(scanned)
"""


def test_our_modules_are_not_scanned_when_pyside_came_first(db_path):
    """A harness (the benchmark, a test) that loads PySide before main.py: from main()
    on, PySide does not read our modules' source."""
    scanned = probe(SCAN_PROBE, str(db_path)).splitlines()[-1]
    assert "'main'" in scanned  # imported before main() could say anything
    assert "organizer" not in scanned, scanned
