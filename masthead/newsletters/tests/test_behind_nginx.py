"""Sign-up rate limits behind the deploy example's nginx (deploy/nginx/masthead-proxy.conf, unchanged) in front of
gunicorn on loopback, configured as deploy/masthead.env.example says: each reader is limited by their own address,
so one bot cannot close the form for everyone, and a forged X-Forwarded-For does not get a bot out of its limit.
Readers come from different loopback addresses (127.0.0.2, 127.0.0.3: Linux routes all of 127/8 to lo)."""

import http.client
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from masthead.core.testing import worker_environment
from masthead.newsletters.smtp_server import free_port
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = pytest.mark.django_db(transaction=True)
DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def env_example() -> dict:
    lines = (DEPLOY / "masthead.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def wait_for(port, process, what):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {process.stderr.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/newsletters/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer")


@pytest.fixture
def proxied_site(tmp_path):
    """nginx on one free port, proxying to gunicorn on another; yields nginx's port."""
    make_newsletter("briefing")
    app_port, proxy_port = free_port(), free_port()
    trust = env_example()["NEWSLETTERS_TRUST_X_FORWARDED_FOR"]
    app = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "masthead.wsgi", "-w", "1", "-b", f"127.0.0.1:{app_port}"],
        env=worker_environment(
            NEWSLETTERS_TRUST_X_FORWARDED_FOR=trust,
            NEWSLETTERS_SIGNUP_RATE_PER_IP="3/h",
            NEWSLETTERS_SIGNUP_RATE_PER_ADDRESS="100/h",
            NEWSLETTERS_MIN_FILL_SECONDS="0",
            MASTHEAD_BASE_URL=f"http://127.0.0.1:{proxy_port}",
            MASTHEAD_VAR_DIR=str(tmp_path / "var"),
            REDIS_URL="",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    (tmp_path / "nginx.conf").write_text(
        f"""worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    upstream masthead_app {{ server 127.0.0.1:{app_port}; }}
    server {{
        listen 127.0.0.1:{proxy_port};
        include {DEPLOY}/nginx/masthead-proxy.conf;
    }}
}}
"""
    )
    proxy = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        wait_for(app_port, app, "gunicorn")
        wait_for(proxy_port, proxy, "nginx")
        yield proxy_port
    finally:
        for process in (proxy, app):
            process.terminate()
            process.wait(30)


def sign_up(port, reader_ip, address, forged=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(reader_ip, 0))
    body = urlencode({"email": address, "newsletters": "briefing", "website": "", "source": "/"})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{port}",  # a browser on our page; nginx must pass Host for this to match
        "Accept": "application/json",
    }
    if forged:
        headers["X-Forwarded-For"] = forged
    conn.request("POST", "/newsletters/signup/", body, headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_each_reader_behind_the_proxy_has_their_own_sign_up_limit(proxied_site):
    assert env_example()["NEWSLETTERS_TRUST_X_FORWARDED_FOR"] == "true"
    bot = [sign_up(proxied_site, "127.0.0.2", f"bot{i}@example.org").status for i in range(3)]
    assert bot == [200, 200, 200]
    limited = sign_up(proxied_site, "127.0.0.2", "bot3@example.org")
    assert limited.status == 429 and 0 < int(limited.getheader("Retry-After")) <= 3600
    forged = sign_up(proxied_site, "127.0.0.2", "bot4@example.org", forged="203.0.113.9")
    assert forged.status == 429  # nginx replaced the header the bot sent
    assert sign_up(proxied_site, "127.0.0.3", "reader@example.org").status == 200  # another reader is not blocked
