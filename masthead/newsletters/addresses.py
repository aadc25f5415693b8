"""Email addresses as readers type them, turned into the one form Masthead stores and compares."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

MAX_ADDRESS_LENGTH = 254  # RFC 5321's limit on a forward path, less the angle brackets
INVALID_MESSAGE = "Enter an email address like name@example.com."
_validate = EmailValidator(message=INVALID_MESSAGE)


def normalise_address(raw: str) -> str:
    """Trim, lower-case and IDNA-encode the domain, keep the local part as typed; ValidationError if unusable.

    Two readers typing ``Ann@Example.ORG`` and `` Ann@example.org`` are the same subscriber; ``ann@`` and
    ``Ann@`` may not be (the local part belongs to the receiving server), so it is kept as typed.
    """
    if not isinstance(raw, str):
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    address = raw.strip()
    if not address:
        raise ValidationError("Enter your email address.", code="required")
    if len(address) > MAX_ADDRESS_LENGTH * 2 or any(ord(char) < 32 or ord(char) == 127 for char in address):
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    try:
        domain = domain.lower().encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValidationError(INVALID_MESSAGE, code="invalid") from exc
    address = f"{local}@{domain}"
    if len(address) > MAX_ADDRESS_LENGTH:
        raise ValidationError(f"An email address has at most {MAX_ADDRESS_LENGTH} characters.", code="too_long")
    _validate(address)  # also refuses non-ASCII local parts (SMTPUTF8), which few servers would deliver
    return address


def address_hash(address: str) -> str:
    """A stable digest of a normalised address, so a suppression outlives the erasure of the address itself."""
    return hashlib.sha256(address.encode("utf-8")).hexdigest()
