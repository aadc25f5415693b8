"""The subscription lifecycle: sign up, confirm, change preferences, unsubscribe, export and erase."""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from masthead.newsletters.models import Delivery, Subscriber, Subscription, SubscriptionEvent, Suppression
from masthead.newsletters.tokens import BadToken

Status = Subscription.Status
# A pending address gets another confirmation email at most this often, and at most this many times.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)
MAX_CONFIRMATIONS = 5


def sign_up(address, newsletter_ids, source_url="", consent_text=""):
    """Record the wish to subscribe and queue the confirmation email; return (subscriber, subscriptions asked to
    confirm, nonce). Already-confirmed subscriptions are left alone; the caller answers the same way whatever happened.

    The hot path of a busy sign-up form: a new address costs two reads and one transaction of four INSERTs
    (subscriber, subscriptions, audit events, the queued email).
    """
    try:
        return _sign_up(address, newsletter_ids, source_url[:500], consent_text)
    except IntegrityError:  # the same address signing up in another request at the same instant: it won the insert
        return _sign_up(address, newsletter_ids, source_url[:500], consent_text)


def _sign_up(address, newsletter_ids, source_url, consent_text):
    from masthead.newsletters.tasks import queue_confirmation

    now = timezone.now()
    subscriber = Subscriber.objects.filter(address=address).first()  # read before the write lock (SQLite: IMMEDIATE)
    with transaction.atomic():
        if subscriber is None:
            subscriber = Subscriber.objects.create(address=address, created_at=now)
            existing = {}
        else:
            existing = {
                s.newsletter_id: s
                for s in subscriber.subscriptions.select_for_update().filter(newsletter_id__in=newsletter_ids)
            }
        nonce = next((s.confirm_nonce for s in existing.values() if s.status == Status.PENDING and s.confirm_nonce), "")
        nonce = nonce or secrets.token_urlsafe(12)
        created, renewed, events = [], [], []
        for newsletter_id in newsletter_ids:
            subscription = existing.get(newsletter_id)
            if subscription is None:
                subscription = Subscription(
                    subscriber=subscriber,
                    newsletter_id=newsletter_id,
                    created_at=now,
                    source_url=source_url,
                    consent_text=consent_text,
                )
                created.append(subscription)
                events.append((subscription, "signed_up"))
            elif subscription.status == Status.CONFIRMED:
                continue
            elif subscription.status == Status.UNSUBSCRIBED:
                subscription.status = Status.PENDING
                subscription.source_url, subscription.consent_text = source_url, consent_text
                renewed.append(subscription)
                events.append((subscription, "signed_up_again"))
            elif subscription.last_confirmation_at and (
                subscription.confirmations_sent >= MAX_CONFIRMATIONS
                or now - subscription.last_confirmation_at < CONFIRMATION_RESEND_AFTER
            ):
                continue  # pending and recently reminded: do not let the form be used to flood an inbox
            else:
                renewed.append(subscription)
            subscription.confirm_nonce = nonce
            subscription.confirmations_sent += 1
            subscription.last_confirmation_at = now
        Subscription.objects.bulk_create(created)
        for subscription in renewed:
            subscription.save(
                update_fields=[
                    "status",
                    "source_url",
                    "consent_text",
                    "confirm_nonce",
                    "confirmations_sent",
                    "last_confirmation_at",
                ]
            )
        SubscriptionEvent.objects.bulk_create(
            [SubscriptionEvent(subscription=s, kind=kind, at=now, detail=source_url) for s, kind in events]
        )
        to_confirm = created + renewed
        queue_confirmation(to_confirm, nonce)
    return subscriber, to_confirm, nonce


def confirm(subscription_ids, nonce):
    """Confirm the pending subscriptions a link names; BadToken when the link was used or superseded."""
    with transaction.atomic():
        pending = list(
            Subscription.objects.select_for_update()
            .filter(pk__in=subscription_ids, status=Status.PENDING, confirm_nonce=nonce)
            .select_related("newsletter", "subscriber")
        )
        if not pending or len(nonce) < 8:
            raise BadToken("used or superseded")
        # The reader came back and confirmed: an erasure's suppression no longer stands in their way.
        Suppression.objects.filter(
            address_hash=pending[0].subscriber.address_hash, reason=Suppression.Reason.ERASED
        ).delete()
        for subscription in pending:
            subscription.status = Status.CONFIRMED
            subscription.confirmed_at = timezone.now()
            subscription.confirm_nonce = ""
            subscription.save(update_fields=["status", "confirmed_at", "confirm_nonce"])
            subscription.log("confirmed")
    return pending


def already_confirmed(subscription_ids):
    """The confirmed subscriptions among those a (validly signed) confirmation link names: a second visit to the
    link, by the reader after a mail scanner or themselves, is answered "already subscribed", not an error."""
    return list(
        Subscription.objects.filter(pk__in=subscription_ids, status=Status.CONFIRMED)
        .select_related("newsletter", "subscriber")
        .order_by("newsletter__sort_order", "newsletter__name")
    )


def awaiting_confirmation(subscription_ids, nonce):
    """The pending subscriptions a confirmation link would confirm (nothing changes)."""
    if len(nonce) < 8:
        return []
    return list(
        Subscription.objects.filter(pk__in=subscription_ids, status=Status.PENDING, confirm_nonce=nonce)
        .select_related("newsletter", "subscriber")
        .order_by("newsletter__sort_order", "newsletter__name")
    )


def subscriber_for_link(subscriber_id, key):
    subscriber = Subscriber.objects.filter(pk=subscriber_id, key=key).first()
    if subscriber is None:
        raise BadToken("no such subscriber (erased, or the link was altered)")
    return subscriber


def unsubscribe(subscriber, newsletter_ids, how):
    """Leave the given newsletters (pending or confirmed); returns how many subscriptions changed."""
    changed = 0
    with transaction.atomic():
        for subscription in subscriber.subscriptions.select_for_update().filter(
            newsletter_id__in=newsletter_ids, status__in=[Status.PENDING, Status.CONFIRMED]
        ):
            subscription.status = Status.UNSUBSCRIBED
            subscription.unsubscribed_at = timezone.now()
            subscription.confirm_nonce = ""
            subscription.save(update_fields=["status", "unsubscribed_at", "confirm_nonce"])
            subscription.log("unsubscribed", how)
            changed += 1
    return changed


def set_preferences(subscriber, wanted_ids, how="preference page", consent_text=""):
    """Keep exactly the wanted newsletters; joining one (again, or for the first time) is immediate: the signed
    link proves the reader controls the address. Callers pass only newsletters the reader may choose."""
    now = timezone.now()
    with transaction.atomic():
        current = {s.newsletter_id: s for s in subscriber.subscriptions.select_for_update()}
        unsubscribe(subscriber, [pk for pk in current if pk not in wanted_ids], how)
        for newsletter_id in wanted_ids:
            subscription = current.get(newsletter_id)
            if subscription is None:
                subscription = Subscription.objects.create(
                    subscriber=subscriber,
                    newsletter_id=newsletter_id,
                    created_at=now,
                    source_url=how,
                    consent_text=consent_text,
                    status=Status.CONFIRMED,
                    confirmed_at=now,
                )
                subscription.log("signed_up", how)
                subscription.log("confirmed", how)
            elif subscription.status != Status.CONFIRMED:
                subscription.status = Status.CONFIRMED
                subscription.confirmed_at = now
                subscription.confirm_nonce = ""
                subscription.save(update_fields=["status", "confirmed_at", "confirm_nonce"])
                subscription.log("confirmed", how)


def export_subscriber(subscriber):
    """Everything Masthead holds about one reader, as plain data (for a subject access request)."""
    return {
        "address": subscriber.address,
        "created_at": subscriber.created_at.isoformat(),
        "subscriptions": [
            {
                "newsletter": s.newsletter.name,
                "status": s.status,
                "created_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
                "unsubscribed_at": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
                "source_url": s.source_url,
                "consent_text": s.consent_text,
                "events": [{"kind": e.kind, "at": e.at.isoformat(), "detail": e.detail} for e in s.events.all()],
            }
            for s in subscriber.subscriptions.select_related("newsletter").prefetch_related("events")
        ],
        "deliveries": [
            {"issue": d.issue.subject, "status": d.status, "sent_at": d.sent_at.isoformat() if d.sent_at else None}
            for d in Delivery.objects.filter(subscriber=subscriber).select_related("issue")
        ],
        "suppressed": Suppression.objects.filter(address_hash=subscriber.address_hash).exists(),
    }


# A delivery's fields after an erasure: its row (and the issue's numbers) stay, the address and the reader go.
WITHOUT_ADDRESS = {"address": Concat(Value("erased:"), Cast("pk", CharField())), "subscriber": None}


def erase_subscriber(subscriber):
    """A data-protection erasure: delete the reader, their consent records and history, and the address copies
    on their deliveries; opens and clicks lose their link to the delivery but stay counted, so each issue's
    numbers do not change. The address stays suppressed, by one-way digest only, so an import or a stray
    re-subscription cannot mail it again; a new confirmed sign-up lifts that (see ``confirm``)."""
    from masthead.newsletters.models import Click, Open

    with transaction.atomic():
        theirs = Delivery.objects.filter(subscriber=subscriber)
        Open.objects.filter(delivery__in=theirs).update(delivery=None)
        Click.objects.filter(delivery__in=theirs).update(delivery=None)
        theirs.exclude(status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED]).update(**WITHOUT_ADDRESS)
        Delivery.objects.filter(subscriber=subscriber).delete()  # not yet sent: nobody left to send to
        erase_address(subscriber.address_hash)
        subscriber.delete()


def erase_address(digest):
    """Keep (or make) the address's suppression, without the address."""
    Suppression.objects.filter(address_hash=digest).update(address="")
    Suppression.objects.bulk_create(
        [Suppression(address_hash=digest, reason=Suppression.Reason.ERASED)], ignore_conflicts=True
    )


def log_erasure(subscriber, user=None):
    """Wagtail's history records who erased a reader, and when; never the address."""
    from wagtail.log_actions import log

    log(subscriber, "newsletters.erase", user=user, title=f"Subscriber #{subscriber.pk}")


def erase_by_address(address, user=None):
    """An erasure request by address (arriving by mail): the subscriber if there is one, and in any case every
    delivery's copy of the address; the address stays suppressed by digest. True when a subscriber was found."""
    from masthead.newsletters.addresses import address_hash

    subscriber = Subscriber.objects.filter(address=address).first()
    with transaction.atomic():
        if subscriber is not None:
            log_erasure(subscriber, user)
            erase_subscriber(subscriber)
        Delivery.objects.filter(address=address).update(**WITHOUT_ADDRESS)
        erase_address(address_hash(address))
    return subscriber is not None
