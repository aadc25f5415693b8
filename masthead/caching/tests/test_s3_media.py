"""Media on S3 (django-storages) against moto's S3 server on loopback: uploads, renditions, narration audio."""

import boto3
import pytest
from moto.server import ThreadedMotoServer

from masthead.caching.tests.conftest import free_port

pytestmark = pytest.mark.django_db
BUCKET = "newsroom-media"


@pytest.fixture
def s3_media(settings, monkeypatch):
    """``MEDIA_S3_BUCKET`` as settings.py turns it into STORAGES, pointed at a real moto S3 server."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    for name, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}.items():
        monkeypatch.setenv(name, value)
    endpoint = f"http://127.0.0.1:{port}"
    bucket = boto3.resource("s3", endpoint_url=endpoint, region_name="us-east-1").Bucket(BUCKET)
    bucket.create()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "masthead.caching.storage.ProxiedS3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": endpoint, "region_name": "us-east-1"},
        },
    }
    yield bucket
    server.stop()


def keys(bucket) -> set[str]:
    return {item.key for item in bucket.objects.all()}


def test_images_and_renditions_live_in_the_bucket_and_are_served_from_our_host(s3_media, client):
    from masthead.newsroom.factories import ImageFactory

    image = ImageFactory()
    rendition = image.get_rendition("width-400")
    assert image.file.name in keys(s3_media) and rendition.file.name in keys(s3_media)
    assert rendition.url.startswith("/media/")  # never another host

    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    body = b"".join(response.streaming_content)
    assert body == s3_media.Object(rendition.file.name).get()["Body"].read()

    partial = client.get(rendition.url, HTTP_RANGE="bytes=0-9")
    assert partial.status_code == 206 and partial.content == body[:10]
    assert partial["Content-Range"] == f"bytes 0-9/{len(body)}"
    assert client.get("/media/images/no-such-file.png").status_code == 404


def test_narration_audio_is_written_to_the_bucket(s3_media, newsroom, settings, client):
    from masthead.narration.service import narrate

    settings.MASTHEAD_NARRATION_ENGINE = "masthead.narration.tests.engines.ToneEngine"
    narration = narrate(newsroom["articles"][0])
    assert narration.audio.name in keys(s3_media)
    assert narration.audio.url.startswith("/media/")
    audio = client.get(narration.audio.url, HTTP_RANGE="bytes=0-99")
    assert audio.status_code == 206 and audio["Content-Type"] == "audio/mpeg"
