"""The real Piper voice: audio that decodes, lasts as long as its timings say, and has speech where they say."""

import itertools

import miniaudio
import numpy as np
import pytest

from masthead.narration.engines import PiperEngine, get_engine
from masthead.narration.models import Narration
from masthead.narration.tests.conftest import IMMEDIATE, make_article

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

BODY = [
    ("paragraph", "<p>The river rose by 2.5 metres overnight. Dr. Ana Silva said the town was ready.</p>"),
    ("paragraph", "<p>Schools will stay closed until Monday. Volunteers filled 3,000 sandbags.</p>"),
]


def rms(samples):
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0


def test_piper_narration_decodes_and_matches_its_timings(newsroom, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    assert isinstance(get_engine(), PiperEngine)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(newsroom["sections"][0], body=BODY, title="Flood waters rise")
    narration = Narration.objects.get(article=article)
    assert narration.status == "ready", narration.error
    assert (narration.engine, narration.voice) == ("piper", "en_US-joe-medium")

    decoded = miniaudio.mp3_read_s16(narration.audio.read())
    assert (decoded.sample_rate, decoded.nchannels) == (22050, 1)
    samples = np.frombuffer(decoded.samples, dtype=np.int16)
    decoded_seconds = len(samples) / decoded.sample_rate
    assert decoded_seconds == pytest.approx(narration.duration, rel=0.02)

    timings = narration.timings
    assert [t["text"] for t in timings] == [
        "Flood waters rise",
        "By Ann Reporter.",
        "The river rose by 2.5 metres overnight.",
        "Dr. Ana Silva said the town was ready.",
        "Schools will stay closed until Monday.",
        "Volunteers filled 3,000 sandbags.",
    ]
    assert timings[0]["start"] == 0
    for before, after in itertools.pairwise(timings):
        assert before["start"] < before["end"] < after["start"]
        assert after["start"] - before["end"] <= 0.75  # only the pauses between sentences are left out
    assert narration.duration == pytest.approx(timings[-1]["end"], abs=0.001)  # the audio ends with the last one
    assert timings[-1]["end"] == pytest.approx(decoded_seconds, rel=0.02)

    # Speech where the timings say, near-silence in the pauses (MP3 delay is a few milliseconds).
    rate = decoded.sample_rate
    for timing in timings:
        spoken = samples[int((timing["start"] + 0.1) * rate) : int((timing["end"] - 0.1) * rate)]
        assert rms(spoken) > 1000, timing["text"]
    for before, after in itertools.pairwise(timings):
        pause = samples[int((before["end"] + 0.08) * rate) : int((after["start"] - 0.02) * rate)]
        assert rms(pause) < 200


def test_the_voice_is_loaded_once_per_process(settings):
    engine = get_engine()
    assert get_engine() is engine and engine.piper_voice is engine.piper_voice
