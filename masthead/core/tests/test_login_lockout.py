"""Admin sign-in throttling (django-axes): 100 wrong passwords lock the account and the address, not the newsroom;
administrators see the lock in Wagtail's admin and can lift it."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

PASSWORD = "the-right-password-123"


def _sign_in(client, username, password, ip):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def editors(django_user_model):
    django_user_model.objects.create_user("target", "t@example.org", PASSWORD, is_staff=True, is_superuser=True)
    django_user_model.objects.create_user("colleague", "c@example.org", PASSWORD, is_staff=True, is_superuser=True)
    return django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)


@pytest.mark.db_sensitive
@pytest.mark.django_db
def test_a_hundred_wrong_passwords_lock_the_account_and_the_address(editors):
    attacker = Client()
    answers = [_sign_in(attacker, "target", f"guess-{n}", "203.0.113.9").status_code for n in range(100)]
    limit = settings.AXES_FAILURE_LIMIT
    assert answers[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(answers[limit:]) == {429}, "locked out after the limit, for every attempt after it"
    locked = _sign_in(attacker, "target", PASSWORD, "203.0.113.9")
    assert locked.status_code == 429 and int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Too many failed sign-in attempts" in locked.content.decode()

    # Per account: the right password from a clean address is refused too.
    assert _sign_in(Client(), "target", PASSWORD, "198.51.100.1").status_code == 429
    # Per address: the attacker's address cannot try another account.
    assert _sign_in(attacker, "colleague", PASSWORD, "203.0.113.9").status_code == 429
    # Everyone else signs in.
    assert _sign_in(Client(), "colleague", PASSWORD, "198.51.100.2").status_code == 302


@pytest.mark.django_db
def test_administrators_see_lockouts_and_lift_them(editors):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "target", f"guess-{n}", "198.51.100.7")
    assert _sign_in(Client(), "target", PASSWORD, "198.51.100.8").status_code == 429

    chief = Client()
    assert _sign_in(chief, "chief", PASSWORD, "192.0.2.1").status_code == 302
    listing = chief.get("/admin/lockouts/").content.decode()
    assert "target" in listing and "Lift the lock" in listing
    assert "Sign-in lockouts" in chief.get("/admin/").content.decode()  # in the settings menu
    attempt = AccessAttempt.objects.filter(username="target").order_by("-failures_since_start").first()
    assert chief.post("/admin/lockouts/", {"attempt": attempt.pk}).status_code == 302
    assert "Nobody is locked out." in chief.get("/admin/lockouts/").content.decode()
    assert _sign_in(Client(), "target", PASSWORD, "198.51.100.8").status_code == 302


@pytest.mark.django_db
def test_only_superusers_see_lockouts(editors, django_user_model, client):
    client.force_login(django_user_model.objects.create_user("plain", "p@example.org", PASSWORD, is_staff=True))
    assert client.get("/admin/lockouts/").status_code in (302, 403)
