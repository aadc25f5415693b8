"""The sign-up answer must not tell an observer whether an address is new, pending or already subscribed: not in
its body (test_signup.py) and not in its timing. A few hundred interleaved requests, compared with the two-sample
Kolmogorov-Smirnov statistic D (the best threshold classifier is right 0.5 + D/2 of the time)."""

import math
import random
import time

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.testing import tasks_setting
from masthead.newsletters import subscriptions
from masthead.newsletters.forms import CONSENT_TEXT
from masthead.newsletters.models import Subscriber, Subscription

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]
ROUNDS = 150  # per kind of address
ALPHA_COEFFICIENT = 1.95  # c(alpha) for alpha = 0.001: D above 1.95 * sqrt(2 / n) means the two differ


def ks_statistic(a, b):
    """The largest gap between the two samples' empirical distribution functions."""
    a, b = sorted(a), sorted(b)
    i = j = 0
    gap = 0.0
    while i < len(a) and j < len(b):
        x = min(a[i], b[j])
        while i < len(a) and a[i] <= x:
            i += 1
        while j < len(b) and b[j] <= x:
            j += 1
        gap = max(gap, abs(i / len(a) - j / len(b)))
    return gap


def critical_d(n):
    return ALPHA_COEFFICIENT * math.sqrt(2 / n)


@pytest.fixture
def addresses(newsletters, settings):
    """A confirmed reader, a pending one (reminded just now, so no new email), and an endless supply of new ones."""
    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    settings.NEWSLETTERS_SIGNUP_RATE_PER_IP = "100000/h"
    settings.NEWSLETTERS_SIGNUP_RATE_PER_ADDRESS = "100000/h"
    now = timezone.now()
    confirmed = Subscriber.objects.create(address="confirmed@example.org")
    Subscription.objects.create(
        subscriber=confirmed, newsletter=newsletters[0], status=Subscription.Status.CONFIRMED, confirmed_at=now
    )
    pending = Subscriber.objects.create(address="pending@example.org")
    Subscription.objects.create(
        subscriber=pending, newsletter=newsletters[0], confirm_nonce="pendingnonce", last_confirmation_at=now
    )
    counter = iter(range(10**6))
    return {
        "new": lambda: f"new{next(counter)}@example.org",
        "pending": lambda: "pending@example.org",
        "confirmed": lambda: "confirmed@example.org",
    }


def timings(addresses, answer):
    """ROUNDS timings per kind, the kinds shuffled within each round so machine noise falls on all alike."""
    for _ in range(20):  # warm up
        answer(addresses["new"]())
    samples = {kind: [] for kind in addresses}
    rng = random.Random(9)
    for _ in range(ROUNDS):
        kinds = list(addresses)
        rng.shuffle(kinds)
        for kind in kinds:
            address = addresses[kind]()
            began = time.perf_counter()
            answer(address)
            samples[kind].append(time.perf_counter() - began)
    return samples


def distances(samples):
    return {
        (a, b): ks_statistic(samples[a], samples[b])
        for a, b in (("new", "pending"), ("new", "confirmed"), ("pending", "confirmed"))
    }


def test_signup_answer_takes_the_same_time_whatever_the_address_state(addresses):
    client = Client()

    def answer(address):
        response = client.post(
            "/newsletters/signup/",
            {"email": address, "newsletters": ["briefing"], "website": "", "source": "/"},
            HTTP_ORIGIN="http://testserver",
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 200

    d = distances(timings(addresses, answer))
    accuracy = {pair: f"{0.5 + gap / 2:.0%}" for pair, gap in d.items()}
    assert max(d.values()) < critical_d(ROUNDS), f"a timing classifier would be right {accuracy}"


def test_the_check_tells_apart_work_that_differs(addresses):
    """The same check over the sign-up work itself (what the view did before it queued it) does tell the kinds of
    address apart: the check above has the power to fail."""
    newsletter_ids = [Subscription.objects.values_list("newsletter_id", flat=True)[0]]

    def answer(address):
        subscriptions.sign_up(address, newsletter_ids, "/", CONSENT_TEXT)

    d = distances(timings(addresses, answer))
    assert max(d.values()) > critical_d(ROUNDS), d
