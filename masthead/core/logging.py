"""Logs a machine can read, and error mail a person can bear.

``JsonFormatter`` writes one JSON object per line (the production default, ``LOG_FORMAT=json``): time, level,
logger, message, the request's method, path and status when Django logged one, and the traceback.
``OncePerInterval`` lets the same error through to ``ADMINS`` once per ``seconds`` per process, so a job failing
every few seconds is one email, not thousands (the log keeps every occurrence).
"""

import json
import logging
import threading
import time
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry.update(method=request.method, path=request.path)
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class OncePerInterval(logging.Filter):
    def __init__(self, seconds: float = 600):
        super().__init__()
        self.seconds = seconds
        self._last_sent: dict = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, record.getMessage(), error)
        now = time.monotonic()
        with self._lock:
            if now - self._last_sent.get(key, -self.seconds) < self.seconds:
                return False
            self._last_sent[key] = now
        return True
