"""From written text to what the voice says: sentence splitting and normalisation.

Sentences are split on the text as written (the player highlights them in the page), then each sentence is
normalised for speech: money, percentages, dates, times, ordinals, years, numbers, abbreviations, URLs,
quotes and dashes. Editors' pronunciations (the lexicon) are applied last, as whole-word replacements.
"""

import re

# Titles and abbreviations that end in a full stop without ending the sentence, and how to say them.
ABBREVIATIONS = {
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "Ms.": "Miz",
    "Dr.": "Doctor",
    "Prof.": "Professor",
    "Gen.": "General",
    "Lt.": "Lieutenant",
    "Col.": "Colonel",
    "Maj.": "Major",
    "Capt.": "Captain",
    "Sgt.": "Sergeant",
    "Adm.": "Admiral",
    "Gov.": "Governor",
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Rev.": "Reverend",
    "Sr.": "Senior",
    "Jr.": "Junior",
    "St.": "Saint",
    "Mt.": "Mount",
    "Inc.": "Incorporated",
    "Ltd.": "Limited",
    "Corp.": "Corporation",
    "Co.": "Company",
    "No.": "number",
    "vs.": "versus",
    "etc.": "et cetera",
    "e.g.": "for example",
    "i.e.": "that is",
    "a.m.": "A M",
    "p.m.": "P M",
    "approx.": "approximately",
    "Jan.": "January",
    "Feb.": "February",
    "Aug.": "August",
    "Sept.": "September",
    "Oct.": "October",
    "Nov.": "November",
    "Dec.": "December",
}
NO_BREAK_AFTER = {abbr.lower() for abbr in ABBREVIATIONS} - {"etc.", "a.m.", "p.m."}
# After "U.S." or "p.m." a sentence ends only if one of these words starts the next one.
SENTENCE_STARTERS = set(
    "The A An It He She They We I You But And This That These Those In On At Its His Her Their Our There What "
    "When Why How So Yet Still After Before While If Then Now Officials Police".split()
)
MONTHS = "January February March April May June July August September October November December".split()
MONTH_RE = "|".join(MONTHS)
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
}
SCALES = "thousand|million|billion|trillion"

# A sentence ends at . ! ? (or …) plus closing quotes/brackets, before whitespace and a capital, digit or quote.
SENTENCE_END = re.compile(r"""(?<=[.!?…])["'”’)\]]*\s+(?=["“‘'(\[]?[A-Z0-9])""")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, not broken after titles ("Dr."), acronyms ("U.S.") or initials ("J. K.")."""
    paragraph = " ".join(paragraph.split())
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip("\"'”’)]")
        last_word = before.rsplit(" ", 1)[-1]
        next_word = paragraph[match.end() :].split(" ", 1)[0].strip("\"“‘'([")
        if last_word.lower() in NO_BREAK_AFTER:
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.)+", last_word) and next_word not in SENTENCE_STARTERS:
            continue  # an initial ("J. K. Rowling"), an acronym ("the U.S. Senate") or a time ("5 p.m. Monday")
        sentences.append(paragraph[start : match.start()] + match.group().strip())
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return [s.strip() for s in sentences if s.strip()]


def _spoken(value, **options) -> str:
    """num2words without the commas it puts in ("one thousand two hundred")."""
    from num2words import num2words  # here: web workers import this module (the lexicon) but never narrate

    return num2words(value, **options).replace(",", "")


def _words(number: str) -> str:
    """A number as words."""
    value = float(number.replace(",", "")) if "." in number else int(number.replace(",", ""))
    return _spoken(value)


def _money(match) -> str:
    symbol, amount, scale = match.group("symbol"), match.group("amount"), match.group("scale")
    one, many, cent, cents = CURRENCIES[symbol]
    if scale:
        return f"{_words(amount)} {scale} {many}"
    whole, _, fraction = amount.replace(",", "").partition(".")
    spoken = f"{_words(whole)} {one if whole == '1' else many}"
    if fraction and int(fraction):
        fraction = int(fraction.ljust(2, "0")[:2])
        spoken += f" and {_words(str(fraction))} {cent if fraction == 1 else cents}"
    return spoken


def _year(year: str) -> str:
    return _spoken(int(year), to="year")


def _ordinal(number: str) -> str:
    return _spoken(int(number), to="ordinal")


def _time(match) -> str:
    hour, minute, meridiem = int(match.group("hour")), match.group("minute"), match.group("meridiem")
    spoken = _words(str(hour))
    if minute and minute != "00":
        spoken += (" oh " if minute.startswith("0") else " ") + _words(str(int(minute)))
    elif not meridiem:
        spoken += " o'clock"
    if meridiem:
        spoken += " A M" if meridiem.lower().startswith("a") else " P M"
    return spoken


def _url(match) -> str:
    address = re.sub(r"^(https?://)?(www\.)?", "", match.group(), flags=re.I).rstrip("/.,")
    host = address.split("/", 1)[0]
    return " dot ".join(host.split("."))


def _acronym(match) -> str:
    return " ".join(match.group().replace(".", ""))


RULES = [
    # URLs first: their dots and digits are not sentences or numbers.
    (re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.I), _url),
    # Quotes go (the voice does not read them), apostrophes stay; dashes become pauses or "to".
    (re.compile(r"[“”„\"«»]|(?<!\w)[‘’']|[‘’'](?!\w)"), ""),
    (re.compile(r"’"), "'"),
    (re.compile(r"(\d)\s*[–—]\s*(\d)"), r"\1 to \2"),
    (re.compile(r"\s*(?:—|–|--)\s*"), ", "),
    (re.compile(r"\s&\s"), " and "),
    # Money, percentages.
    (re.compile(rf"(?P<symbol>[$£€])\s?(?P<amount>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>{SCALES})\b)?"), _money),
    (re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(?:%|per ?cent\b)"), lambda m: f"{_words(m.group(1))} percent"),
    # Times: 9:30, 9:30 a.m., 5 p.m.
    (
        re.compile(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s?(?P<meridiem>[ap]\.?m\.?)(?=\W|$))?", re.I),
        _time,
    ),
    (re.compile(r"\b(?P<hour>1[0-2]|0?[1-9])(?P<minute>)\s?(?P<meridiem>[ap]\.m\.|[ap]m\b)", re.I), _time),
    # Dates: 2024-03-05, March 5, 2024, 5 March 2024.
    (
        re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        lambda m: (
            f"{MONTHS[int(m.group(2)) - 1]} {_ordinal(m.group(3))}, {_year(m.group(1))}"
            if 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31
            else m.group()
        ),
    ),
    (re.compile(rf"\b({MONTH_RE})\s(\d{{1,2}})(?:st|nd|rd|th)?\b"), lambda m: f"{m.group(1)} {_ordinal(m.group(2))}"),
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s({MONTH_RE})\b"),
        lambda m: f"the {_ordinal(m.group(1))} of {m.group(2)}",
    ),
    # Ordinals and years.
    (re.compile(r"\b(\d+)(?:st|nd|rd|th)\b"), lambda m: _ordinal(m.group(1))),
    (
        re.compile(r"\b(\d{4})s\b"),
        lambda m: _year(m.group(1))[:-1] + "ies" if _year(m.group(1)).endswith("y") else _year(m.group(1)) + "s",
    ),
    (re.compile(r"(?<![\d,.$£€])(1[1-9]\d\d|20\d\d)(?!\d|[,.]\d)"), lambda m: _year(m.group(1))),
    # Abbreviations and dotted acronyms (U.S. -> U S).
    (
        re.compile("|".join(rf"(?<!\w){re.escape(abbr)}" for abbr in sorted(ABBREVIATIONS, key=len, reverse=True))),
        lambda m: ABBREVIATIONS[m.group()],
    ),
    (re.compile(r"\b(?:[A-Z]\.){2,}"), _acronym),
    # Any other number.
    (re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w)"), lambda m: _words(m.group())),
]


def normalise(sentence: str) -> str:
    """A written sentence as the voice should say it."""
    spoken = sentence
    for pattern, replacement in RULES:
        spoken = pattern.sub(replacement, spoken)
    spoken = " ".join(spoken.split()).replace(" ,", ",")
    if sentence.rstrip().endswith(".") and spoken and spoken[-1] not in ".!?…":
        spoken += "."  # the full stop of "p.m." or "U.K." also ended the sentence
    return spoken


def apply_lexicon(text: str, lexicon: list[tuple[re.Pattern, str]]) -> str:
    for pattern, spoken in lexicon:
        text = pattern.sub(spoken, text)
    return text


def lexicon_pattern(term: str, case_sensitive: bool) -> re.Pattern:
    """A whole-word pattern: "Sybiha" matches in "Sybiha's" but not in "Sybihanko"."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", 0 if case_sensitive else re.I)
