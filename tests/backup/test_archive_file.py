"""The archive file itself: private from its first byte, and never left half-written."""

import os
import stat
import tarfile

import pytest
from django.core.management import call_command

from backup import archive
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _usual_umask():
    """The common umask 022, under which files are created world-readable unless asked otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_archive_is_readable_by_its_owner_only_from_its_creation(tmp_path, monkeypatch, capsys):
    factories.EventFactory()
    seen = []
    add_member = tarfile.TarFile.addfile

    def addfile(tar, *args, **kwargs):
        # Every file in the folder, as each member is being written.
        seen.extend((path.name, mode(path)) for path in tmp_path.iterdir())
        return add_member(tar, *args, **kwargs)

    monkeypatch.setattr(tarfile.TarFile, "addfile", addfile)

    call_command("backup", str(tmp_path / "record.tar.gz"))

    assert seen
    assert {file_mode for _, file_mode in seen} == {0o600}
    assert [path.name for path in tmp_path.iterdir()] == ["record.tar.gz"]
    assert mode(tmp_path / "record.tar.gz") == 0o600
    with tarfile.open(tmp_path / "record.tar.gz", "r:gz") as tar:
        assert tar.getnames() == [archive.DATA, "manifest.json"]


def test_an_archive_replaces_a_world_readable_file_with_a_private_one(tmp_path, capsys):
    path = tmp_path / "record.tar.gz"
    path.write_bytes(b"last week's archive")
    path.chmod(0o644)

    call_command("backup", str(path))

    assert mode(path) == 0o600
    with tarfile.open(path, "r:gz") as tar:
        assert "manifest.json" in tar.getnames()


def test_a_failed_backup_leaves_the_previous_archive_and_no_partial_file(
    tmp_path, monkeypatch, capsys
):
    path = tmp_path / "record.tar.gz"
    path.write_bytes(b"last week's archive")

    def unreadable_media(storage):
        raise OSError("the media disk failed")
        yield

    monkeypatch.setattr(archive, "_media_files", unreadable_media)

    with pytest.raises(OSError, match="the media disk failed"):
        call_command("backup", str(path))

    assert [p.name for p in tmp_path.iterdir()] == ["record.tar.gz"]
    assert path.read_bytes() == b"last week's archive"
