import pytest

from masthead.live.factories import add_entry, make_live_page


@pytest.fixture
def live_page(newsroom):
    page = make_live_page(newsroom["sections"][0], newsroom["authors"][:1])
    page.test_entries = [
        add_entry(page, "Turnout was high in the north.", authors=newsroom["authors"][:1]),
        add_entry(page, "The first seat has declared.", headline="First result", key_event=True),
    ]
    return page
