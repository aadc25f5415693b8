"""Page slots: named places in Masthead's templates that apps fill without the page knowing them.

A template marks a place with ``{% load slots %}{% slot "article:below-hero" %}``. An app says what goes there
in its ``AppConfig.ready()``::

    slots.register("article:below-hero", "narration/article_player.html")

Each registered template renders with the page's own context, in ``order`` (then registration order). A slot
nobody fills renders nothing, so removing an app never breaks a page. The places are listed in ``PLACES``; a
template naming any other fails loudly (a typo would otherwise hide a feature).
"""

from dataclasses import dataclass

PLACES = {
    "head": "inside every page's <head>: links, meta tags, structured data",
    "header": "the site header, after the section navigation (the search field)",
    "article:below-hero": "an article page, under the hero image and above the body (the narration player)",
    "article:after-header": "an article page, between its header and the hero image (corrections, live status)",
    "article:end": "an article page, after the article and its rail (newsletter sign-up)",
    "home:end": "the home page, after the last block (newsletter sign-up)",
    "footer": "the site footer, after the newsroom's own links",
}


@dataclass(frozen=True)
class Filling:
    template_name: str
    order: int


_fillings: dict[str, list[Filling]] = {place: [] for place in PLACES}


def register(place: str, template_name: str, order: int = 100):
    """Render ``template_name`` in ``place`` on every page that has it; registering twice is harmless."""
    if place not in PLACES:
        raise KeyError(f"No page slot {place!r}; the places are: {', '.join(PLACES)}.")
    filling = Filling(template_name, order)
    if filling not in _fillings[place]:
        _fillings[place].append(filling)
        _fillings[place].sort(key=lambda each: each.order)


def unregister(place: str, template_name: str):
    _fillings[place] = [each for each in _fillings[place] if each.template_name != template_name]


def templates_for(place: str) -> list[str]:
    if place not in PLACES:
        raise KeyError(f"No page slot {place!r}; the places are: {', '.join(PLACES)}.")
    return [each.template_name for each in _fillings[place]]
