"""Search over a small handbook: relevance features, filters, snippets, suggestions."""

from __future__ import annotations

import pytest

from handbook.library import load_library
from handbook.search import SearchIndex
from handbook.search.analysis import americanize, fold, split_words, term_of, terms
from tests.conftest import write_tree
from tests.search_pages import PAGES, SYNONYMS, page


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = write_tree(tmp_path_factory.mktemp("content"), {**PAGES, "_synonyms.yml": SYNONYMS})
    with SearchIndex.open(load_library(root), tmp_path_factory.mktemp("data")) as opened:
        yield opened


def slugs(results) -> list[str]:
    return [result.slug for result in results.results]


def top(index: SearchIndex, query: str, **options) -> str | None:
    found = index.search(query, **options)
    return found.results[0].slug if found.results else None


# Analysis


def test_folding_stemming_and_british_spellings_meet_in_one_term():
    assert fold("Ménière’s") == "meniere\u2019s"
    assert term_of("massage") == term_of("massaging") == term_of("massages")
    assert term_of("contraindication") == term_of("contraindicated")
    assert term_of("haemophilia") == term_of("hemophilia")
    assert americanize("oedema") == "edema" and americanize("anaesthesia") == "anesthesia"
    assert americanize("tumour") == "tumor" and americanize("four") == "four"
    assert terms("Bell's palsy") == terms("bells palsy")


def test_a_condition_and_its_adjective_share_a_term():
    assert term_of("osteoporosis") == term_of("osteoporotic")
    assert term_of("arthritis") == term_of("arthritic") and term_of("osteoarthritis") == term_of("osteoarthritic")
    assert term_of("anaemia") == term_of("anemic") and term_of("hypoglycaemia") == term_of("hypoglycemic")
    assert term_of("paralysis") == term_of("paralytic") and term_of("thrombosis") == term_of("thrombotic")
    assert term_of("pregnancy") == term_of("pregnant") == term_of("pregnancies")
    assert term_of("insufficiency") == term_of("insufficient")


def test_words_the_stemmer_would_run_together_stay_apart():
    assert term_of("positive") != term_of("position") and term_of("positive") == term_of("positives")
    assert term_of("several") != term_of("severe")


def test_words_keep_offsets_and_hyphenated_words_are_also_joined():
    text = "Side-lying, please"
    words = list(split_words(text))
    assert [(w.surface, text[w.start : w.end], w.joined) for w in words] == [
        ("side", "Side", False),
        ("lying", "lying", False),
        ("sidelying", "Side-lying", True),
        ("please", "please", False),
    ]
    assert words[2].position == words[0].position


# Relevance


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hemophilia", "contraindications/hemophilia"),
        ("Haemophilia", "contraindications/hemophilia"),  # an alias, and a British spelling
        ("blood thinners", "contraindications/anticoagulants"),  # lay term in the title and aliases
        ("DVT", "contraindications/deep-vein-thrombosis"),  # abbreviation
        ("clot in the leg", "contraindications/deep-vein-thrombosis"),
        ("hemophila", "contraindications/hemophilia"),  # typo
        ("osteomylitis", "contraindications/osteomyelitis"),
        ("varicose vains", "contraindications/varicose-veins"),
        ("petrisage", "warm-up/petrissage"),
        ("hemoph", "contraindications/hemophilia"),  # still typing
        ("popli", "pressure-zones/popliteal-fossa"),
        ("face down", "positioning/prone"),
        ("client on stomach", "positioning/prone"),  # synonym file
        ("where not to press neck", "pressure-zones/anterior-neck"),  # stop words dropped
        ("sore back after massage", "after-massage/back-pain"),
        ("can I massage a pregnant client", "contraindications/pregnancy"),
        ("kneading", "warm-up/petrissage"),
        ("sidelying", "positioning/side-lying"),
        ("back of the knee", "pressure-zones/popliteal-fossa"),
    ],
)
def test_trainee_queries_put_the_right_page_first(index, query, expected):
    assert top(index, query) == expected, slugs(index.search(query))


def test_title_beats_a_passing_mention(index):
    found = slugs(index.search("pregnancy"))
    assert found[0] == "contraindications/pregnancy"
    assert "positioning/side-lying" in found  # mentions pregnancy in its body


def test_a_star_or_an_unknown_start_of_a_word_completes_it(index):
    assert top(index, "hemo*") == "contraindications/hemophilia"
    assert top(index, "hemo* light pressure") == "contraindications/hemophilia"
    assert top(index, "popli knee") == "pressure-zones/popliteal-fossa"  # not the last word, still a start
    assert index.search("hemo*").suggestion is None


def test_two_typed_words_find_the_one_word_the_page_uses(index):
    found = index.search("collar bone")
    assert slugs(found)[:1] == ["pressure-zones/anterior-neck"]
    assert "[collarbone]" in found.results[0].snippet.marked()
    assert top(index, "side lying") == "positioning/side-lying"


def test_more_matching_words_rank_higher(index):
    found = slugs(index.search("leg vein clot"))
    assert found[0] == "contraindications/deep-vein-thrombosis"
    assert "contraindications/varicose-veins" in found[:3]


def test_quoted_phrase_must_appear(index):
    assert slugs(index.search('"jugular vein"')) == ["pressure-zones/anterior-neck"]
    # Pages with the words apart ("deep pain ... vein") do not match the phrase.
    assert slugs(index.search('"deep vein"')) == ["contraindications/deep-vein-thrombosis"]


def test_quoted_phrase_that_matches_nothing_falls_back_to_its_words(index):
    assert top(index, '"bleeding hemophilia joint"') == "contraindications/hemophilia"


def test_category_and_risk_filters(index):
    in_category = index.search("category:positioning")
    assert slugs(in_category) == ["positioning/prone", "positioning/side-lying"]  # the handbook's order
    assert set(slugs(index.search('legs category:"contraindications"'))) <= {
        "contraindications/deep-vein-thrombosis",
        "contraindications/varicose-veins",
        "contraindications/hemophilia",
        "contraindications/anticoagulants",
        "contraindications/osteomyelitis",
        "contraindications/pregnancy",
    }
    assert slugs(index.search("vein risk:total")) == ["contraindications/deep-vein-thrombosis"]
    assert slugs(index.search("vein", risk="local")) == ["contraindications/varicose-veins"]
    assert set(slugs(index.search("knee", category="pressure"))) == {"pressure-zones/popliteal-fossa"}
    nonsense = index.search("vein category:nonsense")
    assert nonsense.results == () and nonsense.notice.startswith("no category 'nonsense' (categories: ")
    high = index.search("vein risk:high")
    assert high.results == () and high.notice == "no risk 'high' (risks: total, local, caution)"
    assert index.search("vein risk:total").notice is None


def test_excluded_words(index):
    assert "contraindications/varicose-veins" in slugs(index.search("legs"))
    assert "contraindications/varicose-veins" not in slugs(index.search("legs -varicose"))
    assert "contraindications/varicose-veins" not in slugs(index.search("legs NOT varicose"))


def test_did_you_mean_names_the_corrected_words(index):
    assert index.search("hemophila").suggestion == "hemophilia"
    assert index.search("Varicose vains").suggestion == "Varicose veins"
    assert index.search("hemophilia").suggestion is None
    assert index.search("hemoph").suggestion is None  # a prefix is not a typo


def test_a_short_word_two_typos_from_a_page_name_is_corrected(tmp_path):
    eczema = page("Eczema", "Dry, itchy, inflamed skin.", "Avoid the patches that weep.", aliases=("dermatitis",))
    neck = page("Neck", "Where not to press.", "The carotid artery lies here, by the lymph nodes.")
    root = write_tree(tmp_path / "content", {"eczema.md": eczema, "neck.md": neck})
    with SearchIndex.open(load_library(root), tmp_path / "data") as small:
        found = small.search("excema")
        assert found.suggestion == "eczema" and slugs(found) == ["eczema"]
        assert small.search("lumph").suggestion == "lymph"  # one typo: any word of any page
        assert small.search("xcema").suggestion is None  # two typos and a wrong first letter: a guess
        assert small.search("excemo").suggestion is None  # nor two typos and a wrong last letter


def test_a_word_of_a_synonym_phrase_is_not_a_typo(tmp_path):
    pregnancy = page("Pregnancy", "Massage in pregnancy.", "Late in pregnancy, lay her on her side.")
    files = {"pregnancy.md": pregnancy, "_synonyms.yml": "- [pregnancy, pregnant lady]\n"}
    root = write_tree(tmp_path / "content", files)
    with SearchIndex.open(load_library(root), tmp_path / "data") as small:
        found = small.search("pregnant lady")
        assert found.suggestion is None and slugs(found) == ["pregnancy"]


def test_snippet_marks_the_matched_words(index):
    result = index.search("light pressure").results[0]
    snippet = result.snippet
    marked = {snippet.text[start:end].lower() for start, end in snippet.spans}
    assert marked <= {"light", "pressure"} and marked
    assert "[light]" in snippet.marked().lower() or "[pressure]" in snippet.marked().lower()


def test_snippet_of_an_alias_only_match_shows_the_alias(index):
    snippet = index.search("warfarin").results[0].snippet
    assert "warfarin" in snippet.marked("<", ">").lower()


def test_results_carry_what_the_ui_shows(index):
    result = index.search("DVT").results[0]
    assert (result.title, result.category, result.risk) == ("Deep vein thrombosis (DVT)", "Contraindications", "total")
    assert result.score > 0


def test_limit(index):
    assert len(index.search("the massage", limit=2)) == 2
    assert len(index.search("massage", limit=0)) == 0


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "the of and",
        '"unbalanced quote',
        'a "b',
        '"',
        '""',
        "AND OR NOT",
        "NOT",
        "-",
        "--",
        "*",
        "?",
        "~",
        ":",
        "(",
        ")(",
        "category:",
        "risk:",
        "category:\"",
        "hemo*",
        "vein~2",
        "title:gout",
        "🙂💆",
        "x" * 10_000,
        "massage " * 2000,
        "\x00\x1b[31m\x07",
        "\u202e\u200b",
        "ǅ ß ﬁ İ",
    ],
)
def test_odd_inputs_give_results_or_none_never_an_exception(index, query):
    found = index.search(query)
    assert found.query == query
    for result in found.results:
        assert result.slug in index.library.pages
        for start, end in result.snippet.spans:
            assert 0 <= start < end <= len(result.snippet.text)
