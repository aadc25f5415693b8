import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.narration.text import apply_lexicon, lexicon_pattern, normalise, split_sentences


@pytest.mark.parametrize(
    "written, spoken",
    [
        # numbers
        ("There were 42 people.", "There were forty-two people."),
        ("It has 1,234 seats.", "It has one thousand two hundred and thirty-four seats."),
        ("Inflation hit 3.5 points.", "Inflation hit three point five points."),
        # years and decades
        ("It was built in 1998.", "It was built in nineteen ninety-eight."),
        ("By 2026 it will be done.", "By twenty twenty-six it will be done."),
        ("In the 1980s it grew.", "In the nineteen eighties it grew."),
        ("From 2020–2024.", "From twenty twenty to twenty twenty-four."),
        # money
        ("It cost $42 million.", "It cost forty-two million dollars."),
        ("A ticket costs $3.50.", "A ticket costs three dollars and fifty cents."),
        ("She paid $1.", "She paid one dollar."),
        ("A £2.5 billion deal.", "A two point five billion pounds deal."),
        ("It was €300.", "It was three hundred euros."),
        # percentages
        ("Turnout was 61.5%.", "Turnout was sixty-one point five percent."),
        ("Up 12 per cent.", "Up twelve percent."),
        # dates
        ("On March 3, 2024, they met.", "On March third, twenty twenty-four, they met."),
        ("On 5 June 2023 it fell.", "On the fifth of June twenty twenty-three it fell."),
        ("Due on 2025-04-17.", "Due on April seventeenth, twenty twenty-five."),
        # ordinals
        ("The 21st century.", "The twenty-first century."),
        ("Her 2nd and 3rd goals.", "Her second and third goals."),
        # times
        ("At 9:30 a.m. on Monday.", "At nine thirty A M on Monday."),
        ("Doors open at 5 p.m.", "Doors open at five P M."),
        ("The 10:05 train.", "The ten oh five train."),
        ("We meet at 14:00.", "We meet at fourteen o'clock."),
        # abbreviations
        ("Dr. Smith met Gen. Jones.", "Doctor Smith met General Jones."),
        ("The U.S. and the U.K. agreed.", "The U S and the U K agreed."),
        ("Mr. Li vs. Ms. Ode, e.g. today.", "Mister Li versus Miz Ode, for example today."),
        # URLs
        ("See https://www.example.com/news?id=3 for more.", "See example dot com for more."),
        ("Go to www.gov.uk today.", "Go to gov dot uk today."),
        # quotes and dashes
        ("“We will stay,” she said.", "We will stay, she said."),
        ("‘Yes’, he said — and left.", "Yes, he said, and left."),
        ("It's the mayor's plan.", "It's the mayor's plan."),
        ("Salt & pepper.", "Salt and pepper."),
    ],
)
def test_normalise(written, spoken):
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    "paragraph, sentences",
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Dr. Smith met Gen. Jones. They talked.", ["Dr. Smith met Gen. Jones.", "They talked."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ("He lives in the U.S. The rest stayed.", ["He lives in the U.S.", "The rest stayed."]),
        ("J. K. Rowling wrote it. Fans cheered.", ["J. K. Rowling wrote it.", "Fans cheered."]),
        ("It ends at 5 p.m. Monday. Then it rains.", ["It ends at 5 p.m. Monday.", "Then it rains."]),
        ("“Go,” she said. “Now.” He went.", ["“Go,” she said.", "“Now.”", "He went."]),
        ("It cost $3.50. Fine.", ["It cost $3.50.", "Fine."]),
        ("Visit www.example.com. Then call.", ["Visit www.example.com.", "Then call."]),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_split_sentences(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


def test_lexicon_replaces_whole_words_only():
    lexicon = [(lexicon_pattern("Sybiha", False), "Si-bee-ha"), (lexicon_pattern("US", True), "U S")]
    assert apply_lexicon("Sybiha's visit, sybiha, Sybihanko", lexicon) == "Si-bee-ha's visit, Si-bee-ha, Sybihanko"
    assert apply_lexicon("US troops, us, USB", lexicon) == "U S troops, us, USB"


@given(st.text(max_size=300))
def test_splitting_loses_no_words_and_normalising_never_fails(text):
    sentences = split_sentences(text)
    assert " ".join(sentences).split() == text.split()
    for sentence in sentences:
        assert isinstance(normalise(sentence), str)
