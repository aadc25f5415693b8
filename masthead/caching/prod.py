"""``make prod``: the production profile on this machine, from the files in ``deploy/``.

Varnish on 127.0.0.1:PROD_PORT (default 8080) in front of two gunicorn web nodes (PROD_PORT+1, PROD_PORT+2), two
task workers on RQ, PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) for the cache and the queue. The processes are
those of ``Procfile.prod``, run by honcho; Ctrl-C stops them all.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from masthead.caching.varnish import ROOT, render_vcl, wait_for_port

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/masthead"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
SETTINGS = {"DJANGO_SETTINGS_MODULE": "masthead.settings"}
PREPARE = """
import django
django.setup()
from django.core.management import call_command
call_command("setup_newsroom")
call_command("collectstatic", interactive=False, verbosity=0)
"""


def production_environment(port: int, state: Path, base=None) -> dict:
    """The environment of every process: the production profile, behind our own proxy on plain http."""
    env = dict(os.environ if base is None else base)
    env.pop("DEBUG", None)
    env.update(
        MASTHEAD_ENV="production",
        SECRET_KEY=env.get("SECRET_KEY") or kept_secret(state / "secret_key"),
        ALLOWED_HOSTS=env.get("ALLOWED_HOSTS", "127.0.0.1,localhost"),
        SECURE_SSL_REDIRECT=env.get("SECURE_SSL_REDIRECT", "false"),  # TLS is a proxy's job in front of this one
        MASTHEAD_BASE_URL=env.get("MASTHEAD_BASE_URL", f"http://127.0.0.1:{port}"),
        MASTHEAD_PURGE_URL=env.get("MASTHEAD_PURGE_URL", f"http://127.0.0.1:{port}"),
        MASTHEAD_VAR_DIR=str(state),
        DATABASE_URL=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        REDIS_URL=env.get("REDIS_URL") or DEFAULT_REDIS_URL,
        NEWSLETTERS_TRUST_X_FORWARDED_FOR="true",  # Varnish appends the reader's address
        PROD_PORT=str(port),
        PROD_STATE=str(state),
        WEB1_PORT=str(port + 1),
        WEB2_PORT=str(port + 2),
    )
    return env


def kept_secret(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def prepare(env: dict):
    """Database, static files (hashed, pre-compressed), the demo newsroom and its admin login, the VCL."""
    from masthead.newsroom.bench import ensure_postgres_database

    if env["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(env["DATABASE_URL"])
    # One process for both: each start of Django costs seconds (tens on a loaded machine); setup_newsroom migrates.
    subprocess.run([sys.executable, "-c", PREPARE], cwd=ROOT, env={**env, **SETTINGS}, check=True)
    render_vcl([env["WEB1_PORT"], env["WEB2_PORT"]], Path(env["PROD_STATE"]) / "varnish" / "masthead.vcl")


def get(url, encoding="gzip"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        return response.status, response.headers, body


def start_stack(env, state: Path):
    log = open(state / "stack.log", "w")  # noqa: SIM115 (open while the stack runs)
    stack = subprocess.Popen(
        [str(ROOT / ".venv/bin/honcho"), "-f", str(ROOT / "Procfile.prod"), "-d", str(ROOT), "start"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_serving(env)
    except BaseException:  # a stack that never came up is stopped here: its caller has no handle on it yet
        stop(stack)
        raise
    return stack


def wait_until_serving(env):
    for port in (env["PROD_PORT"], env["WEB1_PORT"], env["WEB2_PORT"]):
        wait_for_port(int(port), timeout=120)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if get(f"http://127.0.0.1:{env['PROD_PORT']}/robots.txt")[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("the stack did not answer through the proxy")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def main():
    port = int(os.environ.get("PROD_PORT", "8080"))
    state = Path(os.environ.get("PROD_VAR_DIR", ROOT / "var" / "prod"))
    env = production_environment(port, state)
    prepare(env)
    print(f"Masthead (production profile) on http://127.0.0.1:{port}/ (admin at /admin/). Ctrl-C stops it all.")
    os.execve(
        str(ROOT / ".venv" / "bin" / "honcho"),
        ["honcho", "-f", str(ROOT / "Procfile.prod"), "-d", str(ROOT), "start"],
        env,
    )


if __name__ == "__main__":
    main()
