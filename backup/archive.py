"""One archive holds the whole record: every row that is not derived, and every media file.

A gzipped tar of:
- `manifest.json`: format, time, migrations, rows per model, each file's SHA-256;
- `data.jsonl-exact`: the rows (`backup.serialization`), natural keys for
  content types and permissions;
- `media/<name>`: each stored file but renditions.

Accounts are kept with their password hashes: keep archives as safe as the
database. Restoring needs a database at the same migrations with no records;
rows keep their primary keys.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "secretariat-backup/1"
# As in settings.SERIALIZATION_MODULES: `loaddata` finds the format by the extension.
SERIALIZATION = "jsonl-exact"
DATA = f"data.{SERIALIZATION}"
# Rebuilt by Django or by the restore (the search index), or disposable.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "search", "thumbnail"]
# Rows that `migrate` itself writes, which a fresh database may already hold.
MADE_BY_MIGRATE = {"auth.group", "sites.site"}


class RestoreError(Exception):
    pass


def backed_up_models():
    """The models whose rows an archive holds, in a stable order."""
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps
        and model._meta.label_lower not in excluded_models
        and not model._meta.proxy
        and model._meta.managed
    ]


def applied_migrations(using=DEFAULT_DB_ALIAS):
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _media_files(storage, directory=""):
    """Every file name in `storage`, walking down from `directory`, but for renditions."""
    if directory and f"{directory}/" == settings.THUMBNAIL_PREFIX:
        return
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:  # no upload yet: the media folder does not exist
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for folder in sorted(folders):
        yield from _media_files(storage, f"{directory}/{folder}" if directory else folder)


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


@contextlib.contextmanager
def _private_file(path):
    """A new file open for writing, readable by its owner only, that becomes `path` once complete.

    Mode 0600 from the start, whatever the umask (password hashes); removed if the
    block fails.
    """
    path = Path(path)
    # mkstemp creates the file with mode 0600.
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with open(descriptor, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    os.replace(temporary, path)


def create(path, storage=default_storage, using=DEFAULT_DB_ALIAS):
    """Write the archive to `path`, readable by its owner only (0600); return its manifest.

    The rows are read in one transaction (repeatable read on PostgreSQL), or
    the caller's. An existing file at `path` is replaced once the archive is complete.
    """
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with tempfile.TemporaryDirectory() as scratch, transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        data = Path(scratch) / DATA
        call_command(
            "dumpdata",
            *[model._meta.label for model in backed_up_models()],
            format=SERIALIZATION,
            natural_foreign=True,
            output=str(data),
            database=using,
            verbosity=0,
        )
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "migrations": applied_migrations(using),
            "rows": {
                model._meta.label_lower: model._base_manager.using(using).count()
                for model in backed_up_models()
            },
            "files": {},
        }
        # Named after `path`, not the temporary file: gzip records the name.
        with _private_file(path) as file, tarfile.open(name=path, fileobj=file, mode="w:gz") as tar:
            tar.add(data, arcname=DATA)
            for name in _media_files(storage):
                with storage.open(name) as media:
                    content = media.read()
                manifest["files"][name] = _sha256(content)
                _add(tar, f"media/{name}", content)
            _add(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def _check_database_is_empty(using):
    holding = [
        model._meta.label_lower
        for model in backed_up_models()
        if model._meta.label_lower not in MADE_BY_MIGRATE
        and model._base_manager.using(using).exists()
    ]
    if holding:
        raise RestoreError(
            "The database is not empty; restore into a new, migrated database. "
            f"It holds rows of: {', '.join(holding)}."
        )


def restore(path, storage=default_storage, using=DEFAULT_DB_ALIAS):
    """Load the archive at `path` into an empty, migrated database and media; return its manifest.

    First checked: format, migrations, an empty database, no stored file
    overwritten by a different one; RestoreError otherwise. One transaction.
    """
    with tarfile.open(path, "r:gz") as tar, tempfile.TemporaryDirectory() as scratch:
        manifest = json.load(tar.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise RestoreError(
                f"Not a backup this site can read (format {manifest.get('format')!r})."
            )
        if manifest["migrations"] != applied_migrations(using):
            ours = {tuple(m) for m in applied_migrations(using)}
            theirs = {tuple(m) for m in manifest["migrations"]}
            raise RestoreError(
                "The archive was made under other migrations than this database's. "
                f"Only in the archive: {sorted(theirs - ours) or 'none'}; "
                f"only here: {sorted(ours - theirs) or 'none'}."
            )
        _check_database_is_empty(using)
        files = {}
        for name, digest in manifest["files"].items():
            content = tar.extractfile(f"media/{name}").read()
            if _sha256(content) != digest:
                raise RestoreError(
                    f"The archive is damaged: media/{name} does not match its checksum."
                )
            if storage.exists(name):
                with storage.open(name) as existing:
                    if _sha256(existing.read()) != digest:
                        raise RestoreError(f"A different file is already stored as {name}.")
                continue
            files[name] = content
        data = Path(scratch) / DATA
        with data.open("wb") as out:
            shutil.copyfileobj(tar.extractfile(DATA), out)
        with transaction.atomic(using=using):
            # Rows name content types by natural key; read them from this database.
            ContentType.objects.clear_cache()
            call_command("loaddata", str(data), database=using, verbosity=0)
            for name, content in files.items():
                stored = storage.save(name, ContentFile(content))
                if stored != name:
                    raise RestoreError(f"{name} could not be stored under its own name.")
    # The cache describes the database before: its pages, sorl-thumbnail's renditions.
    cache.clear()
    return manifest
