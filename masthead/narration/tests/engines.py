"""Engines for tests of everything around the voice (triggers, statuses, feeds, admin), in milliseconds.

They go through the same engine interface as Piper, which is what the interface is for; the tests that check
the audio itself run the real Piper voice.
"""

import numpy as np

from masthead.narration.engines import NarrationEngine


class ToneEngine(NarrationEngine):
    """A short tone per word: the length of the audio follows the length of the text."""

    name = "tone"
    voice = "tone-1"
    sample_rate = 8000
    sentence_pause = 0.05
    paragraph_pause = 0.05

    def synthesize_sentence(self, text):
        samples = int(0.02 * self.sample_rate) * len(text.split())
        return (np.sin(np.arange(samples) * 0.3) * 8000).astype(np.int16)


class BrokenEngine(ToneEngine):
    name = "broken"

    def synthesize_sentence(self, text):
        raise RuntimeError("the voice model file is unreadable")
