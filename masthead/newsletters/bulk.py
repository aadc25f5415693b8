"""Fast bulk generation of confirmed subscribers, for benchmarks (``make bench-newsletter``, ``bench-distribution``).

Writes subscriber and subscription rows in batches (no sign-up flow, no events): a million take minutes.
"""

from masthead.newsletters.addresses import address_hash
from masthead.newsletters.models import Subscriber, Subscription

CHUNK = 10_000


def generate_subscribers(newsletter, count, *, start=0, chunk=CHUNK, progress=None):
    """``count`` confirmed subscribers of ``newsletter``, ``reader<start>@example.org`` onwards.

    ``progress(n)`` after each batch.
    """
    for first in range(start, start + count, chunk):
        addresses = [f"reader{i}@example.org" for i in range(first, min(first + chunk, start + count))]
        subscribers = Subscriber.objects.bulk_create(
            [Subscriber(address=a, address_hash=address_hash(a)) for a in addresses]
        )
        Subscription.objects.bulk_create(
            [
                Subscription(subscriber=s, newsletter=newsletter, status=Subscription.Status.CONFIRMED)
                for s in subscribers
            ]
        )
        if progress:
            progress(len(addresses))
