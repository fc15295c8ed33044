from django.core.management.base import BaseCommand, CommandError

from backup import archive


class Command(BaseCommand):
    help = (
        "Load an archive made by `backup` into an empty, migrated database and its media storage."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `manage.py backup`.")

    def handle(self, path, **options):
        try:
            manifest = archive.restore(path)
        except archive.RestoreError as error:
            raise CommandError(error) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {len(manifest['files'])} media files "
                f"from the backup of {manifest['created']}."
            )
        )
