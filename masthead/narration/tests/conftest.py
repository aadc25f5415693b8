import pytest

from masthead.core.testing import tasks_setting
from masthead.newsroom.factories import ArticlePageFactory, AuthorFactory, tree_root

IMMEDIATE = tasks_setting("django_tasks.backends.immediate.ImmediateBackend")
DATABASE = tasks_setting("django_tasks_db.DatabaseBackend")
TONE = "masthead.narration.tests.engines.ToneEngine"

BODY = [
    ("paragraph", "<p>The council met on Monday. Dr. Lee said the U.S. plan costs $42 million.</p>"),
    ("subheading", "What happens next"),
    ("image", None),
    ("pull_quote", {"quote": "We will rebuild the bridge.", "attribution": "The mayor"}),
    ("paragraph", "<p>Work starts in 2026. It will take 18 months &amp; more.</p><p>A second paragraph.</p>"),
]


@pytest.fixture
def tone_engine(settings):
    settings.MASTHEAD_NARRATION_ENGINE = TONE
    settings.TASKS = IMMEDIATE
    return settings


@pytest.fixture
def committed_newsroom(transactional_db):
    """A newsroom whose transactions really commit: for the database worker, which closes old connections."""
    from masthead.newsroom.factories import build_newsroom

    tree_root()
    return build_newsroom(articles_per_section=1)


def make_article(section, body=None, title="Bridge to reopen", **kwargs):
    body = [block for block in (body or BODY) if block[0] != "image"]
    return ArticlePageFactory(
        parent=section,
        title=title,
        body=body,
        authors=kwargs.pop("authors", None) or [AuthorFactory(name="Ann Reporter")],
        **kwargs,
    )
