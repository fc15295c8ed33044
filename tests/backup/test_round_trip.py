"""Backup and restore: the whole record, out to one archive and back, nothing lost or changed."""

import hashlib
import io
import json
import re
import tarfile

import pytest
import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Revision, Version
from sorl.thumbnail.models import KVStore

from backup import archive
from events.management.commands.load_demo import KUNMING_SLUG
from events.models import Event
from tests import factories

# Restoring needs an empty database: these tests empty it (flush) inside the
# test's transaction, which is rolled back as usual.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_cached_rows():
    """Emptying the database recreates content types and the site under new keys.

    Django caches both per process; the rollback brings the old rows back, so
    the caches must not outlive this test.
    """
    yield
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()


def snapshot():
    """Every backed-up row, serialised with its primary key, model by model."""
    return {
        model._meta.label: serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in archive.backed_up_models()
    }


def stored_files():
    """{name: SHA-256} of every file in the media storage."""
    return {
        name: hashlib.sha256(default_storage.open(name).read()).hexdigest()
        for name in archive._media_files(default_storage)
    }


def empty_the_database():
    # PostgreSQL cannot empty a table with foreign-key checks still pending in
    # the transaction: run them now.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def empty_the_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "fresh-media"


def quiet(command, *args, **options):
    out = io.StringIO()
    call_command(command, *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo_with_history():
    """The demo content, an uploaded image, a portrait, revisions, a log entry, a redirect."""
    quiet("load_demo")
    event = Event.objects.get(slug=KUNMING_SLUG)
    factories.EventImageFactory(event=event)
    admin = factories.UserFactory(username="paula", is_staff=True)
    admin.groups.add(Group.objects.get(name="Publisher"))
    with reversion.create_revision():
        reversion.set_user(admin)
        event.slug = "kunming-2020"
        event.save()
    LogEntry.objects.log_actions(admin.pk, [event], CHANGE, change_message="Changed Slug.")


def round_trip(tmp_path, settings):
    before, files = snapshot(), stored_files()
    path = tmp_path / "record.tar.gz"

    written = quiet("backup", str(path))
    empty_the_database()
    empty_the_media(settings, tmp_path)
    restored = quiet("restore", str(path))

    return before, files, written, restored


def test_the_demo_with_its_history_and_files_comes_back_unchanged(
    demo_with_history, tmp_path, settings
):
    before, files, written, restored = round_trip(tmp_path, settings)

    assert snapshot() == before
    assert stored_files() == files
    assert len(files) == 1  # the uploaded image
    assert Revision.objects.count() >= 2
    assert Version.objects.get_for_object(Event.objects.get(slug="kunming-2020")).count() == 2
    assert LogEntry.objects.get().change_message == "Changed Slug."
    rows = sum(len(rows) for rows in before.values())
    assert written.startswith(f"Wrote {tmp_path / 'record.tar.gz'}: {rows} rows, 1 media files.")
    assert restored.startswith(f"Restored {rows} rows and 1 media files from the backup of ")


def test_a_generated_data_set_comes_back_unchanged(tmp_path, settings):
    quiet(
        "generate_data",
        events=120,
        people=60,
        organisations=20,
        sessions=240,
        quotes=400,
        tags=30,
    )
    before, files, _, _ = round_trip(tmp_path, settings)

    assert snapshot() == before
    assert stored_files() == files
    assert len(before["events.Event"]) == 120
    assert len(before["events.Quote"]) == 400


def test_renditions_are_left_out_and_made_again_after_restoring(
    demo_with_history, client, tmp_path, settings
):
    event = Event.objects.get(slug="kunming-2020")
    [image] = event.images.all()
    assert "/media/renditions/" in client.get(event.get_absolute_url()).text
    assert KVStore.objects.exists()
    assert default_storage.listdir("renditions")[0]

    path = tmp_path / "record.tar.gz"
    quiet("backup", str(path))
    manifest, _ = read(path)
    empty_the_database()
    empty_the_media(settings, tmp_path)
    quiet("restore", str(path))

    assert list(manifest["files"]) == [image.image.name]
    assert "thumbnail.kvstore" not in manifest["rows"]
    html = client.get(event.get_absolute_url()).text
    urls = re.findall(r'srcset="([^" ]+) ', html)
    assert urls
    assert all(default_storage.exists(url.removeprefix("/media/")) for url in urls)


def test_restore_refuses_a_database_that_holds_records(demo_with_history, tmp_path):
    path = tmp_path / "record.tar.gz"
    quiet("backup", str(path))
    before = snapshot()

    with pytest.raises(CommandError, match=r"^The database is not empty; .* It holds rows of: "):
        quiet("restore", str(path))

    assert snapshot() == before


def test_restore_refuses_an_archive_made_under_other_migrations(tmp_path):
    path = tmp_path / "record.tar.gz"
    quiet("backup", str(path))
    manifest, data = read(path)
    manifest["migrations"].append(["events", "9999_from_the_future"])
    write(path, manifest, data)

    with pytest.raises(
        CommandError, match=r"Only in the archive: \[\('events', '9999_from_the_future'\)\]"
    ):
        quiet("restore", str(path))


def test_restore_refuses_a_damaged_file_and_writes_nothing(demo_with_history, tmp_path, settings):
    path = tmp_path / "record.tar.gz"
    quiet("backup", str(path))
    manifest, data = read(path)
    (name,) = manifest["files"]
    manifest["files"][name] = "0" * 64
    write(path, manifest, data, media={name: b"not the image"})
    empty_the_database()
    empty_the_media(settings, tmp_path)

    with pytest.raises(CommandError, match=f"The archive is damaged: media/{name} "):
        quiet("restore", str(path))

    assert not Event.objects.exists()
    assert stored_files() == {}


def read(path):
    with tarfile.open(path, "r:gz") as tar:
        return json.load(tar.extractfile("manifest.json")), tar.extractfile(archive.DATA).read()


def write(path, manifest, data, media=None):
    with tarfile.open(path, "w:gz") as tar:
        for name, content in [
            (archive.DATA, data),
            *((f"media/{name}", content) for name, content in (media or {}).items()),
            ("manifest.json", json.dumps(manifest).encode()),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
