"""A real desktop for end-to-end tests: Xvfb, a private D-Bus session, dunst as the
notification server and trayer as the tray host. The app runs as `python main.py`.

Notifications are proven by asking dunst (`dunstctl`), never by mocking plyer. When a
program is missing the tests skip and name the Debian package that provides it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.xvfb import free_display, qt_problem, start_xvfb, stop

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = {"Xvfb": "xvfb", "dbus-launch": "dbus-x11", "dunst": "dunst", "dunstctl": "dunst",
            "trayer": "trayer", "xwininfo": "x11-utils", "xdotool": "xdotool"}
ZONE = "Europe/Berlin"
TRAY_PROBE = """
import time
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication([])
deadline = time.monotonic() + 10
while not QSystemTrayIcon.isSystemTrayAvailable() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.05)
print(QSystemTrayIcon.isSystemTrayAvailable())
"""


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.1, what: str = "it"):
    """Poll until `predicate()` is truthy; return its value or fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(interval)


def _missing() -> str | None:
    for program, package in PROGRAMS.items():
        if shutil.which(program) is None:
            return f"{program} is missing (install the Debian package '{package}')"
    return None


@dataclass
class Desktop:
    env: dict
    processes: list = field(default_factory=list)

    def run(self, *args: str, timeout: float = 10) -> subprocess.CompletedProcess:
        return subprocess.run(args, env=self.env, capture_output=True, text=True,
                              timeout=timeout)

    def notifications(self) -> list[tuple[str, str]]:
        """Every notification dunst received since the last clear: (summary, body).
        Displayed ones are closed first so that the history holds them all."""
        self.run("dunstctl", "close-all")
        done = self.run("dunstctl", "history")
        if done.returncode != 0:
            return []
        entries = json.loads(done.stdout)["data"][0]
        return [(n["summary"]["data"], n["body"]["data"]) for n in reversed(entries)]

    def clear_notifications(self) -> None:
        self.run("dunstctl", "close-all")
        self.run("dunstctl", "history-clear")

    def tray_icons(self) -> list[str]:
        """Names of the windows embedded in trayer's panel."""
        tree = self.run("xwininfo", "-root", "-tree").stdout.splitlines()
        inside, depth, found = False, 0, []
        for line in tree:
            indent = len(line) - len(line.lstrip())
            if '"panel": ("panel" "trayer")' in line:
                inside, depth = True, indent
                continue
            if inside and indent <= depth and line.strip():
                inside = False
            if inside and '("main.py" "SalesOrganizer")' in line:
                found.append(line.strip())
        return found


def _start(desktop: Desktop, *args: str) -> subprocess.Popen:
    process = subprocess.Popen(args, env=desktop.env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    desktop.processes.append(process)
    return process


@pytest.fixture(scope="session")
def desktop(tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    home = tmp_path_factory.mktemp("desktop")
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    display = free_display()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DBUS_", "QT_", "WAYLAND", "XDG_"))}
    env.update(DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(runtime),
               HOME=str(home), PYTHONPATH=str(ROOT))
    desktop = Desktop(env)
    try:
        desktop.processes.append(start_xvfb(display, "1280x800x24", env))
        problem = qt_problem(env["DISPLAY"])
        if problem:
            pytest.skip(problem)
        bus = subprocess.run(["dbus-launch", "--sh-syntax"], env=env, capture_output=True,
                             text=True, timeout=10)
        for line in bus.stdout.splitlines():
            if "=" in line and line.startswith("DBUS_SESSION_BUS_"):
                key, value = line.rstrip(";").split("=", 1)
                env[key] = value.strip("'")
        _start(desktop, "dunst")
        wait_for(lambda: desktop.run("dunstctl", "count").returncode == 0, what="dunst")
        _start(desktop, "trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
               "--height", "24", "--SetDockType", "true")
        wait_for(lambda: '("panel" "trayer")' in desktop.run("xwininfo", "-root", "-tree").stdout,
                 what="trayer")
        # The panel can be mapped before trayer owns the tray selection: ask Qt.
        tray = desktop.run(sys.executable, "-c", TRAY_PROBE, timeout=30)
        assert tray.stdout.strip() == "True", f"trayer is running but Qt sees no tray: {tray}"
        yield desktop
    finally:
        for process in reversed(desktop.processes):
            stop(process)
        pid = env.get("DBUS_SESSION_BUS_PID")
        if pid and pid.isdigit():
            try:
                os.kill(int(pid), signal.SIGTERM)
            except ProcessLookupError:
                pass


@dataclass
class App:
    desktop: Desktop
    db_path: Path
    process: subprocess.Popen | None = None
    log: Path | None = None

    def start(self, now: dt.datetime, tick_ms: int = 200, hidden: bool = False) -> App:
        env = {**self.desktop.env, "SALES_ORGANIZER_NOW": now.isoformat(),
               "SALES_ORGANIZER_TICK_MS": str(tick_ms),
               "SALES_ORGANIZER_START_HIDDEN": "1" if hidden else ""}
        self.log = self.db_path.with_suffix(".log")
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "main.py"), "--db", str(self.db_path)],
                env=env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True)
        return self

    def window_visible(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the app exited: {self.log.read_text()}")
        found = self.desktop.run("xdotool", "search", "--onlyvisible", "--pid",
                                 str(self.process.pid), "--name", "^Sales Organizer$")
        for window in found.stdout.split():
            # The tray icon is a small window with the same name; the main window is big.
            geometry = self.desktop.run("xdotool", "getwindowgeometry", window).stdout
            size = re.search(r"Geometry: (\d+)x(\d+)", geometry)
            if size and int(size.group(1)) > 200:
                return True
        return False

    def wait_window(self, timeout: float = 15) -> None:
        """Until the main window is mapped: by then the start-up catch-up has run."""
        wait_for(self.window_visible, timeout, what="the main window")

    def stop(self) -> int | None:
        """SIGTERM (as at logout); the exit code, 0 when the app quit cleanly."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return None if self.process is None else self.process.returncode


@pytest.fixture
def make_app(desktop, tmp_path):
    desktop.clear_notifications()
    apps = []

    def make(db_path: Path) -> App:
        app = App(desktop, db_path)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.stop()


def running_for(db_path: Path) -> list[int]:
    """PIDs of `main.py` processes for this database (from /proc)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(a.endswith(b"main.py") for a in argv) and str(db_path).encode() in argv:
            pids.append(int(proc.name))
    return pids
