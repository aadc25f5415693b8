"""The search form: what a reader may ask, checked before it reaches the database."""

import unicodedata

from django import forms

from masthead.newsroom.models import Author, SectionPage

MAX_QUERY_LENGTH = 200


def clean_text(value: str) -> str:
    """Drop control characters (NUL breaks PostgreSQL) and collapse whitespace."""
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") else ch for ch in value)
    return " ".join(kept.split())


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=True)
    section = forms.ModelChoiceField(
        queryset=SectionPage.objects.none(), to_field_name="slug", required=False, empty_label="All sections"
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.all(), to_field_name="slug", required=False, empty_label="All authors"
    )
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(
        label="Order", required=False, choices=[("relevance", "Most relevant"), ("newest", "Newest first")]
    )

    def __init__(self, *args, site_root=None, **kwargs):
        super().__init__(*args, **kwargs)
        if site_root is not None:
            self.fields["section"].queryset = SectionPage.objects.child_of(site_root).live().public()

    def clean_q(self):
        query = clean_text(self.cleaned_data.get("q") or "")
        if len(query) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(f"Search for at most {MAX_QUERY_LENGTH} characters.")
        return query

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data
