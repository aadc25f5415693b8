"""Narration benchmark: `make bench-narration` (python -m masthead.narration.bench).

Narrates a ~400-word and a ~2,000-word article the way the worker does (sentence splitting, normalisation,
sentence-by-sentence Piper synthesis, MP3 encoding) and prints wall time, real-time factor (audio seconds per
second of work) and peak memory (RSS) of the process doing the synthesis. Each run is a fresh process, so the
peak memory is that of a worker narrating that article. Baseline: plain Piper on the same text in one call
(no sentence timings, no MP3), to show what the per-sentence timings and encoding cost.
"""

import multiprocessing
import resource
import statistics
import sys
import time

TARGET_SECONDS_400 = 30
TARGET_PEAK_MB = 600
REPEATS = 3

SENTENCES = [
    "Dr. Olena Marchenko, the city's chief engineer, said on March 3, 2025, that repairs would cost $42 million.",
    "The U.S. ambassador met Gen. Petrenko at 9:30 a.m. to discuss the 2nd phase of the programme.",
    "Turnout rose to 61.5% — the highest since 1998 — according to the electoral commission.",
    "Residents of the 14th district have waited for new water pipes for more than 20 years.",
    "“We are not asking for miracles,” said a teacher who has lived on the street since the 1980s.",
    "The council will publish its budget at www.example.org/budget before the vote on 2025-04-17.",
    "Critics say the plan, which relies on 3,200 new workers, is too ambitious for a city of 700,000 people.",
    "Officials expect the first section to open in the autumn, with the rest to follow by 2027.",
]


def article_text(words: int) -> list[str]:
    """Paragraphs of news-like prose, about ``words`` words long, with the numbers and names news has."""
    paragraphs, count, index = [], 0, 0
    while count < words:
        paragraph = []
        for _ in range(3):
            if count >= words:
                break
            sentence = SENTENCES[index % len(SENTENCES)]
            paragraph.append(sentence)
            count += len(sentence.split())
            index += 1
        paragraphs.append(" ".join(paragraph))
    return ["A city waits for its water: the long repair of a district's pipes", "By Bench Reporter."] + paragraphs


def narrate_in_this_process(words: int, baseline: bool, queue):
    from masthead.narration.engines import PiperEngine
    from masthead.narration.text import normalise, split_sentences

    engine = PiperEngine()
    started = time.perf_counter()
    _ = engine.piper_voice  # loading the voice is once per worker, not per article: timed apart
    loaded = time.perf_counter()
    written = article_text(words)
    if baseline:
        chunks = list(engine.piper_voice.synthesize("\n".join(written)))
        audio_seconds = sum(len(chunk.audio_float_array) for chunk in chunks) / engine.sample_rate
    else:
        paragraphs = [
            [{"text": s, "spoken": normalise(s)} for s in split_sentences(paragraph)] for paragraph in written
        ]
        synthesis = engine.synthesize(paragraphs)
        audio_seconds = synthesis.duration
    finished = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {
            "load": loaded - started,
            "wall": finished - loaded,
            "audio": audio_seconds,
            "peak_mb": peak_mb,
            "words": sum(len(p.split()) for p in written),
        }
    )


def run(words: int, baseline=False) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=narrate_in_this_process, args=(words, baseline, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def median_of(runs, key):
    return statistics.median(run[key] for run in runs)


def report(label, runs):
    wall, audio = median_of(runs, "wall"), median_of(runs, "audio")
    print(
        f"{label:<34} {runs[0]['words']:>5} words  wall {wall:6.1f} s  audio {audio:6.1f} s  "
        f"real-time factor {audio / wall:5.1f}x  peak RSS {max(r['peak_mb'] for r in runs):5.0f} MB  "
        f"voice load {median_of(runs, 'load'):4.1f} s  (median of {len(runs)})"
    )
    return wall


def main():
    print("Narration benchmark: Piper en_US-joe-medium, MP3 64 kbit/s mono, one fresh process per run.")
    short = [run(400) for _ in range(REPEATS)]
    baseline = [run(400, baseline=True) for _ in range(REPEATS)]
    long = [run(2000)]
    short_wall = report("400-word article (Masthead)", short)
    baseline_wall = report("400-word article (plain Piper)", baseline)
    report("2,000-word article (Masthead)", long)
    print(
        f"Masthead / plain Piper wall time: {short_wall / baseline_wall:.2f}x "
        "(sentence timings, normalisation and MP3 encoding)"
    )
    peak = max(r["peak_mb"] for r in short + long)
    ok = short_wall < TARGET_SECONDS_400 and peak < TARGET_PEAK_MB
    print(
        f"Targets: 400-word article under {TARGET_SECONDS_400} s, peak memory under {TARGET_PEAK_MB} MB: "
        + ("met" if ok else "NOT met")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
