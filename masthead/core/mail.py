"""An email backend that writes each message as its own .eml file (the embedded profile's outbox)."""

from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    """Django's file backend appends to .log files; an .eml per message opens in any mail client."""

    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages):
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            (self.directory / f"{stamp}-{uuid4().hex[:12]}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
