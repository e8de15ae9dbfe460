"""One instance per database: SI-1..SI-4."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ui.single_instance import SingleInstance, instance_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def instances(tmp_path, qapp):
    made = []

    def make(db="sales.db"):
        instance = SingleInstance(tmp_path / db, directory=tmp_path)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.release()


def test_second_claim_is_refused_and_activates_the_first(instances, qtbot):
    first, second = instances(), instances()
    assert first.claim()
    assert not second.claim()  # SI-1
    assert second.holder_pid() == os.getpid()
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert second.activate_running(timeout_ms=2000)


def test_another_database_is_another_instance(instances):
    assert instances("a.db").claim()
    assert instances("b.db").claim()


def test_a_lock_held_for_hours_by_a_live_process_is_still_refused(instances, tmp_path):
    # SI-3
    first = instances()
    assert first.claim()
    lock = next(tmp_path.glob("*.lock"))
    eight_hours_ago = time.time() - 8 * 3600
    os.utime(lock, (eight_hours_ago, eight_hours_ago))
    assert not instances().claim()


def test_socket_is_private_to_the_user(instances):
    # SI-4
    first = instances()
    assert first.claim()
    path = Path(first.server.fullServerName())
    mode = stat.S_IMODE(path.stat().st_mode)
    parent_mode = stat.S_IMODE(path.parent.stat().st_mode)
    assert mode & 0o077 == 0 or parent_mode & 0o077 == 0


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and Unix sockets are POSIX")
def test_a_crashed_instance_leaves_nothing_that_blocks(instances, tmp_path):
    # SI-2: the dead process's lock is reclaimed and its stale socket removed.
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from ui.single_instance import SingleInstance
        app = QCoreApplication([])
        one = SingleInstance(Path({str(tmp_path / "sales.db")!r}), directory=Path({str(tmp_path)!r}))
        assert one.claim() and one.server is not None
        print(one.server.fullServerName(), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == -9, done.stderr
    socket_path = Path(done.stdout.strip())
    assert socket_path.exists()  # what a crash leaves behind
    again = instances()
    assert again.claim()
    assert again.server is not None and again.server.isListening()


def test_the_key_is_the_user_and_the_paths_sha256(tmp_path):
    path = tmp_path / "sales.db"
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    key = instance_key(path)
    assert key.startswith("sales-organizer-") and key.endswith(f"-{digest}")


def test_the_user_is_getpasss_user(monkeypatch):
    import getpass

    from ui.single_instance import _user

    assert _user() == getpass.getuser()
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    assert _user() == getpass.getuser()  # from the password database
    monkeypatch.setenv("USER", "ann")
    assert _user() == getpass.getuser() == "ann"
