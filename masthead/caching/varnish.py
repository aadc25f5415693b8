"""Run Varnish with Masthead's VCL (``deploy/varnish/masthead.vcl``): for ``make prod``, the benchmark and tests.

with Varnish(port, web_ports=[8081, 8082], state_dir=...) as varnish:
    urlopen(varnish.url + "/")
"""

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VCL_TEMPLATE = ROOT / "deploy" / "varnish" / "masthead.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
# Masthead compresses (brotli or gzip) itself; Varnish keeps one copy per encoding instead of re-encoding.
PARAMETERS = ["-p", "http_gzip_support=off", "-p", "feature=+http2"]


def render_vcl(web_ports, destination: Path, template: Path = VCL_TEMPLATE) -> Path:
    """The VCL with the web nodes' ports filled in (two nodes; one port is used twice)."""
    first, second = (list(web_ports) * 2)[:2]
    text = template.read_text().replace("@WEB1_PORT@", str(first)).replace("@WEB2_PORT@", str(second))
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(text)
    destination.chmod(0o644)  # varnishd started as root compiles the VCL as its own unprivileged user
    return destination


def command(port: int, vcl: Path, state_dir: Path, storage="malloc,256m", foreground=False) -> list[str]:
    return [
        VARNISHD,
        *(["-F"] if foreground else []),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl),
        "-n",
        str(state_dir),
        "-s",
        storage,
        "-P",
        str(state_dir / "varnishd.pid"),
        *PARAMETERS,
    ]


class Varnish:
    """A varnishd of our own on ``port`` in front of ``web_ports``, stopped on exit."""

    def __init__(self, port: int, web_ports, state_dir: Path, vcl_template: Path = VCL_TEMPLATE):
        self.port, self.web_ports, self.state_dir = port, list(web_ports), Path(state_dir)
        self.vcl_template = vcl_template
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.state_dir.mkdir(parents=True, exist_ok=True)
        vcl = render_vcl(self.web_ports, self.state_dir / "masthead.vcl", self.vcl_template)
        started = subprocess.run(command(self.port, vcl, self.state_dir), capture_output=True, text=True)
        if started.returncode:
            raise RuntimeError(f"varnishd did not start: {started.stderr or started.stdout}")
        wait_for_port(self.port)
        return self

    def counters(self, *names) -> dict:
        """Varnish's own counters (``varnishstat``), e.g. ``MAIN.cache_hit``; missing ones read 0."""
        fields = [arg for name in names for arg in ("-f", name)]
        shown = subprocess.run(
            ["varnishstat", "-n", str(self.state_dir), "-1", "-j", *fields], capture_output=True, text=True
        )
        found = json.loads(shown.stdout or "{}").get("counters", {}) if shown.returncode == 0 else {}
        return {name: found.get(name, {}).get("value", 0) for name in names}

    def __exit__(self, *exc):
        pid_file = self.state_dir / "varnishd.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text())
            subprocess.run(["kill", str(pid)], check=False)
            for _ in range(50):
                if subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode:
                    break
                time.sleep(0.1)


def wait_for_port(port: int, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")
