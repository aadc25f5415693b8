"""Helpers shared by every app's tests: Debian's Chromium through Playwright, a TCP proxy to cut a dependency."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout, where manage.py is
CHROMIUM = os.environ.get("MASTHEAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",  # tests press play themselves; pages never autoplay
]


def chromium_path() -> str:
    """Chromium's path; a browser test fails (never skips) when it is missing, so CI cannot pass without it."""
    if not shutil.which(CHROMIUM):
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium` (see .ci/run).")
    return CHROMIUM


def tasks_setting(backend: str) -> dict:
    """A ``TASKS`` setting for a test that swaps the task backend: every queue the site's tasks name
    (``default``, ``narration``), as settings.py gives the real backends."""
    from django.conf import settings

    return {"default": {"BACKEND": backend, "QUEUES": list(settings.TASK_QUEUES)}}


def worker_environment(**extra) -> dict:
    """Environment for a child process (a real worker) that uses the database the running test uses."""
    from django.db import connection

    settings_dict = connection.settings_dict
    if settings_dict["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{settings_dict['NAME']}"
    else:
        user = settings_dict.get("USER") or "postgres"
        host = settings_dict.get("HOST") or "127.0.0.1"
        url = f"postgres://{user}@{host}:{settings_dict.get('PORT') or 5432}/{settings_dict['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    env.update({key: str(value) for key, value in extra.items()})
    return env


def run_worker_batch(env: dict, timeout: int = 120, queues: str | None = None) -> subprocess.CompletedProcess:
    """Run ``manage.py worker --batch`` (every queued task, then exit) in a child process, as `make run`'s worker;
    ``queues`` ("default", "narration") limits it to those queues."""
    return subprocess.run(
        [sys.executable, "manage.py", "worker", "--batch", *(["--queues", queues] if queues else [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class TcpProxy:
    """A loopback TCP forwarder that can be closed and opened again on the same port: a dependency going away.

    ``close()`` stops listening and cuts every open connection (clients then meet a port where nothing listens);
    ``open()`` listens again. ``connections`` counts the connections accepted, so a test can tell whether the
    client came back.
    """

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = 0
        self.connections = 0
        self._listener = None
        self._sockets: set = set()
        self._lock = threading.Lock()

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def open(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept(); close() alone does not
            except OSError:
                pass
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(self.target, timeout=2)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self.connections += 1
                self._sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def start_worker(log_dir: Path, **env) -> subprocess.Popen:
    """Start ``manage.py worker`` (queue loop and clock) in a child process; its log goes to ``log_dir/worker.log``."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker"],
        cwd=ROOT,
        env=worker_environment(MASTHEAD_VAR_DIR=log_dir, **env),
        stdout=subprocess.DEVNULL,
        stderr=open(Path(log_dir) / "worker.log", "w"),  # noqa: SIM115 - closed with the process
        text=True,
    )


def wait_for(condition, seconds: float, process: subprocess.Popen | None = None) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass (or ``process`` ends); its last answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (process is None or process.poll() is None):
        if condition():
            return True
        time.sleep(0.5)
    return bool(condition())


def stop_process(process: subprocess.Popen):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def rq_settings(settings, location: str, prefix: str):
    """Point this process's tasks at RQ on ``location``, as settings.py does for a site whose prefix is ``prefix``."""
    queue = f"{prefix}:default"
    settings.RQ_QUEUES = {f"{prefix}:{name}": {"URL": location, "DEFAULT_TIMEOUT": 60} for name in settings.TASK_QUEUES}
    settings.TASKS = {
        "default": {
            "BACKEND": "masthead.core.task_backend.SiteRQBackend",
            "QUEUES": settings.TASK_QUEUES,
            "OPTIONS": {"QUEUE_PREFIX": f"{prefix}:"},
        }
    }
    return queue
