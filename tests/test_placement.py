"""A database on a network drive or in a synced folder is warned about (RELIABILITY.md
DB-13, FS-3): the folder names sync clients make, the mount tables of Linux and macOS,
and Windows' network drives; the command line's warning line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from main import main
from organizer.placement import (
    DRIVE_REMOTE,
    linux_mounts,
    mac_mounts,
    mount_type,
    placement_problem,
    sync_service,
    windows_network_kind,
)

PROC_MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
nas:/export/home /mnt/nas nfs4 rw,relatime,vers=4.2 0 0
//server/sales /media/rep/Sales\\040Share cifs rw,relatime 0 0
rep@host:/srv /home/rep/remote fuse.sshfs rw,nosuid 0 0
"""

MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//rep@nas._smb._tcp.local/Sales on /Volumes/Sales (smbfs, nodev, nosuid, mounted by rep)
"""


@pytest.mark.parametrize(("path", "service"), [
    ("/home/rep/Dropbox/sales.db", "Dropbox"),
    ("/home/rep/dropbox/work/sales.db", "Dropbox"),
    ("C:/Users/rep/OneDrive - Acme Corp/Documents/sales.db", "OneDrive"),
    ("/Users/rep/Library/CloudStorage/OneDrive-Acme/sales.db", "a cloud storage provider"),
    ("/Users/rep/Library/Mobile Documents/com~apple~CloudDocs/sales.db", "iCloud Drive"),
    ("/Users/rep/Google Drive/My Drive/sales.db", "Google Drive"),
])
def test_folders_a_sync_client_makes_are_recognised(path, service):
    assert sync_service(Path(path))[1] == service


@pytest.mark.parametrize("path", [
    "/home/rep/.local/share/SalesOrganizer/sales.db",
    "/home/rep/dropboxes/sales.db",  # whole folder names only
    "/home/rep/Documents/Dropbox.db",  # the file's own name is not a folder
])
def test_ordinary_folders_are_not(path):
    assert sync_service(Path(path)) is None


def test_the_deepest_mount_holding_the_file_gives_its_type():
    mounts = linux_mounts(PROC_MOUNTS)
    assert mount_type(Path("/mnt/nas/sales/sales.db"), mounts) == "nfs4"
    assert mount_type(Path("/mnt/nasty/sales.db"), mounts) == "ext4"  # not under /mnt/nas
    assert mount_type(Path("/media/rep/Sales Share/sales.db"), mounts) == "cifs"
    assert mount_type(Path("/home/rep/remote/sales.db"), mounts) == "fuse.sshfs"
    assert mount_type(Path("/tmp/sales.db"), mounts) == "tmpfs"


def test_macos_mount_output_is_read():
    mounts = mac_mounts(MAC_MOUNT)
    assert mount_type(Path("/Volumes/Sales/sales.db"), mounts) == "smbfs"
    assert mount_type(Path("/Users/rep/sales.db"), mounts) == "apfs"


def test_windows_shares_and_mapped_drives():
    assert windows_network_kind(r"\\server\sales\sales.db", None) == "a network share"
    assert windows_network_kind(r"Z:\sales.db", DRIVE_REMOTE) == "a network drive"
    assert windows_network_kind(r"C:\Users\rep\sales.db", 3) is None  # a fixed disk


def test_the_warning_names_the_file_the_service_and_what_to_do(tmp_path):
    problem = placement_problem(tmp_path / "Dropbox" / "sales.db")
    assert problem == (f"{tmp_path.resolve()}/Dropbox/sales.db is in a folder that Dropbox "
                       "syncs, and a sync copying the file while Sales Organizer writes to it "
                       "can damage the database: keep it in a local folder (the app's own, "
                       "without --db) and let Dropbox keep copies of the backups.")
    company = placement_problem(tmp_path / "OneDrive - Acme" / "sales.db")
    assert company.startswith(f"{tmp_path.resolve()}/OneDrive - Acme/sales.db is in a folder "
                              "that OneDrive syncs (OneDrive - Acme), and")
    assert placement_problem(tmp_path / "sales.db") is None  # a local temporary folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc/self/mounts")
def test_this_machines_own_mount_table_is_read():
    # The root file system is in every table; its type is a real one, not a guess.
    table = Path("/proc/self/mounts").read_text()
    assert mount_type(Path("/"), linux_mounts(table))


def test_the_command_line_warns_and_goes_on(tmp_path, capsys):
    folder = tmp_path / "OneDrive"
    folder.mkdir()
    assert main(["--db", str(folder / "sales.db"), "today"]) == 0
    captured = capsys.readouterr()
    warning = captured.err.strip().splitlines()
    assert len(warning) == 1
    assert warning[0].startswith(f"sales-organizer: warning: {folder.resolve()}/sales.db is in "
                                 "a folder that OneDrive syncs")
    assert captured.out.startswith("Today")
    assert main(["--db", str(tmp_path / "sales.db"), "today"]) == 0
    assert capsys.readouterr().err == ""
