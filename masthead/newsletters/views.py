"""Reader-facing pages: sign-up (with and without JavaScript), confirm, preferences, one-click unsubscribe."""

from functools import wraps

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from masthead.core.cache import CacheUnavailable
from masthead.newsletters import origins, ratelimit, subscriptions
from masthead.newsletters.catalogue import active_newsletters
from masthead.newsletters.forms import CONSENT_TEXT, HONEYPOT_FIELD, SignupForm
from masthead.newsletters.models import Newsletter, Subscription
from masthead.newsletters.tasks import sign_up_task
from masthead.newsletters.tokens import (
    BadToken,
    ExpiredToken,
    form_started_token,
    read_confirm_token,
    read_form_started,
    read_manage_token,
)

SUCCESS_MESSAGE = (
    "Thank you. If that address can receive our newsletters, an email asking you to confirm is on its way. "
    "Open it and follow the link; nothing else is sent until you do."
)
TOO_FAST_MESSAGE = "That was quicker than we expected. Please check your address and send the form again."
OUT_OF_DATE_MESSAGE = "This form is out of date. Please send it again."
REPLAYED_MESSAGE = "This form was sent already. Please send it again."
PREFERENCES_CONSENT_TEXT = "Chosen on the preference page reached from a link in our email to this address."
FORM_TOKEN_SECONDS = 86400  # how long a fill-timer token is good for, and how long its spent nonce is remembered


def allow(*methods):
    """Like require_http_methods, but the 405 is a page a person can read."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                response = render(
                    request,
                    "newsletters/problem.html",
                    {
                        "title": "That does not work here",
                        "message": f"This address only accepts {' or '.join(methods)} requests.",
                    },
                    status=405,
                )
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def problem(request, title, message, status=400):
    return render(request, "newsletters/problem.html", {"title": title, "message": message}, status=status)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def signup_reply(request, status, message="", errors=None, form=None, retry_after=None):
    """The answer to a sign-up POST: JSON for the script (with a fresh fill-timer token), else a page."""
    if wants_json(request):
        response = JsonResponse(
            {"ok": status == 200, "message": message, "errors": errors or {}, "started": form_started_token()},
            status=status,
        )
    elif status == 200:
        response = render(request, "newsletters/signed_up.html", {"message": message})
    elif form is None:
        titles = {403: "Sign-up not accepted", 429: "Too many sign-ups", 503: "Sign-ups paused"}
        response = problem(request, titles.get(status, "Sign-up not accepted"), message, status=status)
    else:
        context = {"newsletters": active_newsletters(), "form": form, "message": message, "errors": errors or {}}
        response = render(request, "newsletters/index.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def form_problem(request, message, form):
    return signup_reply(request, 400, message, {"__all__": [message]}, form)


def over_limit(request, scope, ident, rate):
    """None within the limit, else the 429 (or, with the shared cache away, a 503: the form fails closed)."""
    try:
        wait = ratelimit.wait_seconds(scope, ident, rate)
    except CacheUnavailable:
        return signup_reply(
            request, 503, "Sign-ups are paused for a moment. Please try again in a minute.", retry_after=60
        )
    if wait:
        minutes = max(1, round(wait / 60))
        message = (
            "We have had a lot of sign-ups from here in a short time. "
            f"Please wait {minutes} minute{'s' if minutes > 1 else ''} and try again."
        )
        return signup_reply(request, 429, message, retry_after=wait)
    return None


def timer_problem(started):
    """The fill timer, when the script fetched one (a form sent without JavaScript has none): a message, or ""."""
    try:
        elapsed, nonce = read_form_started(started)
    except BadToken:
        return OUT_OF_DATE_MESSAGE
    if elapsed < settings.NEWSLETTERS_MIN_FILL_SECONDS:
        return TOO_FAST_MESSAGE
    if not ratelimit.spend_once("form-token", nonce, FORM_TOKEN_SECONDS):
        return REPLAYED_MESSAGE
    return ""


@csrf_exempt  # the pages holding this form carry no token, so they can be cached: checked by origin instead
@allow("POST")
def signup(request):
    if reason := origins.refusal(request):
        message = f"We did not accept this sign-up because {reason}. Please use the form on our own pages."
        return signup_reply(request, 403, message)
    ip = ratelimit.client_ip(request)
    if limited := over_limit(request, "signup-ip", ip, settings.NEWSLETTERS_SIGNUP_RATE_PER_IP):
        return limited
    form = SignupForm(request.POST)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return signup_reply(request, 400, "Please correct the form.", errors, form)
    if form.cleaned_data[HONEYPOT_FIELD]:
        return signup_reply(request, 200, SUCCESS_MESSAGE)  # a bot: look successful, do nothing
    if form.cleaned_data["started"] and (message := timer_problem(form.cleaned_data["started"])):
        return form_problem(request, message, form)
    address = form.cleaned_data["email"]
    if limited := over_limit(request, "signup-address", address, settings.NEWSLETTERS_SIGNUP_RATE_PER_ADDRESS):
        return limited
    # The catalogue may be cached in another process; the database has the last word on which are active.
    newsletter_ids = list(Newsletter.objects.filter(pk__in=form.chosen_ids(), active=True).values_list("pk", flat=True))
    # Queued, not done here: the same work (one read, one queued task) for a new, pending or confirmed address,
    # so the answer's timing tells nobody which it is.
    sign_up_task.enqueue(address, newsletter_ids, form.cleaned_data["source"], CONSENT_TEXT)
    return signup_reply(request, 200, SUCCESS_MESSAGE)


@never_cache
@allow("GET")
def signup_start(request):
    """The fill timer for a form the reader has begun, fetched by signup.js: per reader, so never cached."""
    return JsonResponse({"started": form_started_token()})


@allow("GET")
def index(request):
    return render(request, "newsletters/index.html", {"newsletters": active_newsletters(), "errors": {}})


@allow("GET")
def detail(request, slug):
    newsletter = Newsletter.objects.filter(slug=slug, active=True).select_related("host").first()
    if newsletter is None:
        raise Http404("No such newsletter.")
    entry = next((e for e in active_newsletters() if e["pk"] == newsletter.pk), None)
    return render(request, "newsletters/detail.html", {"newsletter": newsletter, "entry": entry, "errors": {}})


def bad_link(request, exc):
    if isinstance(exc, ExpiredToken):
        return problem(
            request,
            "This link has expired",
            "Confirmation links work for a week. Sign up again and we will send you a fresh one.",
            status=410,
        )
    return problem(
        request,
        "This link does not work",
        "It may have been used already, replaced by a newer email, or changed on the way. "
        "If you confirmed before, you are subscribed and need do nothing.",
    )


def same_origin(view):
    """For reader forms without a CSRF token (their links' signed token is the secret): POSTs from our pages only."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and (reason := origins.refusal(request)):
            return problem(
                request, "Not accepted", f"We did not accept this because {reason}. Please use our own pages.", 403
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def _welcome(request, confirmed, template):
    return render(
        request,
        template,
        {
            "newsletters": [s.newsletter for s in confirmed],
            "preferences_token": _manage_token_for(confirmed[0].subscriber),
        },
    )


@same_origin
@allow("GET", "POST")
def confirm(request, token):
    """GET shows a Confirm button (mail scanners follow links; they do not press buttons); POST confirms. A link
    already used answers "You are already subscribed"."""
    try:
        ids, nonce = read_confirm_token(token)
    except BadToken as exc:
        return bad_link(request, exc)
    if request.method == "POST":
        try:
            return _welcome(request, subscriptions.confirm(ids, nonce), "newsletters/confirmed.html")
        except BadToken:
            pass  # confirmed by an earlier press, or the link was superseded: answered below
    elif pending := subscriptions.awaiting_confirmation(ids, nonce):
        return render(request, "newsletters/confirm.html", {"newsletters": [s.newsletter for s in pending]})
    if confirmed := subscriptions.already_confirmed(ids):
        return _welcome(request, confirmed, "newsletters/already_subscribed.html")
    return bad_link(request, BadToken("used or superseded"))


def _manage_token_for(subscriber):
    from masthead.newsletters.tokens import manage_token

    return manage_token(subscriber.pk, subscriber.key)


def _subscriber_from(token, need_newsletter=False):
    subscriber_id, key, newsletter_id = read_manage_token(token)
    if need_newsletter and newsletter_id is None:
        raise BadToken("no newsletter named")
    return subscriptions.subscriber_for_link(subscriber_id, key), newsletter_id


@same_origin
@allow("GET", "POST")
def preferences(request, token):
    try:
        subscriber, _newsletter_id = _subscriber_from(token)
    except BadToken as exc:
        return bad_link(request, exc)
    current = {s.newsletter_id: s for s in subscriber.subscriptions.select_related("newsletter")}
    # The reader's own newsletters (even ones no longer taking sign-ups, so they can leave them) and every active one.
    choices = {s.newsletter_id: s.newsletter for s in current.values()}
    choices.update({n.pk: n for n in Newsletter.objects.filter(active=True)})
    saved = False
    if request.method == "POST":
        if "leave_all" in request.POST:
            wanted = set()
        else:
            try:
                wanted = {int(pk) for pk in request.POST.getlist("newsletters")[:100]}
            except ValueError:
                return problem(request, "Unknown newsletter", "Please choose from the list on the page.")
        joinable = set(current) | {pk for pk, n in choices.items() if n.active}
        if not wanted <= joinable:
            return problem(request, "Unknown newsletter", "Please choose from the list on the page.")
        subscriptions.set_preferences(subscriber, wanted, consent_text=PREFERENCES_CONSENT_TEXT)
        current = {s.newsletter_id: s for s in subscriber.subscriptions.select_related("newsletter")}
        saved = True
    rows = [
        {
            "newsletter": n,
            "status": current[pk].get_status_display() if pk in current else "Not subscribed",
            "checked": pk in current and current[pk].status == Subscription.Status.CONFIRMED,
        }
        for pk, n in sorted(choices.items(), key=lambda item: (item[1].sort_order, item[1].name))
    ]
    return render(request, "newsletters/preferences.html", {"subscriber": subscriber, "rows": rows, "saved": saved})


@csrf_exempt  # RFC 8058: mail clients POST without cookies or CSRF tokens; the signed URL is the authority
@allow("GET", "POST")
def unsubscribe(request, token):
    try:
        subscriber, newsletter_id = _subscriber_from(token, need_newsletter=True)
    except BadToken as exc:
        return bad_link(request, exc)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None:
        return problem(request, "This link does not work", "That newsletter no longer exists.", status=404)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber, [newsletter.pk], "one-click link")
    return render(
        request,
        "newsletters/unsubscribe.html",
        {
            "newsletter": newsletter,
            "done": request.method == "POST",
            "preferences_token": _manage_token_for(subscriber),
        },
    )
