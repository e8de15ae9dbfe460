"""One running app per database (RELIABILITY.md SI-1..SI-4).

The first launch holds a QLockFile for its database and listens on a per-user local
socket; a second launch finds the lock taken, asks the first to come forward, and exits.
- SI-2: after a crash QLockFile reclaims the stale lock (dead PID), and the stale
  socket file is removed before listening (else AddressInUseError) — only once the
  lock is ours, so a live instance's socket is never pulled away.
- SI-3: `setStaleLockTime(0)`: a lock held by a live process never ages out.
- SI-4: the socket is created with UserAccessOption (0700) in a per-user name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Signal

if TYPE_CHECKING:  # QtNetwork loads when the app listens, after the window's first paint
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGE = b"activate\n"


def _user() -> str:
    """getpass.getuser() without importing getpass (and termios with it) on the way to
    the window: the same variables, then the password database."""
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # Windows without the variables; a container's uid
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def _sha256(data: bytes):
    """SHA-256 from CPython's own module when it has one: hashlib loads OpenSSL (3-4 ms
    before the window shows) and Qt's QCryptographicHash builds its class and enums."""
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # Python 3.12 and later
        except ImportError:
            from hashlib import sha256
    return sha256(data)


def instance_key(db_path: Path) -> str:
    """A name unique to this user and this database file."""
    resolved = str(Path(db_path).expanduser().resolve())
    digest = _sha256(resolved.encode()).hexdigest()[:16]
    user = "".join(c for c in _user() if c.isalnum()) or "user"
    return f"sales-organizer-{user}-{digest}"


def lock_dir() -> Path:
    """The per-user runtime folder (XDG_RUNTIME_DIR, 0700) when there is one: a lock in
    a shared /tmp could be pre-created by another user to block us."""
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    if runtime:
        return Path(runtime)
    from PySide6.QtCore import QDir  # rarely needed: not built on the way to the window

    return Path(QDir.tempPath())


class SingleInstance(QObject):
    activation_requested = Signal()  # a second launch asked this one to come forward

    def __init__(self, db_path: Path, parent: QObject | None = None,
                 directory: Path | None = None) -> None:
        super().__init__(parent)
        self.key = instance_key(db_path)
        self.lock = QLockFile(str((directory or lock_dir()) / f"{self.key}.lock"))
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def claim(self, listen: bool = True) -> bool:
        """True when this process is now the one instance for the database. With
        `listen=False` the socket for activation requests waits for `listen()` (a later
        launch retries its request for a while, see activate_running)."""
        if not self.lock.tryLock(200):
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> bool:
        """Listen for a second launch's "come forward"; False when that cannot work."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return True
        QLocalServer.removeServer(self.key)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            # Still the one instance (we hold the lock); only activation will not work.
            return False
        server.newConnection.connect(self._connection)
        self.server = server
        return True

    def _connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(MESSAGE.strip()):
            self.activation_requested.emit()

    def activate_running(self, timeout_ms: int = 3000) -> bool:
        """Ask the running instance to come forward. It may have just taken the lock and
        not be listening yet (two launches at once), so retry until the deadline."""
        from PySide6.QtCore import QDeadlineTimer, QThread
        from PySide6.QtNetwork import QLocalSocket

        deadline = QDeadlineTimer(timeout_ms)
        while not deadline.hasExpired():
            socket = QLocalSocket()
            socket.connectToServer(self.key)
            if socket.waitForConnected(300):
                socket.write(MESSAGE)
                socket.flush()
                socket.waitForBytesWritten(500)
                socket.disconnectFromServer()
                return True
            QThread.msleep(100)
        return False

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    def holder_pid(self) -> int | None:
        info = self.lock.getLockInfo()  # PySide6: (pid, hostname, appname); pid 0 if unknown
        return int(info[0]) or None if info else None
