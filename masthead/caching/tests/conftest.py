import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from masthead.core.testing import tasks_setting

IMMEDIATE = tasks_setting("django_tasks.backends.immediate.ImmediateBackend")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    """The real Varnish with deploy/varnish/masthead.vcl in front of the test server; purges go to it at once."""
    from masthead.caching.varnish import Varnish

    state = Path(tempfile.mkdtemp(prefix="masthead-varnish-"))  # readable by varnishd's own user, unlike tmp_path
    state.chmod(0o755)
    port = free_port()
    with Varnish(port, [live_server.thread.port], state) as proxy:
        settings.MASTHEAD_BASE_URL = proxy.url
        settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
        settings.WAGTAILFRONTENDCACHE = {
            "proxy": {"BACKEND": "masthead.caching.backends.CheckedHTTPBackend", "LOCATION": proxy.url}
        }
        settings.TASKS = IMMEDIATE
        settings.MASTHEAD_NARRATION_ENGINE = "masthead.narration.tests.engines.ToneEngine"  # publishing narrates too
        yield proxy
    shutil.rmtree(state, ignore_errors=True)
