"""The demo newsroom that `make run` loads the first time, and the hooks other apps use while it loads.

Other apps react to the demo without the newsroom knowing them:
- ``is_loading_demo()`` is true while the demo is being published, so per-publish work (narration, search
  indexing tasks) can hold back instead of flooding the worker;
- ``demo_loaded`` is sent once afterwards with ``articles`` (newest first), for work the demo should show
  (narrating the newest few articles, creating demo newsletters).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

demo_loaded = Signal()  # kwargs: articles (list of ArticlePage, newest first)

_loading = ContextVar("masthead_loading_demo", default=False)


def is_loading_demo() -> bool:
    return _loading.get()


@contextmanager
def loading_demo():
    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)
