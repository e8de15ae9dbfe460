"""Whether the database sits where SQLite can be trusted (RELIABILITY.md DB-13, FS-3).

On a network drive (NFS, SMB) SQLite's file locks and the WAL's shared memory do not
work reliably, and a sync client (OneDrive, Dropbox, iCloud ...) copies the file, its
-wal and -shm one by one while the app writes: either way the file can be damaged.
The app and the command line warn; they do not refuse, as the rep may have no other
place. Reading the mount table costs well under a millisecond on Linux.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Folder names the sync clients make (compared case-insensitively, whole names).
SYNC_FOLDERS = {
    "onedrive": "OneDrive", "dropbox": "Dropbox", "google drive": "Google Drive",
    "my drive": "Google Drive", "icloud drive": "iCloud Drive",
    "mobile documents": "iCloud Drive", "cloudstorage": "a cloud storage provider",
    "box": "Box", "box sync": "Box", "nextcloud": "Nextcloud", "owncloud": "ownCloud",
    "pcloud drive": "pCloud", "seadrive": "Seafile",
}
NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "ceph", "glusterfs", "9p", "davfs",
    "ncpfs", "afpfs", "webdav", "fuse.sshfs", "sshfs", "fuse.glusterfs", "fuse.rclone",
    "fuse.davfs2", "fuse.s3fs", "fuse.gcsfuse",
}
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


def sync_service(path: Path) -> tuple[str, str] | None:
    """(the folder, its service) when a folder on `path` is one a sync client copies."""
    for part in path.parts[:-1]:
        name = part.casefold()
        if name.startswith("onedrive"):  # "OneDrive - Acme", "OneDrive-Acme"
            return part, "OneDrive"
        if name in SYNC_FOLDERS:
            return part, SYNC_FOLDERS[name]
    return None


def mount_type(path: Path, mounts: list[tuple[str, str]]) -> str | None:
    """The file system type of the deepest mount point holding `path`."""
    best, kind = "", None
    text = str(path)
    for point, fs_type in mounts:
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fs_type
    return kind


def linux_mounts(table: str) -> list[tuple[str, str]]:
    """(mount point, type) from /proc/self/mounts text."""
    found = []
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1]
            if "\\" in point:  # a space is written \040 (no `re` for the common case)
                import re

                point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), point)
            found.append((point, fields[2]))
    return found


def mac_mounts(output: str) -> list[tuple[str, str]]:
    """(mount point, type) from the output of macOS's `mount`."""
    import re

    found = []
    for line in output.splitlines():
        match = re.match(r"^.+? on (.+) \(([^,)]+)", line)
        if match:
            found.append((match.group(1), match.group(2).strip()))
    return found


def windows_network_kind(path: str, drive_type: int | None) -> str | None:
    """"a network share" for a UNC path, "a network drive" for a mapped drive letter."""
    if path.startswith(("\\\\", "//")):
        return "a network share"
    return "a network drive" if drive_type == DRIVE_REMOTE else None


def _network_kind(path: Path) -> str | None:
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/mounts", encoding="utf-8", errors="replace") as handle:
                kind = mount_type(path, linux_mounts(handle.read()))
        elif sys.platform == "darwin":
            import subprocess  # here: `today` does without its import

            output = subprocess.run(["/sbin/mount"], capture_output=True, text=True,
                                    timeout=5).stdout
            kind = mount_type(path, mac_mounts(output))
        elif os.name == "nt":
            import ctypes

            drive = os.path.splitdrive(str(path))[0]
            drive_type = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") if drive else None
            return windows_network_kind(str(path), drive_type)
        else:
            return None
    except Exception:  # noqa: BLE001 (a warning is not worth failing over)
        return None  # no mount table, no `mount`, a timeout: say nothing rather than guess
    return f"a network drive ({kind})" if kind in NETWORK_FILESYSTEMS else None


def placement_problem(path: str | os.PathLike) -> str | None:
    """One sentence when the database at `path` is in a synced folder or on a network
    drive; None when it is on a local disk (or nothing can be told)."""
    where = Path(path).expanduser()
    try:
        where = where.resolve()
    except OSError:
        pass
    synced = sync_service(where)
    if synced is not None:
        folder, service = synced
        named = "" if folder.casefold() == service.casefold() else f" ({folder})"
        return (f"{where} is in a folder that {service} syncs{named}, and a sync "
                "copying the file while Sales Organizer writes to it can damage the "
                "database: keep it in a local folder (the app's own, without --db) and let "
                f"{service} keep copies of the backups.")
    network = _network_kind(where)
    if network is not None:
        return (f"{where} is on {network}, where SQLite's file locks are not reliable and "
                "the database can be damaged: keep it in a local folder (the app's own, "
                "without --db).")
    return None
