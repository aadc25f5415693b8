"""The benchmarks' subscriber generator: confirmed subscribers, and a second call carries on where the first ended."""

import pytest

from masthead.newsletters.addresses import address_hash
from masthead.newsletters.bulk import generate_subscribers
from masthead.newsletters.models import Subscription
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = pytest.mark.django_db


def test_generated_subscribers_are_confirmed_and_continue_where_the_last_batch_ended():
    newsletter = make_newsletter()
    told = []
    generate_subscribers(newsletter, 5, chunk=2, progress=told.append)
    generate_subscribers(newsletter, 3, start=5)
    subscriptions = Subscription.objects.filter(newsletter=newsletter).select_related("subscriber")
    assert told == [2, 2, 1]
    assert sorted(s.subscriber.address for s in subscriptions) == sorted(f"reader{i}@example.org" for i in range(8))
    assert {s.status for s in subscriptions} == {Subscription.Status.CONFIRMED}
    assert all(s.subscriber.address_hash == address_hash(s.subscriber.address) for s in subscriptions)
