"""Running a transfer job (preview, import, export, restore) off the GUI thread.

The job gets a progress callback and a cancel flag; progress reaches the GUI as a
queued signal, throttled to whole percents so 100,000 rows do not flood the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal

from organizer.errors import UserError
from organizer.transfer.importer import Cancelled


class TransferWorker(QObject):
    progressed = Signal(int)  # percent
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, job: Callable, close_connection: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.job = job
        self.cancel_flag = threading.Event()
        self._close = close_connection
        self._percent = -1

    def progress(self, done: int, total: int) -> None:
        percent = min(100, int(done * 100 / max(total, 1)))
        if percent != self._percent:
            self._percent = percent
            self.progressed.emit(percent)

    def run(self) -> None:
        try:
            result = self.job(self.progress, self.cancel_flag)
        except Cancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # the rep gets a sentence; the details go to stderr
            import traceback

            traceback.print_exc()
            self.failed.emit(f"Something went wrong: {exc}. Nothing was changed.")
        else:
            self.succeeded.emit(result)
        finally:
            if self._close is not None:
                self._close()  # this thread's own SQLite connection
            self.ended.emit()

    def cancel(self) -> None:
        self.cancel_flag.set()


def start_worker(parent: QObject, job: Callable, close_connection=None) -> tuple[QThread, TransferWorker]:
    """Start `job(progress, cancel)` on a new thread; the thread ends itself when done."""
    thread = QThread(parent)
    worker = TransferWorker(job, close_connection)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: quit() is thread-safe, and a queued call would wait for a GUI thread that
    # may itself be waiting on this thread.
    worker.ended.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread, worker
