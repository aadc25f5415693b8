"""Signed links in emails and forms: confirm, preferences, one-click unsubscribe, and the form's fill timer.

Signatures (django.core.signing, salted per purpose) stop forgery; state stops replay: a confirmation link
names a nonce that confirming clears, preference/unsubscribe links name the subscriber's key, which
erasure removes with the row, and a fill-timer token's nonce is spent in the cache by the sign-up it came with.
"""

import secrets
import time

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletters.confirm"
MANAGE_SALT = "newsletters.manage"
FORM_SALT = "newsletters.form-started"
CLICK_SALT = "newsletters.click"
MAX_TOKEN_LENGTH = 400  # anything longer is not ours; refuse before doing crypto on it
MAX_CLICK_TOKEN_LENGTH = 3000  # a link target can be long


class BadToken(Exception):
    """The link is forged, damaged, expired or not for this purpose."""


class ExpiredToken(BadToken):
    pass


def _loads(token, salt, max_age=None, max_length=MAX_TOKEN_LENGTH):
    if not isinstance(token, str) or not token or len(token) > max_length:
        raise BadToken("malformed")
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ExpiredToken("expired") from exc
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise BadToken("bad signature") from exc


def confirm_token(subscription_ids, nonce):
    return signing.dumps({"s": list(subscription_ids), "n": nonce}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token):
    """(subscription ids, nonce); BadToken/ExpiredToken otherwise. Links live NEWSLETTERS_CONFIRM_DAYS days."""
    data = _loads(token, CONFIRM_SALT, max_age=settings.NEWSLETTERS_CONFIRM_DAYS * 86400)
    if not isinstance(data, dict) or not isinstance(data.get("n"), str) or not isinstance(data.get("s"), list):
        raise BadToken("wrong shape")
    ids = data["s"]
    if not ids or len(ids) > 50 or not all(isinstance(pk, int) and pk > 0 for pk in ids):
        raise BadToken("wrong shape")
    return ids, data["n"]


def manage_token(subscriber_id, key, newsletter_id=None):
    """For the preference page (no newsletter) or one newsletter's one-click unsubscribe. No expiry: old emails
    must keep working (RFC 8058 asks for that), and erasure revokes them by deleting the key."""
    payload = [subscriber_id, key] + ([newsletter_id] if newsletter_id else [])
    return signing.dumps(payload, salt=MANAGE_SALT)


def read_manage_token(token):
    """(subscriber id, key, newsletter id or None)."""
    data = _loads(token, MANAGE_SALT)
    if not isinstance(data, list) or len(data) not in (2, 3):
        raise BadToken("wrong shape")
    subscriber_id, key, *rest = data
    newsletter_id = rest[0] if rest else None
    if not isinstance(subscriber_id, int) or not isinstance(key, str):
        raise BadToken("wrong shape")
    if newsletter_id is not None and not isinstance(newsletter_id, int):
        raise BadToken("wrong shape")
    return subscriber_id, key, newsletter_id


def form_started_token():
    """The fill timer: when the reader began, and a nonce so each token is accepted once."""
    return signing.dumps([int(time.time()), secrets.token_urlsafe(9)], salt=FORM_SALT)


def read_form_started(token):
    """(seconds since the form was begun, nonce); BadToken when forged, damaged or older than a day."""
    data = _loads(token, FORM_SALT, max_age=86400)
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int) and isinstance(data[1], str)):
        raise BadToken("wrong shape")
    return time.time() - data[0], data[1]


def click_token(issue_id, url):
    """One link of one issue; the delivery travels beside it, signed on its own (bounces.signed_delivery_id)."""
    return signing.dumps([issue_id, url], salt=CLICK_SALT, compress=True)


def read_click_token(token):
    """(issue id, target URL); BadToken unless we signed exactly this target."""
    data = _loads(token, CLICK_SALT, max_length=MAX_CLICK_TOKEN_LENGTH)
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int) and isinstance(data[1], str)):
        raise BadToken("wrong shape")
    return data[0], data[1]
