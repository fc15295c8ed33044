from django.core.management.base import BaseCommand

from backup import archive


class Command(BaseCommand):
    help = (
        "Write the whole record (content, revisions, change log, accounts, media) to one archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Where to write the archive, e.g. backup-2026-11-26.tar.gz"
        )

    def handle(self, path, **options):
        manifest = archive.create(path)
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {path}: {rows} rows, {len(manifest['files'])} media files.")
        )
