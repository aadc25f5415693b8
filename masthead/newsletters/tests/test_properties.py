"""Hostile and arbitrary input to address handling and signed links: never a crash, never a wrong answer."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masthead.newsletters.addresses import MAX_ADDRESS_LENGTH, normalise_address
from masthead.newsletters.tokens import BadToken, confirm_token, manage_token, read_confirm_token, read_manage_token

pytestmark = pytest.mark.db_sensitive

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(st.text(max_size=400))
def test_normalise_accepts_or_refuses_cleanly(raw):
    try:
        address = normalise_address(raw)
    except ValidationError:
        return
    assert len(address) <= MAX_ADDRESS_LENGTH
    assert not any(c in address for c in "\r\n\x00") and address == address.strip()
    assert normalise_address(address) == address  # idempotent
    local, domain = address.rsplit("@", 1)
    assert domain == domain.lower() and domain.isascii()


@FAST
@given(st.emails())
def test_valid_addresses_survive_with_local_part_as_typed(address):
    try:
        normalised = normalise_address(f"  {address} ")
    except ValidationError:
        return  # hypothesis' emails() allows a few forms Django refuses (e.g. very long labels)
    assert normalised.rsplit("@", 1)[0] == address.rsplit("@", 1)[0]
    assert normalised.rsplit("@", 1)[1] == address.rsplit("@", 1)[1].lower()


@FAST
@given(st.text(max_size=600))
def test_arbitrary_tokens_are_refused(token):
    with pytest.raises(BadToken):
        read_confirm_token(token)
    with pytest.raises(BadToken):
        read_manage_token(token)


@FAST
@given(st.integers(1, 2**31), st.text(min_size=1, max_size=20), st.integers(0, 200), st.characters())
def test_tampered_tokens_are_refused(pk, key, position, char):
    for token, reader in (
        (manage_token(pk, key, 3), read_manage_token),
        (confirm_token([pk], "nonce123"), read_confirm_token),
    ):
        assert reader(token)
        index = position % len(token)
        tampered = token[:index] + char + token[index + 1 :]
        if tampered != token:
            with pytest.raises(BadToken):
                reader(tampered)


def test_tokens_of_one_kind_do_not_work_as_another():
    with pytest.raises(BadToken):
        read_manage_token(confirm_token([1], "nonce123"))
    with pytest.raises(BadToken):
        read_confirm_token(manage_token(1, "key"))


@pytest.mark.django_db
@FAST
@given(
    token=st.text(
        alphabet=st.characters(blacklist_characters="/?#%", blacklist_categories=["Cs"]), min_size=1, max_size=300
    )
)
def test_link_views_answer_4xx_to_any_token(client, token):
    for prefix in ("confirm", "preferences", "unsubscribe"):
        response = client.get(f"/newsletters/{prefix}/{token}/")
        assert response.status_code in (400, 404, 410)
