"""The public web version of every issue that went out (linked from the email) and each newsletter's archive."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from masthead.newsletters.emails import article_cards
from masthead.newsletters.models import Issue, Newsletter
from masthead.newsletters.views import allow

PER_PAGE = 20


def published_issues(newsletter):
    return newsletter.issues.filter(send_started_at__isnull=False).order_by("-send_started_at")


@allow("GET")
def issue_list(request, slug):
    newsletter = get_object_or_404(Newsletter, slug=slug)
    page = Paginator(published_issues(newsletter).only("pk", "subject", "preheader", "send_started_at"), PER_PAGE)
    issues = page.get_page(request.GET.get("page"))  # any bad page number falls back to a real page
    return render(request, "newsletters/archive.html", {"newsletter": newsletter, "issues": issues})


@allow("GET")
def issue_page(request, slug, pk):
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk, newsletter__slug=slug)
    if not issue.public:  # drafts and schedules stay private until they go out
        raise Http404("No such issue.")
    return render(
        request,
        "newsletters/issue_page.html",
        {"issue": issue, "newsletter": issue.newsletter, "cards": article_cards(issue)},
    )
