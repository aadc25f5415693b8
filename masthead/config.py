"""Small readers for environment variables, kept apart so settings.py reads as a list of decisions."""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None or value == "" else value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def admins_from_env(value: str) -> list[tuple[str, str]]:
    """ADMINS as Django wants it, from "Jo Editor <jo@example.org>, ops@example.org" (names optional)."""
    from email.utils import getaddresses

    admins = [(name or address, address) for name, address in getaddresses([value]) if address]
    if any("@" not in address for _, address in admins):
        raise ImproperlyConfigured(f"ADMINS must be email addresses, not {value!r}.")
    return admins


def email_settings_from_url(url: str, default_dir: Path) -> dict:
    """Turn EMAIL_URL into Django's EMAIL_* settings.

    smtp://user:pass@host:25, smtp+tls://...:587 (STARTTLS), smtp+ssl://...:465,
    file:///path/to/dir (one .eml file per message), console://,
    anymail+ESP://CREDENTIAL@?option=value for an email service through django-anymail (see anymail_settings).
    Empty means .eml files in ``default_dir``.
    """
    if not url:
        return {"EMAIL_BACKEND": "masthead.core.mail.EmlFileBackend", "EMAIL_FILE_PATH": str(default_dir)}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return {"EMAIL_BACKEND": "masthead.core.mail.EmlFileBackend", "EMAIL_FILE_PATH": unquote(parts.path)}
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme.startswith("anymail+"):
        return anymail_settings(scheme.removeprefix("anymail+").replace("-", "_"), parts)
    if scheme not in {"smtp", "smtp+tls", "smtp+ssl", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {scheme!r} is not one of smtp, smtp+tls, smtp+ssl, file, console, anymail+SERVICE."
        )
    use_ssl = scheme in {"smtp+ssl", "smtps"}
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if use_ssl else 587 if scheme == "smtp+tls" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "smtp+tls",
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": int(query.get("timeout", ["30"])[0]),
    }


# Where each service's credential goes in anymail's settings: (user part, password part) of the URL.
ANYMAIL_CREDENTIALS = {
    "amazon_ses": (None, None),  # boto3 reads AWS_ACCESS_KEY_ID etc. from the environment
    "mailjet": ("API_KEY", "SECRET_KEY"),
    "postmark": ("SERVER_TOKEN", None),
    "mailgun": ("API_KEY", None),
    "sparkpost": ("API_KEY", None),
}


def anymail_settings(esp: str, parts) -> dict:
    """``anymail+postmark://TOKEN@``, ``anymail+mailgun://KEY@?sender_domain=mg.example.org``,
    ``anymail+amazon-ses://?region_name=eu-west-1``, ``anymail+mailjet://KEY:SECRET@``, ``anymail+brevo://KEY@``...

    The service is named as anymail's backend module, with "-" for "_" (URL schemes have no underscores).
    The user part is the service's API key (or token), the password part its secret where it has one; each query
    option becomes the anymail setting ``<ESP>_<OPTION>`` (``api_url``, ``sender_domain``, ``message_stream``...).
    """
    import importlib.util

    if not esp.replace("_", "").isalnum() or importlib.util.find_spec(f"anymail.backends.{esp}") is None:
        raise ImproperlyConfigured(f"EMAIL_URL: django-anymail has no backend called {esp!r}.")
    prefix = esp.upper()
    user_key, password_key = ANYMAIL_CREDENTIALS.get(esp, ("API_KEY", None))
    anymail = {}
    if parts.username and user_key:
        anymail[f"{prefix}_{user_key}"] = unquote(parts.username)
    if parts.password and password_key:
        anymail[f"{prefix}_{password_key}"] = unquote(parts.password)
    for option, values in parse_qs(parts.query).items():
        anymail[f"{prefix}_{option.upper()}"] = values[-1]
    return {"EMAIL_BACKEND": f"anymail.backends.{esp}.EmailBackend", "ANYMAIL": anymail}
