import pytest
from django.core.cache import cache
from django.test import Client

from masthead.core.testing import tasks_setting
from masthead.newsletters.models import Subscriber, Subscription, SubscriptionEvent
from masthead.newsletters.tests.conftest import confirm_link, make_newsletter
from masthead.newsletters.tokens import confirm_token, form_started_token, manage_token, read_confirm_token

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]
S = Subscription.Status


def test_signup_without_javascript_sends_confirmation_and_records_consent(newsletters, signup, smtp_server):
    response = signup("  Reader@Example.ORG ")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.subscriber.address == "Reader@example.org"
    assert subscription.status == S.PENDING
    assert subscription.source_url == "/news/some-article/"
    assert "only the newsletters you choose" in subscription.consent_text
    assert [m["To"] for m in smtp_server.messages] == ["Reader@example.org"]
    message = smtp_server.messages[0]
    assert "Briefing" in message["Subject"]
    assert message.get_body(("html",)) and message.get_body(("plain",))
    assert 'style="' in message.get_body(("html",)).get_content()  # CSS inlined
    kinds = list(SubscriptionEvent.objects.values_list("kind", flat=True))
    assert kinds == ["signed_up", "confirmation_sent"]


def test_confirm_link_shows_a_button_confirms_on_post_and_then_says_already_subscribed(
    newsletters, signup, smtp_server, client
):
    signup("reader@example.org", slugs=["briefing", "explainer"])
    assert len(smtp_server.messages) == 1  # one email confirms both
    link = confirm_link(smtp_server.messages[0])
    scanner = Client().get(link)  # a mail scanner follows the link: nothing changes
    assert scanner.status_code == 200 and "<h1>Confirm your subscription</h1>" in scanner.content.decode()
    assert '<button type="submit">Confirm</button>' in scanner.content.decode()
    assert set(Subscription.objects.values_list("status", flat=True)) == {S.PENDING}
    assert not scanner.cookies
    response = client.post(link, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    assert "Welcome to Briefing" in response.content.decode() and "Welcome to Explainer" in response.content.decode()
    assert set(Subscription.objects.values_list("status", flat=True)) == {S.CONFIRMED}
    for again in (client.get(link), client.post(link, HTTP_ORIGIN="http://testserver")):
        assert again.status_code == 200
        assert "You are already subscribed" in again.content.decode()
        assert "/newsletters/preferences/" in again.content.decode()
    assert SubscriptionEvent.objects.filter(kind="confirmed").count() == 2  # confirmed once
    assert client.post(link, HTTP_ORIGIN="https://evil.example").status_code == 403


def test_expired_and_tampered_confirm_links(newsletters, signup, smtp_server, client, settings):
    signup("reader@example.org")
    link = confirm_link(smtp_server.messages[0])
    assert client.get(link[:-3] + "xx/").status_code == 400
    settings.NEWSLETTERS_CONFIRM_DAYS = -1
    response = client.get(link)
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert Subscription.objects.get().status == S.PENDING


def test_same_response_whatever_the_address_state(newsletters, signup, smtp_server):
    def body(response):
        text = response.content.decode()
        return text.replace(response.wsgi_request.META.get("CSRF_COOKIE", ""), "")

    new = signup("a@example.org")
    Subscription.objects.update(status=S.CONFIRMED)
    confirmed = signup("a@example.org")
    pending = signup("b@example.org")
    pending_again = signup("b@example.org")
    assert new.status_code == confirmed.status_code == pending.status_code == pending_again.status_code == 200
    assert body(new) == body(confirmed) == body(pending) == body(pending_again)
    json_new = signup("c@example.org", json=True).json()
    json_old = signup("a@example.org", json=True).json()
    assert {k: v for k, v in json_new.items() if k != "started"} == {
        k: v for k, v in json_old.items() if k != "started"
    }
    # the confirmed reader got no second email; the pending one no immediate reminder
    assert [m["To"] for m in smtp_server.messages] == ["a@example.org", "b@example.org", "c@example.org"]


def test_unsubscribed_reader_can_sign_up_again(newsletters, signup, smtp_server):
    signup("a@example.org")
    Subscription.objects.update(status=S.UNSUBSCRIBED)
    signup("a@example.org")
    assert Subscription.objects.get().status == S.PENDING
    assert len(smtp_server.messages) == 2


def test_honeypot_looks_successful_and_does_nothing(newsletters, signup, smtp_server):
    response = signup("bot@example.org", website="http://spam.example")
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not smtp_server.messages


def test_too_fast_form_is_refused_with_a_message(newsletters, signup, settings):
    settings.NEWSLETTERS_MIN_FILL_SECONDS = 60
    response = signup("fast@example.org", json=True)
    assert response.status_code == 400
    assert "quicker than we expected" in response.json()["errors"]["__all__"][0]
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Enter your email address."),
        ("not-an-address", "Enter an email address like name@example.com."),
        ("a@b", "Enter an email address like name@example.com."),
        ("x" * 300 + "@example.org", "at most 254 characters"),
        ("x" * 5000 + "@example.org", "at most 254 characters"),
        ("victim@example.org\r\nBcc: everyone@example.org", "Enter an email address like name@example.com."),
        ("ünï@example.org", "Enter an email address like name@example.com."),
    ],
)
def test_bad_addresses_get_a_clear_message_next_to_the_field(newsletters, signup, email, message):
    response = signup(email, json=True)
    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"]["email"])
    page = signup(email)
    assert page.status_code == 400
    html = page.content.decode()
    assert 'aria-invalid="true"' in html and "signup-all-email-error" in html
    assert not Subscriber.objects.exists()


def test_unknown_newsletter_and_forged_timer_and_wrong_method(newsletters, signup, client):
    assert "does not exist" in signup("a@example.org", slugs=["nope"], json=True).json()["errors"]["newsletters"][0]
    assert signup("a@example.org", started="forged", json=True).status_code == 400
    assert signup("a@example.org", source="https://evil.example/", json=True).status_code == 400
    response = client.get("/newsletters/signup/")
    assert response.status_code == 405 and "only accepts POST" in response.content.decode()
    assert client.put("/newsletters/confirm/abc/").status_code == 405
    assert client.get("/newsletters/no-such-letter/").status_code == 404
    assert not Subscriber.objects.exists()


def test_inactive_newsletter_takes_no_signups(newsletters, signup):
    newsletters[0].active = False
    newsletters[0].save()
    assert signup("a@example.org", json=True).status_code == 400


def rate_limit_checks(signup, settings):
    settings.NEWSLETTERS_SIGNUP_RATE_PER_IP = "3/h"
    codes = [signup(f"r{i}@example.org").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = signup("r9@example.org")
    assert limited.status_code == 429 and "Please wait" in limited.content.decode()
    assert 0 < int(limited["Retry-After"]) <= 3600
    settings.NEWSLETTERS_SIGNUP_RATE_PER_IP = "100/h"
    settings.NEWSLETTERS_SIGNUP_RATE_PER_ADDRESS = "2/h"
    cache.clear()
    codes = [signup("same@example.org", json=True).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_rate_limits_in_local_memory_cache(newsletters, signup, settings):
    rate_limit_checks(signup, settings)


def test_rate_limits_in_redis(newsletters, signup, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
            "KEY_PREFIX": "newsletters-test",
        },
    }
    from django.core.cache import caches

    assert "Redis" in type(caches["default"]).__name__
    caches["default"].clear()
    try:
        rate_limit_checks(signup, settings)
    finally:
        caches["default"].clear()


def test_preferences_page_changes_adds_and_leaves_all(newsletters, signup, smtp_server, client):
    signup("reader@example.org", slugs=["briefing"])
    client.post(confirm_link(smtp_server.messages[0]), HTTP_ORIGIN="http://testserver")
    subscriber = Subscriber.objects.get()
    url = f"/newsletters/preferences/{manage_token(subscriber.pk, subscriber.key)}/"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "reader@example.org" in html and not page.cookies
    assert f'value="{newsletters[1].pk}" id="pref-{newsletters[1].pk}">' in html  # offered, not ticked
    assert "Not subscribed" in html

    def post(data):
        return client.post(url, data, HTTP_ORIGIN="http://testserver")

    post({"newsletters": [newsletters[0].pk, newsletters[1].pk]})  # adds Explainer: confirmed at once
    assert dict(Subscription.objects.values_list("newsletter__slug", "status")) == {
        "briefing": S.CONFIRMED,
        "explainer": S.CONFIRMED,
    }
    added = Subscription.objects.get(newsletter=newsletters[1])
    assert added.source_url == "preference page" and "preference page" in added.consent_text
    assert list(added.events.values_list("kind", flat=True)) == ["signed_up", "confirmed"]
    post({"newsletters": [newsletters[1].pk]})
    assert dict(Subscription.objects.values_list("newsletter__slug", "status")) == {
        "briefing": S.UNSUBSCRIBED,
        "explainer": S.CONFIRMED,
    }
    post({"newsletters": [newsletters[0].pk, newsletters[1].pk]})
    assert set(Subscription.objects.values_list("status", flat=True)) == {S.CONFIRMED}
    post({"leave_all": "1"})
    assert set(Subscription.objects.values_list("status", flat=True)) == {S.UNSUBSCRIBED}
    assert post({"newsletters": ["x"]}).status_code == 400
    assert post({"newsletters": ["999999"]}).status_code == 400
    newsletters[1].active = False
    newsletters[1].save()
    third = make_newsletter("weekly", active=False)
    assert post({"newsletters": [third.pk]}).status_code == 400  # not taking sign-ups
    assert post({"newsletters": [newsletters[1].pk]}).status_code == 200  # one they had, still theirs to choose
    assert client.post(url, {"leave_all": "1"}, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.get(url.replace("preferences/", "preferences/x")).status_code == 400


def test_one_click_unsubscribe_post_without_cookies_or_csrf(newsletters, db):
    from masthead.newsletters.models import Subscriber

    subscriber = Subscriber.objects.create(address="reader@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletters[0], status=S.CONFIRMED)
    url = f"/newsletters/unsubscribe/{manage_token(subscriber.pk, subscriber.key, newsletters[0].pk)}/"
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(url)  # a link scanner: nothing changes
    assert page.status_code == 200 and "Yes, unsubscribe me" in page.content.decode()
    assert Subscription.objects.get().status == S.CONFIRMED
    response = strict.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert Subscription.objects.get().status == S.UNSUBSCRIBED
    # a preference-page token (no newsletter in it) is not an unsubscribe token
    assert strict.post(f"/newsletters/unsubscribe/{manage_token(subscriber.pk, subscriber.key)}/").status_code == 400
    # erased readers' links stop working
    subscriber.delete()
    assert strict.post(url).status_code == 400


def test_confirmation_reminders_are_limited(newsletters, signup, smtp_server):
    for _ in range(4):
        signup("pending@example.org")
    assert len(smtp_server.messages) == 1
    Subscription.objects.update(last_confirmation_at="2000-01-01T00:00:00Z")
    signup("pending@example.org")
    assert len(smtp_server.messages) == 2
    # The same subscriptions and nonce, so either email confirms. (Compare what the links say, not the strings:
    # signed links carry the second they were made, so under load the two emails' strings differ.)
    old_link, new_link = (read_confirm_token(confirm_link(m).split("/")[-2]) for m in smtp_server.messages)
    assert old_link == new_link


def test_confirm_token_for_other_subscriptions_does_not_confirm(newsletters, db, client):
    subscriber = Subscriber.objects.create(address="a@example.org")
    subscription = Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletters[0], confirm_nonce="rightnonce1"
    )
    ours = {"HTTP_ORIGIN": "http://testserver"}
    for nonce in ("wrongnonce1", ""):
        url = f"/newsletters/confirm/{confirm_token([subscription.pk], nonce)}/"
        assert client.get(url).status_code == 400 and client.post(url, **ours).status_code == 400
    assert Subscription.objects.get().status == S.PENDING
    url = f"/newsletters/confirm/{confirm_token([subscription.pk], 'rightnonce1')}/"
    assert client.post(url, **ours).status_code == 200
    assert Subscription.objects.get().status == S.CONFIRMED


def test_pages_per_newsletter_and_index(newsletters, client):
    page = client.get("/newsletters/briefing/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="newsletters" value="briefing"' in html and "must be filled in" in html
    index = client.get("/newsletters/")
    assert 'type="checkbox" name="newsletters" value="explainer"' in index.content.decode()
    assert form_started_token()  # smoke


def test_signup_is_one_read_and_one_queued_task_then_one_transaction_in_the_worker(newsletters, client, settings):
    """The hot path: the view reads which newsletters are active and queues the sign-up (one INSERT on the
    database task backend); the worker's sign-up for a new address is two reads and one commit of four INSERTs,
    the confirmation task included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    from masthead.newsletters.catalogue import active_newsletters
    from masthead.newsletters.tasks import send_confirmation_task, sign_up_task

    settings.TASKS = tasks_setting("django_tasks_db.DatabaseBackend")
    data = {
        "email": "fast@example.org",
        "newsletters": ["briefing", "explainer"],
        "started": form_started_token(),
        "website": "",
        "source": "/",
    }
    active_newsletters()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/newsletters/signup/", data, HTTP_ACCEPT="application/json", HTTP_ORIGIN="http://testserver"
        )
        assert response.status_code == 200
    assert [q["sql"].split()[0].upper() for q in queries.captured_queries] == ["SELECT", "INSERT"]
    queued = DBTaskResult.objects.get()
    assert queued.task_path == sign_up_task.module_path
    assert not Subscription.objects.exists()  # nothing decided yet: the worker does it

    with CaptureQueriesContext(connection) as queries:
        sign_up_task.call(*queued.args_kwargs["args"])
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # (the test's own transaction turns the one commit into a savepoint)
    assert statements == ["SELECT", "SAVEPOINT", "INSERT", "INSERT", "INSERT", "INSERT", "RELEASE"]
    task = DBTaskResult.objects.get(task_path=send_confirmation_task.module_path)
    subscriptions = list(Subscription.objects.order_by("pk"))
    assert task.args_kwargs["args"] == [[s.pk for s in subscriptions], subscriptions[0].confirm_nonce]
    assert [s.confirmations_sent for s in subscriptions] == [1, 1]
    assert SubscriptionEvent.objects.filter(kind="signed_up").count() == 2
