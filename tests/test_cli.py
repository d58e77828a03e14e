"""The command line as an instructor uses it: check, new, list, show, and the global options."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO

BROKEN = {
    "good.md": "---\ntitle: Good page\n---\nSee [[other]].\n",
    "other.md": "# Other\n",
    "bad-yaml.md": "---\ntitle: [oops\n---\nbody\n",
    "broken-link.md": "# Broken\n\n[[nowhere]]\n",
    "latin1.md": b"# Caf\xe9\n",
    "warn.md": "---\ntitle: W\ncolour: red\n---\n",
}


def test_check_reports_each_problem_with_path_and_line_and_exits_1(tree, run_cli):
    root = tree(BROKEN)
    result = run_cli("check", "--content", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "bad-yaml.md:2: error: invalid YAML in front matter: did not find expected ',' or ']' in the '[' list that starts here (noticed at line 3)",
        "broken-link.md:3: error: broken link 'nowhere': no page 'nowhere'",
        "latin1.md:1: error: not valid UTF-8 (byte 0xe9); bad bytes are shown as \ufffd: save the file as UTF-8",
        "warn.md:3: warning: unknown front matter key 'colour'; known keys: title, category, summary, tags, aliases, sources, related, risk, clearance, order",
    ]
    assert lines[-1] == "6 pages, 3 errors, 1 warning"


def test_check_exit_codes_and_strict(tree, run_cli):
    root = tree({"a.md": "---\ntitle: A\ncolour: red\n---\n"})
    assert run_cli("check", "--content", str(root)).returncode == 0
    strict = run_cli("check", "--strict", "--content", str(root))
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[-1] == "1 page, 0 errors, 1 warning (--strict: warnings count as errors)"


def test_options_before_or_after_the_command_and_from_the_environment(tree, run_cli, tmp_path):
    root = tree({"a.md": "# A\n"})
    before = run_cli("--content", str(root), "check")
    after = run_cli("check", "--content", str(root))
    from_env = run_cli("check", env={"HANDBOOK_CONTENT": str(root)})
    assert before.stdout == after.stdout == from_env.stdout == "1 page, 0 errors, 0 warnings\n"


def test_a_folder_without_pages_is_a_warning(tree, run_cli):
    root = tree({"notes.txt": "not a page", "_drafts/a.md": "# A\n"})
    result = run_cli("check", "--content", str(root))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [f".:1: warning: no pages: no .md files in {root.resolve()}", "0 pages, 0 errors, 1 warning"]
    assert run_cli("check", "--strict", "--content", str(root)).returncode == 1


def test_missing_content_folder_is_a_message_not_a_traceback(run_cli, tmp_path):
    result = run_cli("check", "--content", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"handbook: error: content folder not found: {tmp_path / 'nope'}"


def test_shipped_content_passes_check_strict(run_cli):
    result = run_cli("check", "--strict")
    assert result.returncode == 0, result.stdout[-3000:]


def test_new_creates_a_page_that_checks_clean_and_refuses_to_overwrite(tree, run_cli):
    root = tree({"contraindications/gout.md": "---\ntitle: Gout\ncategory: Contraindications\n---\n"})
    created = run_cli("new", "contraindications/bell-palsy", "--title", "[bold]Bell's palsy[/]", "--content", str(root))
    assert created.returncode == 0, created.stderr
    text = (root / "contraindications/bell-palsy.md").read_text()
    assert '"[bold]Bell\'s palsy[/]"' in text and "## Red flags: stop and refer" in text
    check = run_cli("check", "--strict", "--content", str(root))
    assert check.returncode == 0, check.stdout
    # The template names the risks but sets none: an unfilled page must not teach one in a quiz.
    assert "risk:  # total, local or caution" in text
    questions = json.loads(run_cli("questions", "--json", "--content", str(root)).stdout)["questions"]
    assert not [q for q in questions if q["topic"] == "contraindications/bell-palsy"]
    listed = run_cli("list", "--content", str(root)).stdout
    assert "[bold]Bell's palsy[/]" in listed and "Contraindications (2)" in listed

    again = run_cli("new", "contraindications/bell-palsy", "--content", str(root))
    assert again.returncode == 1 and "already exists" in again.stderr
    case = run_cli("new", "contraindications/Gout", "--content", str(root))
    assert case.returncode == 2 and "not a valid slug" in case.stderr
    assert run_cli("new", "../escape", "--content", str(root)).returncode == 2


def test_new_where_it_cannot_write_is_a_message_not_a_traceback(tree, run_cli):
    root = tree({"notes": "a file, not a folder", "a.md": "# A\n"})
    blocked = run_cli("new", "notes/page", "--content", str(root))
    assert (blocked.returncode, blocked.stdout) == (1, "")
    assert blocked.stderr == f"handbook: error: cannot create the folder {root / 'notes'}: a file has that name\n"
    too_long = run_cli("new", "a" * 300, "--content", str(root))
    assert too_long.returncode == 1 and "Traceback" not in too_long.stderr
    assert too_long.stderr.startswith("handbook: error: cannot create ") and too_long.stderr.endswith(": File name too long\n")


def test_show_prints_the_page_with_sources_and_disclaimer_not_its_questions(tree, run_cli):
    root = tree(
        {
            "c/dvt.md": (
                "---\ntitle: Deep vein thrombosis\nrisk: total\nclearance: true\naliases: [DVT]\n"
                "summary: A clot in a deep vein.\nsources: [Werner 2019]\nrelated: [c/legs]\n---\n"
                "## What it is\n\nA clot, see [[c/legs|the legs]].\n\n- first\n- second\n\n## Questions\n\n### Secret?\n- [x] a\n"
            ),
            "c/legs.md": "# Legs\n",
        }
    )
    out = run_cli("show", "dvt", "--width", "60", "--content", str(root)).stdout
    assert out.startswith("Deep vein thrombosis\n====")
    for expected in ("Total contraindication; clearance needed", "Also called: DVT", "A clot, see the legs.",
                     "  - first", "Related\n  - Legs (c/legs)", "Sources\n  - Werner 2019"):
        assert expected in out
    assert "not medical advice" in " ".join(out.split())
    assert "Secret" not in out
    missing = run_cli("show", "c/dtv", "--content", str(root))
    assert missing.returncode == 1 and "did you mean c/dvt" in missing.stderr


def test_installed_package_finds_its_content_from_any_directory(run_cli, tmp_path):
    # No PYTHONPATH: this runs whatever `pip install` put in the environment.
    result = run_cli("list", cwd=tmp_path, env={"PYTHONPATH": ""})
    assert result.returncode == 0, "is the package installed? run the README's test command\n" + result.stderr
    assert "writing-content" in result.stdout


def test_readme_and_ci_run_the_same_test_command():
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    commands = [line.strip() for line in readme.split("```")[1].splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[1] in ci.splitlines()
