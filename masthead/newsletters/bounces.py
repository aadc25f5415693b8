"""Bounces and complaints: the per-delivery return path (VERP), reading what comes back (RFC 3464 delivery status
notifications, RFC 5965 ARF complaints) from a mailbox or an email service's webhook, and acting on it."""

import email
import email.policy
import itertools
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from masthead.newsletters.addresses import address_hash
from masthead.newsletters.models import Delivery, MailEvent, Subscriber, Suppression
from masthead.newsletters.subscriptions import unsubscribe

SALT = "masthead.newsletters.bounce"
logger = logging.getLogger(__name__)


def _signature(delivery_id) -> str:
    return salted_hmac(SALT, str(delivery_id)).hexdigest()[:16]


def signed_delivery_id(delivery_id) -> str:
    """``<id>-<signature>``: names one delivery in a return path or a tracking link, and cannot be forged."""
    return f"{delivery_id}-{_signature(delivery_id)}"


def read_signed_delivery_id(value: str):
    """The delivery id in ``<id>-<signature>``, or None when it is damaged or forged."""
    delivery_id, _, signature = value.partition("-")
    if not delivery_id.isdigit() or len(delivery_id) > 18:
        return None
    if not constant_time_compare(signature, _signature(int(delivery_id))):
        return None
    return int(delivery_id)


def return_path(delivery_id) -> str:
    """``bounces+<id>-<signature>@<NEWSLETTERS_BOUNCE_DOMAIN>``, or "" when no bounce domain is set."""
    domain = settings.NEWSLETTERS_BOUNCE_DOMAIN
    if not domain:
        return ""
    return f"bounces+{signed_delivery_id(delivery_id)}@{domain}"


def delivery_id_from_address(address: str):
    """The delivery a bounce was addressed to, or None when the address is not one of ours (or forged)."""
    local = address.strip().strip("<>").rpartition("@")[0]
    if not local.lower().startswith("bounces+"):
        return None
    return read_signed_delivery_id(local[len("bounces+") :])


# --- Reading reports: delivery status notifications (RFC 3464) and feedback-loop complaints (ARF, RFC 5965)

# Reports are read for a few plain fields: the classic parser is ten times faster than email.policy.default's
# rich header objects, which a mailbox of 10,000 bounces would otherwise spend most of its time building.
REPORT_POLICY = email.policy.compat32
MESSAGE_ID = re.compile(r"<issue(\d+)\.delivery(\d+)@[^>]+>")


@dataclass
class Report:
    kind: str  # MailEvent.Kind
    address: str  # the subscriber's address as the report names it ("" if only the delivery is known)
    delivery_id: int | None
    detail: str
    reference: str  # unique per report and recipient, so re-reading a mailbox records nothing twice
    signed: bool = False  # the delivery id came from our signed VERP address


def _addr(value) -> str:
    """``rfc822; Reader@Example.org`` -> ``Reader@Example.org``."""
    value = str(value or "").strip()
    if ";" in value:
        value = value.split(";", 1)[1]
    return parseaddr(value)[1] or value.strip().strip("<>")


def _part(message, content_type):
    return next((part for part in message.walk() if part.get_content_type() == content_type), None)


def _original_headers(message):
    """The returned message's headers: a message/rfc822 part, or text/rfc822-headers parsed as headers."""
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("message/rfc822", "message/global"):
            payload = part.get_payload()
            return payload[0] if isinstance(payload, list) and payload else None
        if kind == "text/rfc822-headers":
            text = part.get_payload(decode=True).decode(part.get_content_charset() or "ascii", "replace")
            return email.message_from_string(text, policy=REPORT_POLICY)
    return None


def _delivery_from(message, original):
    """Our delivery: the signed VERP address it was sent back to, else our Message-ID on the returned copy."""
    for header in ("Delivered-To", "X-Original-To", "Envelope-To", "To"):
        for value in message.get_all(header) or []:
            found = delivery_id_from_address(_addr(value))
            if found:
                return found, True
    if original is not None:
        match = MESSAGE_ID.search(str(original.get("Message-ID", "")))
        if match:
            return int(match.group(2)), False  # unsigned: trusted only if the address matches (see record)
    return None, False


def _blocks(status_part):
    """message/delivery-status: the per-message block, then one block per recipient (as header blocks)."""
    payload = status_part.get_payload()
    if isinstance(payload, list):
        return payload[1:]
    text = payload if isinstance(payload, str) else status_part.as_string()
    chunks = [chunk for chunk in re.split(r"\r?\n\s*\r?\n", text.strip()) if chunk.strip()]
    return [email.message_from_string(chunk + "\n", policy=REPORT_POLICY) for chunk in chunks[1:]]


def parse_report(message) -> list[Report]:
    """The bounces and complaints one mailbox message reports; [] for anything else (replies, spam, auto-replies)."""
    reference = str(message.get("Message-ID", "")).strip() or f"digest:{_digest(message)}"
    original = _original_headers(message)
    delivery_id, signed = _delivery_from(message, original)
    status_part = _part(message, "message/delivery-status") or _part(message, "message/global-delivery-status")
    if status_part is not None:
        reports = []
        for block in _blocks(status_part):
            action = str(block.get("Action", "")).strip().lower()
            status = str(block.get("Status", "")).strip()
            if action not in ("failed", "delayed"):
                continue  # delivered, relayed, expanded: not a problem
            address = _addr(block.get("Final-Recipient") or block.get("Original-Recipient"))
            hard = action == "failed" and status.startswith("5")
            diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
            reports.append(
                Report(
                    MailEvent.Kind.HARD_BOUNCE if hard else MailEvent.Kind.SOFT_BOUNCE,
                    address,
                    delivery_id,
                    f"{action} {status} {diagnostic}".strip()[:300],
                    f"{reference}|{address.lower()}"[:255],
                    signed,
                )
            )
        return reports
    feedback = _part(message, "message/feedback-report")
    if feedback is not None:
        fields = _feedback_fields(feedback)
        address = _addr(fields.get("original-rcpt-to") or (original.get("To") if original is not None else ""))
        kind = fields.get("feedback-type", "abuse")
        return [Report(MailEvent.Kind.COMPLAINT, address, delivery_id, f"ARF {kind}"[:300], reference[:255], signed)]
    return []


def _feedback_fields(part):
    payload = part.get_payload()
    if isinstance(payload, list) and payload:
        return {key.lower(): str(value) for key, value in payload[0].items()}
    text = payload if isinstance(payload, str) else ""
    block = email.message_from_string(text.strip() + "\n", policy=REPORT_POLICY)
    return {key.lower(): str(value) for key, value in block.items()}


def _digest(message) -> str:
    import hashlib

    return hashlib.sha256(message.as_bytes()).hexdigest()[:40]


# --- Acting on them


def record(report: Report, source: str):
    """Store the event once and act on it (see record_many). Returns the event, or None (duplicate, or not ours)."""
    events = record_many([report], source)
    return events[0] if events else None


def record_many(reports, source: str) -> list:
    """Store each report's event once and act: a hard bounce suppresses at once, soft bounces after N in M days, a
    complaint suppresses and unsubscribes from every newsletter. Returns the events stored now (not duplicates, not
    reports that fail to name one of our deliveries: anyone can mail the bounce mailbox, and a forged report must
    not silence a reader).

    One transaction and a fixed handful of queries whatever the number of reports (only complaints, which are
    rare, unsubscribe one by one): a batch of a hundred bounces costs about six round trips, not six hundred."""
    with transaction.atomic():
        events = _store_new(_new_events(reports, source))
        _suppress(events)
        for event in events:
            if event.kind == MailEvent.Kind.COMPLAINT:
                _unsubscribe_everywhere(event.address_hash, source)
    return events


def _new_events(reports, source):
    """Unsaved events for the reports that name our deliveries and are not stored yet (each reference once)."""
    deliveries = Delivery.objects.only("id", "issue_id", "address").in_bulk(
        {report.delivery_id for report in reports if report.delivery_id is not None}
    )
    references = {report.reference for report in reports}
    seen = set(MailEvent.objects.filter(reference__in=references).values_list("reference", flat=True))
    events = []
    for report in reports:
        delivery = _matching(report, deliveries.get(report.delivery_id))
        if delivery is None or report.reference in seen:
            continue
        seen.add(report.reference)  # the same report twice in one batch is stored once
        events.append(
            MailEvent(
                kind=report.kind,
                address_hash=address_hash(delivery.address),
                delivery=delivery,
                issue_id=delivery.issue_id,
                source=source[:40],
                reference=report.reference,
                detail=report.detail[:300],
            )
        )
    return events


def _store_new(events):
    """Insert the events; the few another reader of the same mailbox stored meanwhile are skipped, one by one."""
    try:
        with transaction.atomic():  # a savepoint: on PostgreSQL a failed INSERT spoils the whole transaction
            return MailEvent.objects.bulk_create(events)
    except IntegrityError:
        return [event for event in events if _store_one(event)]


def _store_one(event) -> bool:
    try:
        with transaction.atomic():
            event.save(force_insert=True)
        return True
    except IntegrityError:
        return False


def _suppress(events):
    """One INSERT for every address the events suppress; the first reason (in report order) stays."""
    last_soft = {event.address_hash: event.detail for event in events if event.kind == MailEvent.Kind.SOFT_BOUNCE}
    recent = _recent_soft_bounces(last_soft) if last_soft else {}
    suppressions = {}
    for event in events:
        if event.kind == MailEvent.Kind.SOFT_BOUNCE:
            count = recent.get(event.address_hash, 0)
            if count < settings.NEWSLETTERS_SOFT_BOUNCE_LIMIT:
                continue
            reason = Suppression.Reason.SOFT_BOUNCE
            days = settings.NEWSLETTERS_SOFT_BOUNCE_DAYS
            note = f"{count} soft bounces in {days} days; last: {last_soft[event.address_hash]}"
        else:
            reason = SUPPRESSION_REASONS[event.kind]
            note = event.detail
        suppressions.setdefault(event.address_hash, Suppression.entry(event.delivery.address, reason, note))
    Suppression.objects.bulk_create(suppressions.values(), ignore_conflicts=True)


SUPPRESSION_REASONS = {
    MailEvent.Kind.HARD_BOUNCE: Suppression.Reason.HARD_BOUNCE,
    MailEvent.Kind.COMPLAINT: Suppression.Reason.COMPLAINT,
}


def _recent_soft_bounces(hashes) -> dict:
    """Soft bounces within NEWSLETTERS_SOFT_BOUNCE_DAYS per address digest, the ones just stored included."""
    since = timezone.now() - timedelta(days=settings.NEWSLETTERS_SOFT_BOUNCE_DAYS)
    rows = (
        MailEvent.objects.filter(address_hash__in=set(hashes), kind=MailEvent.Kind.SOFT_BOUNCE, at__gte=since)
        .values("address_hash")
        .annotate(count=Count("id"))
    )
    return {row["address_hash"]: row["count"] for row in rows}


def _unsubscribe_everywhere(digest, source):
    subscriber = Subscriber.objects.filter(address_hash=digest).first()
    if subscriber:
        newsletter_ids = list(subscriber.subscriptions.values_list("newsletter_id", flat=True))
        unsubscribe(subscriber, newsletter_ids, f"spam complaint ({source})")


def _matching(report, delivery):
    """The delivery, if the report really names that one: a signed VERP id is trusted as it is (the report may
    name an alias the message was forwarded to); our unsigned Message-ID only when the address agrees."""
    if delivery is None or report.signed:
        return delivery
    return delivery if report.address and delivery.address.lower() == report.address.lower() else None


def parse_message(raw: bytes) -> list[Report]:
    return parse_report(email.message_from_bytes(raw, policy=REPORT_POLICY))


BATCH = 100  # messages recorded in one transaction, with a fixed handful of queries


def poll_mailbox(url=None, on_message=None):
    """Read the bounce mailbox once; returns (messages read, events recorded).

    Messages are acknowledged in the mailbox only after the transaction that recorded them commits, so a crash
    in between reads them again next time (and recording them twice stores nothing twice)."""
    from masthead.newsletters import mailboxes

    read = recorded = 0
    with mailboxes.opened(url or settings.NEWSLETTERS_BOUNCE_MAILBOX) as messages:
        while batch := list(itertools.islice(messages, BATCH)):
            reports = [report for raw, _done in batch for report in parse_message(raw)]
            recorded += len(record_many(reports, "mailbox"))
            for _raw, done in batch:
                done()
                read += 1
                if on_message:
                    on_message()
    return read, recorded


def poll_configured_mailbox():
    """The worker's clock job: nothing to do until a bounce mailbox is set."""
    if settings.NEWSLETTERS_BOUNCE_MAILBOX:
        poll_mailbox()


# --- The same events from email services: django-anymail's tracking signal (its webhook views check signatures)

WEBHOOK_KINDS = {
    "bounced": MailEvent.Kind.HARD_BOUNCE,
    "deferred": MailEvent.Kind.SOFT_BOUNCE,
    "complained": MailEvent.Kind.COMPLAINT,
}


def _delivery_for_event(event):
    """By the service's message id (recorded at send), else the delivery id we sent as metadata."""
    if event.message_id:
        delivery = Delivery.objects.filter(provider_message_id=str(event.message_id)[:200]).first()
        if delivery:
            return delivery
    delivery_id = str((event.metadata or {}).get("masthead_delivery", ""))
    if delivery_id.isdigit():
        return Delivery.objects.filter(pk=int(delivery_id)).first()
    return None


def on_tracking(sender, event, esp_name, **kwargs):
    if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        logger.warning("Ignored a %s webhook: set ANYMAIL_WEBHOOK_SECRET so it can be trusted.", esp_name)
        return
    if event.event_type in ("opened", "clicked"):
        _record_engagement(event)
        return
    kind = WEBHOOK_KINDS.get(event.event_type)
    delivery = _delivery_for_event(event) if kind else None
    if delivery is None:
        return
    detail = " ".join(str(part) for part in (esp_name, event.event_type, event.description, event.mta_response) if part)
    unique = event.event_id or f"{event.message_id}:{event.event_type}:{event.timestamp}"
    report = Report(kind, event.recipient or "", delivery.pk, detail[:300], f"{esp_name}:{unique}"[:255], signed=True)
    record(report, f"webhook:{esp_name}")


def _record_engagement(event):
    """An open or click the email service saw: counted like ours, and only where the newsletter tracks them."""
    from masthead.newsletters.tracking import record_click, record_open

    delivery = _delivery_for_event(event)
    if delivery is None:
        return
    if event.event_type == "opened":
        record_open(delivery.pk)
    else:
        record_click(delivery.pk, str(event.click_url or ""))
