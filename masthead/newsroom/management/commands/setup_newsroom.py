"""What `make run` does before starting: migrate, load the demo newsroom once, create the first admin once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from masthead.newsroom.demo.load import demo_exists, load_demo


class Command(BaseCommand):
    help = "Migrate, load the demo newsroom the first time, and create an admin account (login printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Start with an empty newsroom.")

    def handle(self, *args, no_demo=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not no_demo and not demo_exists():
            self.stdout.write("Loading the demo newsroom (first start only)...")
            load_demo()
        self._first_admin()

    def _first_admin(self):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Admin: http://127.0.0.1:8000/admin/ (use your existing account)")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        rule = "=" * 64
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{rule}\n  Masthead admin (shown this once):\n"
                f"    {settings.MASTHEAD_BASE_URL}/admin/\n    user: admin\n    password: {password}\n"
                f"  Lost it? .venv/bin/python manage.py changepassword admin\n{rule}\n"
            )
        )
