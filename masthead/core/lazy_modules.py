"""Modules a library imports up front that a web worker rarely or never uses, run only when something reads them.

bs4 imports soupsieve (CSS selectors: about 100 ms compiling regular expressions), ``django.test.utils`` imports
jinja2 (Wagtail's ``coreutils`` imports ``django.test``), Wagtail's oembed finder imports requests with urllib3 at
startup, and Wagtail's image model imports Willow, whose plugins import Pillow and pillow-heif. No page calls the
first two; requests runs when an editor embeds an address, Willow when an image is resized. ``masthead.wsgi``
puts a placeholder for each in ``sys.modules`` first: ``import soupsieve`` then costs nothing, and the module's code
runs, once, when one of its attributes is first read (``soupsieve.select(...)``, ``from jinja2 import ...``).

Python's own ``importlib.util.LazyLoader`` does not do here: on 3.11 the import statement itself reads the module's
``__spec__``, which loads it, and two threads reading a module while it loads can see it half-made. The placeholder
answers ``__spec__`` without loading, and a lock per module makes other threads wait until its code has run. Only
for pure-Python packages that import nothing of ours (a module's first reader holds its lock while it runs).
"""

import importlib.util
import sys
import threading
import types

UNUSED_BY_WEB_WORKERS = ("soupsieve", "jinja2", "requests", "willow")
_web_worker = False


def prepare_web_worker() -> None:
    """``masthead.wsgi``, before Django's setup: placeholders for the modules above, and no system checks."""
    global _web_worker
    _web_worker = True
    load_on_first_use(*UNUSED_BY_WEB_WORKERS)


def in_web_worker() -> bool:
    """True in a process serving ``masthead.wsgi`` (gunicorn runs no system checks; ``manage.py`` and tests do)."""
    return _web_worker


class _NotRunYet(types.ModuleType):
    """A module whose code has not run: the first attribute read (other than ``__spec__``) runs it."""

    def __getattribute__(self, name):
        if name == "__spec__":  # the import system's "still initialising?" check, on every import statement
            return types.ModuleType.__getattribute__(self, name)
        spec = types.ModuleType.__getattribute__(self, "__spec__")
        with spec.loader_state["lock"]:  # reentrant: the module's own code reads it while it runs
            if type(self) is _NotRunYet and not spec.loader_state["running"]:
                spec.loader_state["running"] = True
                try:
                    spec.loader.exec_module(self)
                    self.__class__ = types.ModuleType  # only now can another thread read it
                finally:
                    spec.loader_state["running"] = False
        return types.ModuleType.__getattribute__(self, name)


def load_on_first_use(*names: str) -> None:
    """Give each module (installed, not imported yet) a placeholder that runs its code on first use."""
    for name in names:
        spec = None if name in sys.modules else importlib.util.find_spec(name)
        if spec is None:  # imported already, or not installed: its importers handle that themselves
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader_state = {"lock": threading.RLock(), "running": False}
        module.__class__ = _NotRunYet
        sys.modules[name] = module
