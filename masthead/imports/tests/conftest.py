"""The real Ghost export (never edited: tests that need a changed one write a copy) and a helper to import it."""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[3]
# MASTHEAD_MIGRATION_SAMPLES, else ../shared/migration beside the checkout (a worktree sits one level deeper), as the
# issue lays it out, else where this project's machines keep it (for a clone made elsewhere, e.g. in /tmp).
CANDIDATES = [Path(os.environ["MASTHEAD_MIGRATION_SAMPLES"])] if os.environ.get("MASTHEAD_MIGRATION_SAMPLES") else []
CANDIDATES += [base / "shared" / "migration" for base in (REPO.parent, REPO.parent.parent)]
CANDIDATES += [Path("/work/shared/migration")]
MIGRATION_DIR = next((folder for folder in CANDIDATES if folder.is_dir()), CANDIDATES[0])
GHOST_DIR = MIGRATION_DIR / "ghost"
GHOST_EXPORT = GHOST_DIR / "export.json"
GHOST_IMAGES = GHOST_DIR / "content" / "images"
GHOST_MEMBERS = GHOST_DIR / "members.csv"
GHOST_ORIGIN = "http://127.0.0.1:2368"


def ghost_data() -> dict:
    return json.loads(GHOST_EXPORT.read_text())["db"][0]["data"]


def import_ghost(export=GHOST_EXPORT, *extra, members=True) -> str:
    out = StringIO()
    arguments = [str(export), "--images", str(GHOST_IMAGES), "--old-url", GHOST_ORIGIN, "--no-progress", *extra]
    if members:
        arguments += ["--members", str(GHOST_MEMBERS)]
    call_command("import_ghost", *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def ghost_site(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return import_ghost()
