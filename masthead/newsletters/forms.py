"""The sign-up form: one address, one or more newsletters, a honeypot and a fill timer."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme

from masthead.newsletters.addresses import normalise_address
from masthead.newsletters.catalogue import active_newsletters

# The wording a reader sees next to the button; stored with each subscription as the record of consent.
CONSENT_TEXT = (
    "We will email you only the newsletters you choose, after you confirm by clicking the link we send. "
    "Every email has a link to change your choices or leave."
)
HONEYPOT_FIELD = "website"  # invisible to people, tempting to form-filling bots


class SignupForm(forms.Form):
    email = forms.CharField(
        max_length=320,
        strip=False,
        error_messages={
            "required": "Enter your email address.",
            "max_length": "An email address has at most 254 characters.",
        },
    )
    newsletters = forms.MultipleChoiceField(
        error_messages={
            "required": "Choose at least one newsletter.",
            "invalid_choice": "That newsletter does not exist or takes no sign-ups now.",
        }
    )
    website = forms.CharField(required=False, max_length=200)
    started = forms.CharField(required=False, max_length=200)  # the fill timer; only forms sent by signup.js have it
    source = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogue = {entry["slug"]: entry for entry in active_newsletters()}
        self.fields["newsletters"].choices = [(slug, entry["name"]) for slug, entry in self.catalogue.items()]

    def clean_email(self):
        return normalise_address(self.cleaned_data["email"])

    def clean_source(self):
        source = self.cleaned_data["source"]
        if source and not (source.startswith("/") and url_has_allowed_host_and_scheme(source, allowed_hosts=None)):
            raise ValidationError("Unknown page.")
        return source

    def chosen_ids(self):
        return [self.catalogue[slug]["pk"] for slug in self.cleaned_data["newsletters"]]
