"""``manage.py import_wordpress`` into an empty site: dry run, missing uploads, bad input."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from masthead.images.models import CreditedImage
from masthead.imports.models import ImportRun
from masthead.imports.tests.test_wordpress_parser import EXPORT, UPLOADS
from masthead.newsroom.models import ArticlePage

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]


def import_wordpress(*args, export=EXPORT, uploads=UPLOADS):
    out = io.StringIO()
    options = ["--uploads", str(uploads)] if uploads else []
    call_command("import_wordpress", str(export), *options, "--no-progress", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_dry_run_writes_nothing(db):
    before = (Page.objects.count(), Redirect.objects.count(), CreditedImage.objects.count(), ImportRun.objects.count())
    summary = import_wordpress("--dry-run")
    assert summary.startswith("Dry run (nothing written)")
    rows = {line.split()[0]: line.split()[1:] for line in summary.splitlines()[2:] if line[:1].isalpha()}
    assert rows["article"] == ["10", "0", "0", "0"]  # what a real run would create, none skipped
    assert rows["section"][0] == "4"
    assert (
        Page.objects.count(),
        Redirect.objects.count(),
        CreditedImage.objects.count(),
        ImportRun.objects.count(),
    ) == before


def test_without_the_uploads_folder_articles_still_import_and_images_are_listed(db):
    summary = import_wordpress(uploads=None)
    assert ArticlePage.objects.filter(live=True).count() == 8
    assert "missing_image" in summary and "library.jpg" in summary


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"db": [{"meta": {}}]}', "is not an XML file"),
        (b"<html><body>Not an export</body></html>", "not a WordPress export"),
        (EXPORT.read_bytes()[:40_000], "incomplete or damaged"),
        (b"", "is not an XML file"),
    ],
    ids=["json", "html", "truncated", "empty"],
)
def test_bad_input_is_one_line_and_writes_nothing(db, tmp_path, content, words):
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    pages = Page.objects.count()
    with pytest.raises(CommandError) as raised:
        import_wordpress(export=path)
    assert words in str(raised.value) and "\n" not in str(raised.value)
    assert Page.objects.count() == pages and not ImportRun.objects.exists() and not Redirect.objects.exists()


def test_bad_input_from_the_command_line_exits_non_zero_without_a_traceback(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(EXPORT.read_bytes()[:30_000])
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "manage.py", "import_wordpress", str(path), "--uploads", str(UPLOADS)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MASTHEAD_VAR_DIR": str(tmp_path / "var")},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # One error line (a library's deprecation warning may come before it: not the command's output).
    errors = [line for line in result.stderr.splitlines() if "Error" in line and "Warning" not in line]
    assert len(errors) == 1 and errors[0].startswith("CommandError: export.xml is incomplete or damaged at line")
    assert result.stderr.splitlines()[-1] == errors[0]
