"""Gunicorn for every profile (``make run``, ``make prod``, systemd): threads, workers sized from the cores.

WEB_WORKERS (default: the number of cores) and WEB_THREADS (default 4) size it; WEB_BIND says where it listens.
"""

import multiprocessing
import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS") or multiprocessing.cpu_count())
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
max_requests = 5000  # recycle a worker now and then, so a slow leak never grows old
max_requests_jitter = 500
timeout = 60
graceful_timeout = 30
keepalive = 5
accesslog = os.environ.get("WEB_ACCESS_LOG") or None
