"""Opens and clicks, for newsletters that turn them on (``Newsletter.track_opens_and_clicks``, off by default).

At send time the frozen HTML gets a 1×1 image and its links go through ``/newsletters/t/c/…``; each recipient's
copy names its delivery by the same signed id as the VERP return path (bounces.signed_delivery_id). The link
target is signed with the issue (tokens.click_token), so the redirect only ever goes where the email pointed.
Unsubscribe, preference and web-version links are left alone; the public web version carries no tracking.
"""

import html as html_lib
import logging
import re

from django.db import DatabaseError
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from masthead.newsletters.bounces import read_signed_delivery_id
from masthead.newsletters.emails import PREFERENCES_STANDIN, TRACKING_STANDIN, UNSUBSCRIBE_STANDIN, absolute
from masthead.newsletters.models import Click, Delivery, Open
from masthead.newsletters.tokens import BadToken, click_token, read_click_token
from masthead.newsletters.views import allow, problem

logger = logging.getLogger(__name__)

# Each recipient's signed delivery id replaces this in the tracked HTML (see emails.PreparedIssue).
DELIVERY_STANDIN = TRACKING_STANDIN
TRANSPARENT_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
HREF = re.compile(r'href="([^"]*)"')


# --- At send time


def add_tracking(html: str, issue) -> str:
    """The issue's HTML with tracked links and the open image; the reader's own links and the web version stay."""
    keep = {UNSUBSCRIBE_STANDIN, PREFERENCES_STANDIN, absolute(issue.get_absolute_url())}
    click_prefix = absolute(reverse("newsletters:click", args=[DELIVERY_STANDIN, "LINK"])).split("LINK")

    def rewrite(match):
        target = html_lib.unescape(match.group(1))
        if not target.startswith(("http://", "https://")) or target in keep:
            return match.group(0)
        tracked = click_prefix[0] + click_token(issue.pk, target) + click_prefix[1]
        return f'href="{html_lib.escape(tracked)}"'

    pixel = absolute(reverse("newsletters:open", args=[DELIVERY_STANDIN]))
    image = f'<img src="{pixel}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">'
    tracked = HREF.sub(rewrite, html)
    if "</body>" in tracked:
        return tracked.replace("</body>", image + "</body>", 1)
    return tracked + image


# --- Recording (the views below and the email services' webhooks)


def _tracked_delivery(delivery_id):
    """(delivery id, issue id) when the delivery exists and its newsletter tracks; else None. One query."""
    return (
        Delivery.objects.filter(pk=delivery_id, issue__newsletter__track_opens_and_clicks=True)
        .values_list("pk", "issue_id")
        .first()
    )


def record_open(delivery_id) -> bool:
    """The first open of a delivery is kept (a unique open); later ones change nothing."""
    row = _tracked_delivery(delivery_id)
    if row is None:
        return False
    Open.objects.bulk_create([Open(delivery_id=row[0], issue_id=row[1])], ignore_conflicts=True)
    return True


def record_click(delivery_id, url, issue_id=None) -> bool:
    """The first click of a delivery on one link; ``issue_id`` (from the signed link) must match the delivery's."""
    row = _tracked_delivery(delivery_id)
    if row is None or not url or (issue_id is not None and row[1] != issue_id):
        return False
    Click.objects.bulk_create([Click(delivery_id=row[0], issue_id=row[1], url=url[:2000])], ignore_conflicts=True)
    return True


def _safely(record, *args):
    """Recording must never cost the reader the image or the link: a database error is logged, not raised."""
    try:
        return record(*args)
    except DatabaseError:
        logger.exception("Could not record a newsletter open or click.")
        return False


# --- Numbers for the issue's page in the admin


def issue_tracking_numbers(issue):
    """Unique opens and unique clicks per link: two queries."""
    clicks = list(
        Click.objects.filter(issue=issue).values_list("url").annotate(n=Count("pk")).order_by("-n", "url")[:200]
    )
    return {"opens": Open.objects.filter(issue=issue).count(), "clicks": clicks}


# --- The reader-facing URLs


@allow("GET", "HEAD")
@never_cache
def open_image(request, token):
    """Always the image, never cached: a damaged or forged token simply records nothing."""
    delivery_id = read_signed_delivery_id(token)
    if delivery_id is not None and request.method == "GET":
        _safely(record_open, delivery_id)
    response = HttpResponse(TRANSPARENT_GIF, content_type="image/gif")
    response["Cache-Control"] = "no-store, private"
    return response


@allow("GET", "HEAD")
@never_cache
def click(request, delivery, link):
    """Go where the email's link pointed (the signed target, nothing else); count it once per delivery."""
    try:
        issue_id, target = read_click_token(link)
    except BadToken:
        return problem(
            request,
            "This link is damaged",
            "The address was changed or cut short, so we cannot tell where it should go. "
            "Please use the link in the email as it came.",
        )
    if not target.startswith(("http://", "https://")):
        return problem(request, "This link is damaged", "This link does not lead to a web page.")
    delivery_id = read_signed_delivery_id(delivery)
    if delivery_id is not None and request.method == "GET":
        _safely(record_click, delivery_id, target, issue_id)
    response = HttpResponseRedirect(target)
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    return response
