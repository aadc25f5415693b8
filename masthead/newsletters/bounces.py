"""Bounces and complaints: the per-delivery return path (VERP), and acting on what comes back."""

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "masthead.newsletters.bounce"


def _signature(delivery_id) -> str:
    return salted_hmac(SALT, str(delivery_id)).hexdigest()[:16]


def return_path(delivery_id) -> str:
    """``bounces+<id>-<signature>@<NEWSLETTERS_BOUNCE_DOMAIN>``, or "" when no bounce domain is set."""
    domain = settings.NEWSLETTERS_BOUNCE_DOMAIN
    if not domain:
        return ""
    return f"bounces+{delivery_id}-{_signature(delivery_id)}@{domain}"


def delivery_id_from_address(address: str):
    """The delivery a bounce was addressed to, or None when the address is not one of ours (or forged)."""
    local = address.strip().strip("<>").rpartition("@")[0]
    if not local.lower().startswith("bounces+"):
        return None
    delivery_id, _, signature = local[len("bounces+") :].partition("-")
    if not delivery_id.isdigit() or not constant_time_compare(signature, _signature(int(delivery_id))):
        return None
    return int(delivery_id)
