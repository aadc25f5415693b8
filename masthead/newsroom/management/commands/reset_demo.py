from django.core.management.base import BaseCommand

from masthead.newsroom.demo.load import load_demo, remove_demo


class Command(BaseCommand):
    help = "Delete the newsroom's pages, authors and demo photos, and load the demo newsroom again."

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, yes=False, **options):
        if not yes and input("This deletes every page and author. Type 'reset' to go on: ").strip() != "reset":
            self.stdout.write("Nothing changed.")
            return
        remove_demo()
        load_demo()
        self.stdout.write(self.style.SUCCESS("Demo newsroom rebuilt."))
