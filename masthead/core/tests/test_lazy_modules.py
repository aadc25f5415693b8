"""masthead/core/lazy_modules.py: a placeholder module runs its code once, on first use, whichever thread asks."""

import sys
import threading

import pytest

from masthead.core.lazy_modules import UNUSED_BY_WEB_WORKERS, load_on_first_use

SLOW_PACKAGE = """
import time
RUNS = globals().get("RUNS", 0) + 1
time.sleep(0.2)  # long enough for every other thread to ask while it runs
from . import part
ANSWER = 42
"""


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package of our own, ``lazy_probe``, not imported yet."""
    (tmp_path / "lazy_probe").mkdir()
    (tmp_path / "lazy_probe" / "__init__.py").write_text(SLOW_PACKAGE)
    (tmp_path / "lazy_probe" / "part.py").write_text("WORD = 'ready'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "lazy_probe"
    for name in ("lazy_probe", "lazy_probe.part"):
        sys.modules.pop(name, None)


def test_importing_it_runs_nothing_and_the_first_read_runs_it_once(package):
    load_on_first_use(package)
    import lazy_probe

    assert "lazy_probe.part" not in sys.modules
    assert lazy_probe.ANSWER == 42
    assert lazy_probe.RUNS == 1 and lazy_probe.part.WORD == "ready"
    from lazy_probe import ANSWER  # noqa: F401  (a second import, and a from-import, run nothing again)

    assert lazy_probe.RUNS == 1 and type(lazy_probe).__name__ == "module"


def test_threads_asking_while_it_runs_wait_for_the_whole_module(package):
    load_on_first_use(package)
    module = sys.modules[package]
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(module.ANSWER)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [42] * 8 and module.RUNS == 1


def test_a_submodule_import_runs_the_package_first(package):
    load_on_first_use(package)
    from lazy_probe.part import WORD

    assert WORD == "ready" and sys.modules[package].ANSWER == 42


def test_modules_imported_already_or_missing_are_left_alone():
    before = sys.modules["json"]
    load_on_first_use("json", "no_such_module_here")
    assert sys.modules["json"] is before and "no_such_module_here" not in sys.modules


def test_the_web_workers_placeholders_still_do_their_jobs(tmp_path):
    """In a fresh web process each still works when asked: bs4's CSS selectors, jinja2, requests, Willow."""
    assert set(UNUSED_BY_WEB_WORKERS) == {"soupsieve", "jinja2", "requests", "willow"}  # the code below asks each
    import os
    import subprocess

    from masthead.caching.varnish import ROOT

    code = (
        "import sys\nimport masthead.wsgi\n"
        "unrun = {'soupsieve.css_match', 'jinja2.environment', 'requests.sessions', 'willow.image'}\n"
        "assert not unrun & set(sys.modules)\n"
        "from io import BytesIO\nfrom bs4 import BeautifulSoup\nfrom PIL import Image\n"
        "import jinja2, requests, willow\n"
        "png = BytesIO()\nImage.new('RGB', (4, 3)).save(png, 'PNG')\n"
        "print(BeautifulSoup('<p class=a>x</p>', 'html.parser').select('p.a')[0].text,"
        " jinja2.Environment().from_string('{{ 6 * 7 }}').render(), requests.Session().__class__.__name__,"
        " willow.Image.open(BytesIO(png.getvalue())).get_size())\n"
    )
    env = {**os.environ, "MASTHEAD_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "masthead.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "x 42 Session (4, 3)"
