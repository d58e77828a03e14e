"""How text becomes search terms: words, case and accent folding, British spellings, stemming.

The same functions analyse pages when they are indexed, queries when they are typed, the
synonym file and the snippets, so a word always meets itself. Two forms of a word exist:
its *surface* form (lower case, accents folded: what a trainee could type, used for
spelling suggestions and prefixes) and its *term* (surface form with British spellings
made American and stemmed: what the index matches).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import Analyzer, Token
from whoosh.lang.snowball.english import EnglishStemmer

# Letters and digits, joined by hyphens or apostrophes: "side-lying", "Bell's", "C7".
WORD_PATTERN = re.compile(r"[^\W_]+(?:[-'\u2019\u2018][^\W_]+)*")
_JOINERS = re.compile(r"[-'\u2019\u2018]")
_POSSESSIVE = re.compile(r"['\u2019\u2018]s$")
LINE_GAP = 10  # positions skipped at a line break, so no phrase runs from one line into the next
MAX_WORD_LENGTH = 40  # longer "words" are noise (URLs, pasted junk); never indexed or searched

# Function words a trainee types around the words that matter ("where not to press the
# neck", "can I massage a client with ..."). Dropped from queries, never from the index,
# so quoted phrases still match exactly.
STOP_WORDS = frozenset(
    """
    a about above again against all am an and any are aren't as at be because been being
    both but by can can't could did didn't do does doesn't doing don't during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is isn't it it's its itself just me more most my myself no nor not of off on once
    only or other our ours ourselves out own same she should so some someone something such
    than that the their theirs them themselves then there these they this those through to
    too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves ok okay please tell show find get got
    """.split()
)

# British spellings folded to American ones, on both sides of every match, so
# "haemophilia" meets "hemophilia" and "oedema" meets "edema". Each rule is narrow on
# purpose: "-our" and "-re" only for the stems listed, never "four" or "more".
_BRITISH = (
    (re.compile(r"haem"), "hem"),
    (re.compile(r"^(an)?aes"), r"\1es"),
    (re.compile(r"paed"), "ped"),
    (re.compile(r"^oe"), "e"),
    (re.compile(r"aem(ia|ic)"), r"em\1"),
    (re.compile(r"oea(s?)$"), r"ea\1"),
    (re.compile(r"^(a?)etiol"), r"\1etiol"),
    (re.compile(r"^foet"), "fet"),
    (re.compile(r"^(tum|col|behavi|fav|lab|od|hum|vap|rum|neighb|vig|flav|arm)our"), r"\1or"),
    (re.compile(r"^(cent|fib|met|lit|theat|lust)re(s?)$"), r"\1er\2"),
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^ageing$"), "aging"),
)
_BRITISH_HINTS = ("ae", "oe", "our", "re", "is")

# Words the Snowball stemmer runs together with unrelated ones: "positive" with "position"
# (an "HIV positive client" is not about positioning), "several" with "severe".
_STEM_EXCEPTIONS = {
    "positive": "positiv",
    "positives": "positiv",
    "positively": "positiv",
    "several": "several",
}
# A condition and its adjective share a term, since trainees use them interchangeably:
# osteoporosis/osteoporotic, arthritis/arthritic, anaemia/anaemic, paralysis/paralytic,
# pregnancy/pregnant, malignancy/malignant, insufficiency/insufficient. The noun is read
# as its adjective before stemming, on both sides of every match.
_CONDITION_ENDINGS = (
    ("osis", "otic"),
    ("itis", "itic"),
    ("emia", "emic"),
    ("ysis", "ytic"),
    ("ancies", "ant"),
    ("encies", "ent"),
    ("ancy", "ant"),
    ("ency", "ent"),
)

_stemmer = EnglishStemmer()
_surface_cache: dict[str, str] = {}
_term_cache: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def fold(word: str) -> str:
    """Lower case without accents: `Ménière` -> `meniere`, `Bell’s` -> `bell's`."""
    folded = _surface_cache.get(word)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", word.casefold())
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if len(_surface_cache) > _CACHE_LIMIT:
            _surface_cache.clear()
        _surface_cache[word] = folded
    return folded


def americanize(surface: str) -> str:
    """A folded word with British spellings made American: `haemorrhage` -> `hemorrhage`."""
    if not any(hint in surface for hint in _BRITISH_HINTS):
        return surface
    for pattern, replacement in _BRITISH:
        surface = pattern.sub(replacement, surface)
    return surface


def term_of(surface: str) -> str:
    """The index term of a folded word: American spelling, stemmed (`massaging` -> `massag`)."""
    term = _term_cache.get(surface)
    if term is None:
        if surface in _STEM_EXCEPTIONS:
            term = _STEM_EXCEPTIONS[surface]
        elif surface.isalpha():
            term = _stemmer.stem(_as_adjective(americanize(surface)))
        else:
            term = americanize(surface)
        if len(_term_cache) > _CACHE_LIMIT:
            _term_cache.clear()
        _term_cache[surface] = term
    return term


def _as_adjective(surface: str) -> str:
    """`osteoporosis` -> `osteoporotic`, `arthritis` -> `arthritic`, `anemia` -> `anemic`."""
    for noun, adjective in _CONDITION_ENDINGS:
        if surface.endswith(noun) and len(surface) >= len(noun) + 2:
            return surface[: -len(noun)] + adjective
    return surface


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: its folded surface form and where it stands in the text.

    `joined` marks the extra whole form of a hyphenated word ("sidelying" for
    "side-lying"), which shares the position of the word's first part.
    """

    surface: str
    start: int
    end: int
    position: int
    joined: bool = False


def split_words(text: str) -> Iterator[Word]:
    """The words of `text`, folded, with character offsets and positions."""
    for surface, start, end, position, joined in tokenize(text):
        yield Word(surface, start, end, position, joined)


@lru_cache(maxsize=16)
def tokenize(text: str) -> tuple[tuple[str, int, int, int, bool], ...]:
    """(surface, start, end, position, joined) of each word of `text`; see `Word`.

    Cached for the last few texts: indexing reads a page's text for more than one field.
    """
    words: list[tuple[str, int, int, int, bool]] = []
    append = words.append
    position = 0
    last_end = 0
    find = text.find
    for match in WORD_PATTERN.finditer(text):
        raw = match.group()
        start, end = match.span()
        if find("\n", last_end, start) != -1:
            position += LINE_GAP
        last_end = end
        simple = _simple.get(raw)
        if simple is None:
            simple = _simple_form(raw)
        if simple:
            append((simple, start, end, position, False))
            position += 1
            continue
        if len(raw) > MAX_WORD_LENGTH * 2:
            continue
        folded = _POSSESSIVE.sub("", fold(raw))
        if "-" not in folded:  # a word too long to keep
            continue
        parts = [_JOINERS.sub("", part) for part in folded.split("-")]
        first = position
        offset = start
        for part, raw_part in zip(parts, raw.split("-")):
            if part and len(part) <= MAX_WORD_LENGTH:
                append((part, offset, offset + len(raw_part), position, False))
                position += 1
            offset += len(raw_part) + 1
        joined = "".join(parts)
        if len(parts) > 1 and joined and len(joined) <= MAX_WORD_LENGTH:
            append((joined, start, end, first, True))
    return tuple(words)


_simple: dict[str, str] = {}


def _simple_form(raw: str) -> str:
    """The surface form of a word without hyphens ("" when it has one, or is too long); cached."""
    if len(raw) > MAX_WORD_LENGTH * 2:
        return ""
    folded = _POSSESSIVE.sub("", fold(raw))
    if "-" in folded:
        return ""
    # Apostrophes inside a word vanish: "don't" -> "dont", "O'Neill" -> "oneill".
    surface = _JOINERS.sub("", folded)
    if len(surface) > MAX_WORD_LENGTH:
        surface = ""
    if len(_simple) > _CACHE_LIMIT:
        _simple.clear()
    _simple[raw] = surface
    return surface


def terms(text: str) -> list[str]:
    """The index terms of `text` in order, without the joined forms of hyphenated words."""
    return [term_of(word.surface) for word in split_words(text) if not word.joined]


def is_stop_word(surface: str) -> bool:
    """True for function words that carry no meaning in a query."""
    return surface in STOP_WORDS


class HandbookAnalyzer(Analyzer):
    """The Whoosh analyzer for handbook text: `stem=True` gives terms, `stem=False` surface words."""

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem

    def __call__(  # noqa: PLR0913 - Whoosh's analyzer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        token.stopped = False
        stem = self.stem
        for surface, start, end, position, _ in tokenize(value):
            token.text = term_of(surface) if stem else surface
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token
