"""The synonym file: how it is read, what `handbook check` says about it, how groups match."""

from __future__ import annotations

from handbook.search.analysis import term_of
from handbook.search.synonyms import SynonymTable, read_synonyms, synonym_problems
from handbook.source import scan_folder

GOOD = """\
# comment
- [blood thinners, anticoagulants]
- - face down
  - prone
  - on the stomach
"""


def settings(tree, text: str):
    root = tree({"_synonyms.yml": text, "a.md": "# A\n"})
    return scan_folder(root).settings


def problems(tree, text: str) -> list[str]:
    return [str(p) for p in synonym_problems(settings(tree, text))]


def test_groups_in_flow_and_block_style(tree):
    read = read_synonyms(settings(tree, GOOD)["_synonyms.yml"])
    assert read.problems == []
    assert [group.terms for group in read.groups] == [
        ("blood thinners", "anticoagulants"),
        ("face down", "prone", "on the stomach"),
    ]
    assert [group.line for group in read.groups] == [2, 3]


def test_no_file_and_an_empty_file_are_fine(tree):
    assert synonym_problems({}) == []
    assert problems(tree, "") == []
    assert problems(tree, "# only comments\n") == []


def test_each_mistake_is_reported_with_its_line(tree):
    text = (
        "- [blood thinners, anticoagulants]\n"  # 1 fine
        "- blood thinners = anticoagulants\n"  # 2 not a list
        "- [prone]\n"  # 3 one term
        "- [gout, {a: b}, podagra]\n"  # 4 a mapping inside
        "- [clot, clot, thrombus]\n"  # 5 twice in a group
        "- [anticoagulants, warfarin]\n"  # 6 also on line 1
        "- [the, prone]\n"  # 7 only a stop word
        "- []\n"  # 8 empty
        "- ['   ', x]\n"  # 9 no words
    )
    assert problems(tree, text) == [
        "_synonyms.yml:2: error: a synonym group must be a list of words or phrases, e.g. - [blood thinners, anticoagulants]; skipped",
        "_synonyms.yml:3: warning: a synonym group needs at least two terms; skipped",
        "_synonyms.yml:4: error: a synonym must be a word or phrase, not a list or mapping; skipped",
        "_synonyms.yml:5: warning: 'clot' is listed twice in this group",
        "_synonyms.yml:6: warning: 'anticoagulants' is also in the group on line 1; both groups apply",
        "_synonyms.yml:7: warning: 'the' is made only of words that searches ignore (like 'the', 'on'); it will rarely match",
        "_synonyms.yml:8: warning: empty synonym group; skipped",
        "_synonyms.yml:9: warning: '' has no words to search for; skipped",
        "_synonyms.yml:9: warning: a synonym group needs at least two terms; skipped",
    ]


def test_bad_yaml_and_wrong_top_level_shape(tree):
    assert problems(tree, "- [a, b\n- [c, d]\n") == ["_synonyms.yml:2: error: invalid YAML: did not find expected ',' or ']'"]
    assert problems(tree, "blood thinners: anticoagulants\n") == [
        "_synonyms.yml:1: error: must be a list of synonym groups, one per line, e.g. - [blood thinners, anticoagulants]"
    ]


def test_yes_and_numbers_stay_words(tree):
    read = read_synonyms(settings(tree, "- [yes, affirmative]\n- [C7, 7th vertebra]\n")["_synonyms.yml"])
    assert [group.terms for group in read.groups] == [("yes", "affirmative"), ("C7", "7th vertebra")]


def test_control_characters_from_yaml_escapes_never_reach_a_term_or_a_report(tree):
    read = read_synonyms(settings(tree, '- ["clot\\e[31m", "clot", thrombus]\n')["_synonyms.yml"])
    assert [group.terms for group in read.groups] == [("clot[31m", "clot", "thrombus")]
    assert all("\x1b" not in str(problem) for problem in read.problems)


def test_check_command_reports_synonym_problems(tree, run_cli):
    root = tree({"_synonyms.yml": "- [prone]\n", "a.md": "# A\n"})
    result = run_cli("check", "--content", str(root))
    assert result.stdout.splitlines() == [
        "_synonyms.yml:1: warning: a synonym group needs at least two terms; skipped",
        "1 page, 0 errors, 1 warning",
    ]


def test_table_finds_the_longest_run_and_ignores_filler_words(tree):
    read = read_synonyms(settings(tree, GOOD + "- [stomach, belly]\n")["_synonyms.yml"])
    table = SynonymTable(read.groups)
    words = [term_of(w) for w in "client on stomach pillow".split()]
    matches = table.find(words)
    assert [(m.start, m.end) for m in matches] == [(1, 3), (2, 3)]
    assert (term_of("prone"),) in matches[0].alternatives
    assert (term_of("belly"),) in matches[1].alternatives
    plural = table.find([term_of("blood"), term_of("thinner")])
    assert plural and (term_of("anticoagulants"),) in plural[0].alternatives


def test_shipped_synonym_file_has_no_problems():
    from handbook.locations import shipped_content_dir

    assert synonym_problems(scan_folder(shipped_content_dir()).settings) == []
