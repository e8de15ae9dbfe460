"""A private X server (Xvfb) for the desktop tests and the window benchmark."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


def free_display() -> int:
    """A display number no X server here uses."""
    return next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                and not Path(f"/tmp/.X{n}-lock").exists())


def start_xvfb(number: int, screen: str, env: dict | None = None) -> subprocess.Popen:
    """Xvfb on display `number`, once it takes connections; the caller stops it."""
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", screen, "-nolisten", "tcp"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            stop(server)
            raise RuntimeError(f"Xvfb :{number} did not start within 10 s")
        time.sleep(0.05)
    return server


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()


def qt_problem(display: str) -> str | None:
    """What keeps Qt's xcb platform from opening a window on `display` (None: nothing)."""
    from ui.qt_check import problem_starting_qt

    saved = {key: os.environ.get(key) for key in ("DISPLAY", "QT_QPA_PLATFORM")}
    os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    try:
        return problem_starting_qt()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
