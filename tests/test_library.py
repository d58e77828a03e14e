"""Loading a content folder: the model, and every class of problem with its file and line."""

from __future__ import annotations

import os

import pytest

from handbook.library import ContentFolderError, load_library
from handbook.problems import Level


def messages(library, path=None):
    return [(p.path, p.line, p.level.value, p.message) for p in library.problems if path in (None, p.path)]


def test_page_model_from_front_matter_and_body(tree):
    root = tree(
        {
            "contraindications/hemophilia.md": (
                "---\n"
                "title: Hemophilia\n"
                "category: Contraindications\n"
                "tags: [blood, bleeding]\n"
                "aliases: [haemophilia, bleeding disorder]\n"
                "summary: An inherited clotting disorder.\n"
                "risk: caution\n"
                "clearance: true\n"
                "sources: [Werner 2019]\n"
                "related: [contraindications/anticoagulants]\n"
                "order: 2\n"
                "---\n"
                "## What it is\n"
                "\n"
                "Blood clots slowly. See [[contraindications/anticoagulants|blood thinners]]\n"
                "and [the other page](anticoagulants.md#what-to-do).\n"
                "\n"
                "## Questions\n"
                "\n"
                "### A question?\n"
                "- [x] yes\n"
            ),
            "contraindications/anticoagulants.md": "# Anticoagulants\n\n## What to do\n\nLight pressure.\n",
        }
    )
    library = load_library(root)
    page = library.pages["contraindications/hemophilia"]
    assert page.title == "Hemophilia"
    assert page.category == "Contraindications"
    assert page.tags == ("blood", "bleeding")
    assert page.aliases == ("haemophilia", "bleeding disorder")
    assert page.summary == "An inherited clotting disorder."
    assert (page.risk, page.clearance, page.order) == ("caution", True, 2.0)
    assert page.sources == ("Werner 2019",)
    assert page.related == ("contraindications/anticoagulants",)
    assert page.body_line == 13
    assert [(h.level, h.text, h.line) for h in page.headings] == [(2, "What it is", 13)]
    assert [(link.target, link.label, link.line, link.kind) for link in page.links] == [
        ("contraindications/anticoagulants", "blood thinners", 15, "wiki"),
        ("contraindications/anticoagulants", "the other page", 16, "markdown"),
        ("contraindications/anticoagulants", "contraindications/anticoagulants", 10, "related"),
    ]
    # The Questions section is kept for the quiz, hidden from reading and search text.
    assert page.questions is not None and page.questions.line == 18
    assert "### A question?" in page.questions.markdown
    assert "A question" not in page.reading_body and "A question" not in page.text
    assert "Blood clots slowly" in page.text
    assert library.backlinks["contraindications/anticoagulants"] == ("contraindications/hemophilia",)
    assert library.problems == []


def test_defaults_title_from_heading_then_file_name_and_category_from_folder(tree):
    root = tree(
        {
            "pressure-zones/back-of-knee.md": "Some text.\n\n# Popliteal fossa\n",
            "pressure-zones/no_heading-here.md": "Just text.\n",
            "start.md": "# Start here\n",
        }
    )
    library = load_library(root)
    assert library.pages["pressure-zones/back-of-knee"].title == "Popliteal fossa"
    assert library.pages["pressure-zones/back-of-knee"].category == "Pressure zones"
    assert library.pages["pressure-zones/no_heading-here"].title == "No heading here"
    assert library.pages["start"].category == "General"
    assert messages(library) == [
        ("pressure-zones/no_heading-here.md", 1, "warning",
         "no title: no 'title' in front matter and no '#' heading; using 'No heading here'"),
    ]


def test_hidden_files_and_folders_are_not_pages(tree):
    root = tree({"_drafts/a.md": "# A\n", ".git/b.md": "# B\n", "sub/_c.md": "# C\n", "d.md": "# D\n", "e.txt": "x"})
    assert list(load_library(root).pages) == ["d"]


def test_bom_and_crlf_are_fine(tree):
    root = tree({"a.md": b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nline one\r\n[[b]]\r\n", "b.md": "# B\n"})
    library = load_library(root)
    assert library.pages["a"].title == "A"
    assert library.pages["a"].links[0].line == 5
    assert library.problems == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: x\ntags: [a, b\n---\n", 3,
         "invalid YAML in front matter: did not find expected ',' or ']' in the '[' list that starts here (noticed at line 4)"),
        ("---\ntitle: \"x\nrisk: total\n---\n", 2, "in the quoted text that starts here (noticed at line 3)"),
        ("---\ntitle: x\ntags: [a]\n\taliases: [b]\n---\n", 4, "(a tab: indent YAML with spaces)"),
        ("---\n- a\n- b\n---\n", 2, "front matter must be a mapping"),
        ("---\njust a string\n---\n", 2, "front matter must be a mapping"),
        ("---\ntitle: A\nbody never closed\n", 1, "front matter opened with '---' is never closed"),
        ("---\ntitle: A\ntags: {a: 1}\n---\n", 3, "'tags' must be a list, not a mapping"),
        ("---\ntitle: [a, b]\n---\n", 2, "'title' must be text, not a list"),
        ("---\ntitle: A\naliases:\n  - ok\n  - {x: 1}\n---\n", 5, "each item of 'aliases' must be text"),
        ("---\ntitle: A\nrisk: high\n---\n", 3, "unknown risk 'high'; use one of: total, local, caution"),
        ("---\ntitle: A\nclearance: maybe\n---\n", 3, "'clearance' must be true or false"),
        ("---\ntitle: A\norder: first\n---\n", 3, "'order' must be a number"),
    ],
)
def test_front_matter_errors_name_the_line_and_the_page_still_loads(tree, text, line, message):
    library = load_library(tree({"bad.md": text + "# Fallback\n\nBody.\n"}))
    assert "bad" in library.pages
    errors = [p for p in library.problems if p.level is Level.ERROR]
    assert len(errors) == 1, library.problems
    assert (errors[0].path, errors[0].line) == ("bad.md", line)
    assert message in errors[0].message


def test_unknown_key_is_a_warning_with_a_suggestion(tree):
    library = load_library(tree({"a.md": "---\ntitle: A\nalias: [x]\ncolour: red\n---\n"}))
    assert messages(library) == [
        ("a.md", 3, "warning", "unknown front matter key 'alias'; did you mean 'aliases'?"),
        ("a.md", 4, "warning",
         "unknown front matter key 'colour'; known keys: title, category, summary, tags, aliases, sources, related, risk, clearance, order"),
    ]


def test_scalar_where_a_list_is_expected_is_read_as_one_item(tree):
    library = load_library(tree({"a.md": "---\ntitle: A\ntags: anatomy\naliases: [no, yes, 2024]\n---\n"}))
    page = library.pages["a"]
    assert page.tags == ("anatomy",)
    # Values are taken as written: YAML's `no`/`yes` booleans and numbers stay text.
    assert page.aliases == ("no", "yes", "2024")
    assert messages(library) == [("a.md", 3, "warning", "'tags' should be a list; read as a list of one item")]


def test_title_stays_exactly_as_written(tree):
    library = load_library(tree({"a.md": "---\ntitle: '[bold]x[/]'\n---\n", "b.md": "---\ntitle: 2024\n---\n"}))
    assert library.pages["a"].title == "[bold]x[/]"
    assert library.pages["b"].title == "2024"


def test_invalid_utf8_is_an_error_at_its_line_and_the_page_loads(tree):
    library = load_library(tree({"latin.md": b"# Caf\xc3\xa9\n\nline two\nna\xefve\n"}))
    page = library.pages["latin"]
    assert "na\ufffdve" in page.text
    assert messages(library) == [
        ("latin.md", 4, "error", "not valid UTF-8 (byte 0xef); bad bytes are shown as \ufffd: save the file as UTF-8")
    ]


def test_empty_and_binary_files(tree):
    library = load_library(tree({"empty.md": "", "blob.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00", "ok.md": "# Ok\n"}))
    assert sorted(library.pages) == ["empty", "ok"]
    assert messages(library) == [
        ("blob.md", 1, "error", "binary file (contains NUL bytes), not text; skipped"),
        ("empty.md", 1, "warning", "empty page"),
    ]


def test_broken_links_of_every_kind_are_errors_with_lines_and_hints(tree):
    root = tree(
        {
            "contraindications/gout.md": (
                "---\ntitle: Gout\nrelated: [contraindications/nothing]\n---\n"
                "[[contraindications/Fever]] and [[fever]]\n"
                "[x](../positioning/prone.md) [y](prone.md)\n"
                "[z](../../etc/passwd.md) [ok](fever.md) [[contraindications/fever#no-such-heading]]\n"
                "[web](https://example.org/a.md) `[[in code]]`\n"
            ),
            "contraindications/fever.md": "# Fever\n",
        }
    )
    assert messages(load_library(root)) == [
        ("contraindications/gout.md", 3, "error", "broken link 'contraindications/nothing': no page 'contraindications/nothing'"),
        ("contraindications/gout.md", 5, "error",
         "broken link 'contraindications/Fever': no page 'contraindications/Fever'; did you mean 'contraindications/fever'? (slugs are case-sensitive)"),
        ("contraindications/gout.md", 5, "error",
         "broken link 'fever': no page 'fever'; did you mean 'contraindications/fever'? (a slug is the full path under the content folder)"),
        ("contraindications/gout.md", 6, "error", "broken link '../positioning/prone.md': no page 'positioning/prone'"),
        ("contraindications/gout.md", 6, "error", "broken link 'prone.md': no page 'contraindications/prone'"),
        ("contraindications/gout.md", 7, "error", "link '../../etc/passwd.md' leads outside the content folder"),
        ("contraindications/gout.md", 7, "warning",
         "link 'contraindications/fever#no-such-heading': no heading '#no-such-heading' in 'contraindications/fever'"),
    ]


def test_slugs_that_differ_only_in_case(tree):
    library = load_library(tree({"Gout.md": "# Gout\n", "gout.md": "# gout\n"}))
    assert sorted(library.pages) == ["Gout", "gout"]
    assert messages(library) == [("gout.md", 1, "error", "slug 'gout' differs only in case from 'Gout' (Gout.md)")]


def test_symlink_outside_is_never_followed(tree, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n")
    root = tree({"ok.md": "# Ok\n"})
    os.symlink(secret, root / "leak.md")
    os.symlink(tmp_path, root / "leakdir")
    os.symlink(root / "ok.md", root / "alias.md")  # inside: fine
    library = load_library(root)
    assert sorted(library.pages) == ["alias", "ok"]
    assert messages(library) == [
        ("leak.md", 1, "error", "symlink leads outside the content folder; not followed"),
        ("leakdir", 1, "error", "symlink leads outside the content folder; not followed"),
    ]


def test_very_large_file_is_a_warning(tree):
    library = load_library(tree({"big.md": "# Big\n\n" + ("word " * 250_000)}))
    assert "big" in library.pages
    assert [(p.level.value, p.message[:15]) for p in library.problems] == [("warning", "very large file")]


def test_a_file_over_the_size_limit_is_skipped_with_an_error(tree, monkeypatch):
    import handbook.source

    monkeypatch.setattr(handbook.source, "TOO_LARGE_BYTES", 1000)
    library = load_library(tree({"huge.md": "# Huge\n" + "x" * 2000, "ok.md": "# Ok\n"}))
    assert sorted(library.pages) == ["ok"]
    assert [(p.path, p.line, p.level.value) for p in library.problems] == [("huge.md", 1, "error")]
    assert library.problems[0].message.startswith("file is too large to load")


def test_utf16_loads_with_a_warning(tree):
    library = load_library(tree({"wide.md": "# Wide page\n\n[[ok]]\n".encode("utf-16"), "ok.md": "# Ok\n"}))
    assert library.pages["wide"].title == "Wide page"
    assert messages(library) == [("wide.md", 1, "warning", "file is UTF-16; save it as UTF-8")]


def test_symlink_loops_and_dangling_symlinks_are_skipped(tree):
    root = tree({"ok.md": "# Ok\n", "sub/a.md": "# A\n"})
    os.symlink("..", root / "sub" / "up")
    os.symlink("nowhere.md", root / "dangling.md")
    library = load_library(root)
    assert sorted(library.pages) == ["ok", "sub/a"]
    assert messages(library) == [
        ("dangling.md", 1, "warning", "broken symlink; skipped"),
        ("sub/up", 1, "warning", "symlink loop; folder skipped"),
    ]


def test_control_characters_are_removed_before_anything_else_sees_them(tree):
    library = load_library(tree({"a.md": "---\ntitle: \"Red\\e[31m\"\n---\n# x\n\nbell\x07 here\x1b[2J and C1 \x9b1m\n"}))
    page = library.pages["a"]
    assert "\x07" not in page.body and "\x1b" not in page.text and "\x9b" not in page.text
    assert "bell here[2J and C1 1m" in page.text
    assert ("a.md", 6, "warning", "control characters removed (line 6)") in messages(library)


def test_control_characters_in_file_names_never_reach_a_report_or_a_title(tree):
    root = tree({"ok.md": "# Ok\n", "sub/ok.md": "# Sub\n"})
    (root / "new\nline.md").write_text("no heading\n")
    (root / "red\x1b[31m.md").write_text("# Red\n\n[[nowhere]]\n")
    (root / "notes\x07.txt").write_text("not a page, so not reported")
    library = load_library(root)
    assert sorted(library.pages) == ["new\\x0aline", "ok", "red\\x1b[31m", "sub/ok"]
    assert library.pages["new\\x0aline"].title == "New\\x0aline"
    assert library.pages["red\\x1b[31m"].path == root / "red\x1b[31m.md"  # still read from the real file
    for problem in library.problems:
        assert "\n" not in str(problem) and "\x1b" not in str(problem)
    assert [p.path for p in library.problems if "name holds control characters" in p.message] == [
        "new\\x0aline.md", "red\\x1b[31m.md"
    ]
    assert ("red\\x1b[31m.md", 3, "error", "broken link 'nowhere': no page 'nowhere'") in messages(library)


def test_one_line_of_yaml_escaped_control_characters_is_named_as_one_line(tree):
    library = load_library(tree({"c.md": '---\ntitle: "C\\x07"\n---\n'}))
    assert messages(library) == [("c.md", 2, "warning", "control characters removed from quoted text (line 2)")]


def test_control_characters_written_as_yaml_escapes_are_removed_too(tree):
    # The file holds no control character; YAML's double-quoted escapes would make them.
    root = tree(
        {
            "a.md": (
                '---\ntitle: "Red\\e[31m \\x07bell"\naliases: ["a\\e[2J"]\nsummary: "one\\nline"\n'
                'related: ["b\\u001b"]\n"col\\eour": x\n---\n'
            ),
            "b.md": "# B\n",
        }
    )
    library = load_library(root)
    page = library.pages["a"]
    assert (page.title, page.aliases, page.summary, page.related) == ("Red[31m bell", ("a[2J",), "one line", ("b",))
    assert all("\x1b" not in str(problem) for problem in library.problems)
    assert messages(library) == [
        ("a.md", 2, "warning", "control characters removed from quoted text (lines 2, 3, 5, 6)"),
        ("a.md", 4, "warning", "'summary' should be one line"),
        ("a.md", 6, "warning", "unknown front matter key 'colour'; known keys: title, category, summary, tags, aliases, sources, related, risk, clearance, order"),
    ]


def test_problems_are_sorted_by_path_then_line(tree):
    library = load_library(tree({"b.md": "[[x]]\n\n[[y]]\n", "a.md": "\n\n[[z]]\n"}))
    assert [(p.path, p.line) for p in library.problems if p.is_error] == [("a.md", 3), ("b.md", 1), ("b.md", 3)]
    assert str(library.problems[0]).startswith("a.md:1: warning: no title")


def test_categories_in_order_with_pages_sorted_by_order_then_title(tree):
    root = tree(
        {
            "_categories.yml": "# shown first to last\n- Start here\n- Positioning\n- Nonexistent\n",
            "zeta.md": "---\ntitle: Zeta\ncategory: Start here\norder: 1\n---\n",
            "alpha.md": "---\ntitle: Alpha\ncategory: Start here\n---\n",
            "positioning/prone.md": "# Prone\n",
            "conditions/gout.md": "# Gout\n",
        }
    )
    library = load_library(root)
    assert [(c.name, [p.title for p in c.pages]) for c in library.categories] == [
        ("Start here", ["Zeta", "Alpha"]),
        ("Positioning", ["Prone"]),
        ("Conditions", ["Gout"]),
    ]
    assert messages(library) == [("_categories.yml", 4, "warning", "no page has the category 'Nonexistent'")]


def test_category_order_file_escapes_are_removed(tree):
    library = load_library(tree({"_categories.yml": '- "Gho\\est"\n', "a.md": "# A\n"}))
    assert messages(library) == [("_categories.yml", 1, "warning", "no page has the category 'Ghost'")]


def test_missing_content_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ContentFolderError, match="content folder not found"):
        load_library(tmp_path / "nowhere")


def test_a_thousand_generated_pages_load(tmp_path):
    from tests.corpus import generate_content

    slugs = generate_content(tmp_path, 1000)
    library = load_library(tmp_path)
    assert sorted(library.pages) == sorted(slugs)
    assert library.problems == []
    assert sum(len(c.pages) for c in library.categories) == 1000


def test_questions_section_is_found_outside_front_matter_and_code_fences(tree):
    root = tree(
        {
            "a.md": (
                "---\ntitle: A\n## Questions\n---\n"  # a YAML comment, not a heading
                "Intro.\n\n```\n## Questions\n```\n\n"  # inside a fence: an example
                "## Questions ##\n\n### Q?\n- [x] yes\n\n"
                "## After\n\nReading again.\n"
            )
        }
    )
    page = load_library(root).pages["a"]
    assert page.questions is not None and page.questions.line == 11
    assert page.questions.markdown.splitlines()[-1] == "- [x] yes"
    assert "Reading again." in page.text and "## After" in page.reading_body
    assert "Q?" not in page.text
    assert [h.text for h in page.headings] == ["After"]


def test_broken_link_in_a_question_is_reported_by_check_with_its_line(tree):
    from handbook.content_check import check_content

    root = tree({"a.md": "# A\n\n## Questions\n\n### Q?\n- [x] yes\n- [ ] no\n\n> See [[nowhere]].\n"})
    library = load_library(root)
    assert library.problems == []  # the loader leaves the Questions section to the quiz
    assert [str(p) for p in check_content(library)] == ["a.md:9: error: broken link 'nowhere': no page 'nowhere'"]
