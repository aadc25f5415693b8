"""Wagtail admin views beyond create/edit: sending an issue (test, now, scheduled), its progress, and a reader's
data export and erasure."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from masthead.core.admin_pages import titled
from masthead.newsletters import sending
from masthead.newsletters.addresses import normalise_address
from masthead.newsletters.emails import test_message
from masthead.newsletters.models import Delivery, Issue, Newsletter, Subscriber
from masthead.newsletters.subscriptions import erase_subscriber, export_subscriber, log_erasure
from masthead.newsletters.tracking import issue_tracking_numbers

MAX_TEST_ADDRESSES = 10


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


class TestSendForm(forms.Form):
    addresses = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
        help_text=f"Up to {MAX_TEST_ADDRESSES} addresses, separated by commas or new lines.",
    )

    def clean_addresses(self):
        raw = [part for part in self.cleaned_data["addresses"].replace(",", "\n").splitlines() if part.strip()]
        if len(raw) > MAX_TEST_ADDRESSES:
            raise ValidationError(f"At most {MAX_TEST_ADDRESSES} addresses.")
        addresses = []
        for part in raw:
            try:
                addresses.append(normalise_address(part))
            except ValidationError as exc:
                raise ValidationError(f"{part.strip()[:80]!r}: {exc.messages[0]}") from exc
        return addresses


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="In the newsroom's time zone.",
    )

    def clean_send_at(self):
        when = self.cleaned_data["send_at"]
        if when <= timezone.now():
            raise ValidationError("Choose a time in the future.")
        return when


def confirm_send(request, issue, when):
    """The page between the button and the send: exactly who, what, from whom and when, and a second button."""
    return TemplateResponse(
        request,
        "newsletters/admin/issue_confirm.html",
        {
            "issue": issue,
            "recipients": sending.audience(issue.newsletter_id).count(),
            "when": when,
            "send_at_value": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M") if when else "",
            "postal_address": settings.NEWSLETTERS_POSTAL_ADDRESS,
            "send_rate": settings.NEWSLETTERS_SEND_RATE,
            **titled(f"Confirm: {issue.subject}"),
        },
    )


def _start(request, issue, action):
    """Send now / schedule: the first POST asks for confirmation, the second (``confirmed``) starts the send."""
    when = None
    if action == "schedule":
        schedule_form = ScheduleForm(request.POST, prefix="schedule")
        if not schedule_form.is_valid():
            return None, schedule_form
        when = schedule_form.cleaned_data["send_at"]
    try:
        sending.check_sendable(issue)
    except sending.NotSendable as exc:
        messages.error(request, str(exc))
        return redirect(request.path), None
    if request.POST.get("confirmed") != str(issue.pk):
        return confirm_send(request, issue, when), None
    try:
        sending.start_send(issue, run_after=when)
    except sending.NotSendable as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"Scheduled for {timezone.localtime(when):%d %b %Y %H:%M}." if when else "Sending has started."
        )
    return redirect(request.path), None


def _control(request, issue, action):
    """Pause, resume or cancel a send; each says what happened."""
    if action == "pause":
        done = sending.pause(issue.pk)
        text = "Paused: workers finish the message in hand and stop." if done else "This issue is not sending."
    elif action == "resume":
        done = sending.resume(issue.pk)
        text = (
            "Resuming: rows a stopped worker left behind are re-queued or reported." if done else "Nothing to resume."
        )
    else:
        try:
            dropped = sending.cancel(issue.pk)
        except sending.NotSendable as exc:
            done, text = False, str(exc)
        else:
            done, text = True, f"Cancelled: {dropped} message(s) will not be sent." if dropped else "Cancelled."
    (messages.success if done else messages.error)(request, text)
    return redirect(request.path)


def issue_send(request, pk):
    """One page per issue: send a test, send now, schedule, and watch the progress and final report."""
    _require(request, "newsletters.change_issue")
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
    test_form, schedule_form = TestSendForm(prefix="test"), ScheduleForm(prefix="schedule")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            test_form = TestSendForm(request.POST, prefix="test")
            if test_form.is_valid():
                for address in test_form.cleaned_data["addresses"]:
                    test_message(issue, address).send()
                messages.success(request, f"Test sent to {', '.join(test_form.cleaned_data['addresses'])}.")
                return redirect(request.path)
        elif action in ("now", "schedule"):
            response, invalid_form = _start(request, issue, action)
            if response is not None:
                return response
            schedule_form = invalid_form
        elif action in ("pause", "resume", "cancel"):
            return _control(request, issue, action)
        else:
            return HttpResponse("Unknown action.", status=400, content_type="text/plain")
    report = sending.progress(issue)
    problems = Delivery.objects.filter(issue=issue, status__in=[Delivery.Status.FAILED, Delivery.Status.UNKNOWN])
    return TemplateResponse(
        request,
        "newsletters/admin/issue_send.html",
        {
            "issue": issue,
            "report": report,
            "numbers": sending.issue_numbers(issue) if issue.send_started_at else None,
            "tracking": issue_tracking_numbers(issue) if issue.send_started_at else None,
            "test_form": test_form,
            "schedule_form": schedule_form,
            "problems": problems.order_by("pk")[:50],
            "problem_count": problems.count(),
            "refresh": issue.status in (Issue.Status.SENDING, Issue.Status.SCHEDULED),
            "postal_address_missing": not settings.NEWSLETTERS_POSTAL_ADDRESS.strip(),
            "lease": settings.NEWSLETTERS_CLAIM_LEASE_SECONDS,
            **titled(f"Send: {issue.subject}"),
        },
        status=200 if request.method == "GET" else 400,
    )


def subscriber_export(request, pk):
    _require(request, "newsletters.change_subscriber")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    response = HttpResponse(json.dumps(export_subscriber(subscriber), indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
    return response


def subscriber_erase(request, pk):
    _require(request, "newsletters.delete_subscriber")
    subscriber = get_object_or_404(Subscriber, pk=pk)
    if request.method == "POST":
        log_erasure(subscriber, request.user)
        erase_subscriber(subscriber)
        messages.success(request, "The subscriber and their history were erased.")
        return redirect("wagtailsnippets_newsletters_subscriber:list")
    return TemplateResponse(
        request,
        "newsletters/admin/subscriber_erase.html",
        {
            "subscriber": subscriber,
            **titled(f"Erase {subscriber.address}"),
        },
    )


def newsletter_numbers(request, pk):
    """Subscribers over time and sign-ups per source page, as SVG charts with their data tables."""
    from masthead.newsletters import charts

    _require(request, "newsletters.view_newsletter")
    newsletter = get_object_or_404(Newsletter, pk=pk)
    sources = charts.signups_per_source(newsletter)
    series = charts.subscribers_over_time(newsletter)
    return TemplateResponse(
        request,
        "newsletters/admin/newsletter_numbers.html",
        {
            "newsletter": newsletter,
            "series": series,
            "series_rows": list(zip(series.days, series.totals, strict=True)),
            "sources": sources,
            "sources_height": 30 + 26 * len(sources),
            "width": charts.WIDTH,
            "height": charts.HEIGHT,
            "pad": charts.PAD,
            **titled(f"Numbers: {newsletter.name}"),
        },
    )
