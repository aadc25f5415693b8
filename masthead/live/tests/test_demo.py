"""The demo newsroom ships a running live page on its front and a corrected article."""

import pytest

from masthead.corrections.models import Correction
from masthead.live.models import LivePage
from masthead.newsroom.demo import demo_loaded
from masthead.newsroom.demo.load import load_demo

pytestmark = pytest.mark.django_db


def test_demo_adds_a_live_page_on_the_front_and_a_correction(client, newsroom):
    demo_loaded.send(sender=None, articles=newsroom["articles"])  # another app's test newsroom: left alone
    assert not LivePage.objects.exists() and not Correction.objects.exists()
    demo_loaded.send(sender=load_demo, articles=newsroom["articles"])
    demo_loaded.send(sender=load_demo, articles=newsroom["articles"])  # twice: nothing doubles
    page = LivePage.objects.get()
    assert page.live and page.is_live
    assert page.entries.count() == 12 and len(page.key_events()) >= 4
    home = client.get("/").content.decode()
    assert f'href="{page.url}"' in home and "Live:" in home
    html = client.get(page.url).content.decode()
    assert html.count('<article class="live-entry') == 12
    correction = Correction.objects.get()
    assert "It has been corrected." in client.get(correction.article.url).content.decode()
