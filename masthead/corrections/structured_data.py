"""schema.org ``correction`` on an article: a ``CorrectionComment`` per standing correction."""

from masthead.corrections.models import Correction, shown_corrections


def correction_comment(correction, url):
    return {
        "@type": "CorrectionComment",
        "text": correction.text,
        "datePublished": correction.made_at.isoformat(),
        "url": f"{url}#{correction.anchor}",
    }


def extend_with_corrections(article, data, url):
    corrections = [c for c in shown_corrections(article.pk) if c.kind == Correction.Kind.CORRECTION]
    if corrections:
        data["correction"] = [correction_comment(correction, url) for correction in corrections]


def correction_fingerprint(article):
    return repr([(c.pk, c.updated_at) for c in shown_corrections(article.pk)])
