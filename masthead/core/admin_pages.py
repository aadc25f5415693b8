"""Masthead's own admin pages (a send, a newsletter's numbers, live entries…) on Wagtail's generic base template."""


def titled(title: str) -> dict:
    """The context keys that give such a page its browser title and its visible heading (Wagtail's header, the
    page's h1): the generic template shows a heading only for ``page_title``."""
    return {"header_title": title, "page_title": title}
