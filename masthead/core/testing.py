"""Helpers shared by every app's tests: Debian's Chromium through Playwright."""

import os
import shutil

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
