from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from masthead.live.models import LiveEntry, paragraphs_body
from masthead.newsroom.models import Author


class QuickEntryForm(forms.Form):
    """The few fields a breaking update needs; images, quotes and teasers are added in the full editor."""

    headline = forms.CharField(max_length=255, required=False, help_text="Optional.")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), help_text="A blank line starts a new paragraph.", max_length=20_000
    )
    authors = forms.ModelMultipleChoiceField(
        queryset=Author.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    is_key_event = forms.BooleanField(required=False, label="Key event", help_text="Pin it to the key events.")

    def clean_text(self):
        body = paragraphs_body(self.cleaned_data["text"])
        if not body:
            raise forms.ValidationError("Write the update's text.")
        return body

    def save(self, page):
        entry = LiveEntry.objects.create(
            page=page,
            posted_at=timezone.now(),
            headline=self.cleaned_data["headline"].strip(),
            body=self.cleaned_data["text"],
            is_key_event=self.cleaned_data["is_key_event"],
        )
        entry.authors.set(self.cleaned_data["authors"])
        return entry


class EntryForm(WagtailAdminModelForm):
    class Meta:
        model = LiveEntry
        fields = ["posted_at", "headline", "body", "authors", "is_key_event"]
        widgets = {"posted_at": AdminDateTimeInput, "authors": forms.CheckboxSelectMultiple}
