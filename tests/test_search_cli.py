"""`handbook search` as a trainee runs it: text and JSON output, filters, odd queries, damage."""

from __future__ import annotations

import json
import os

import pytest

from handbook.search import index_folder
from tests.search_pages import PAGES, SYNONYMS


@pytest.fixture
def content(tree):
    return tree({**PAGES, "_synonyms.yml": SYNONYMS})


def test_text_output_shows_rank_title_category_risk_and_marked_snippet(content, run_cli):
    result = run_cli("search", "blood", "thinners", "--content", str(content))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == " 1. Anticoagulant medication (blood thinners)"
    assert lines[1] == "    contraindications/anticoagulants \u00b7 Contraindications \u00b7 Caution: adapt"
    assert "[" in lines[2] and "]" in lines[2]
    assert result.stderr == ""


def test_json_output_has_exactly_the_documented_shape(content, run_cli):
    result = run_cli("search", "hemophila", "--json", "--limit", "2", "--content", str(content))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert set(found) == {"query", "suggestion", "results"}
    assert found["query"] == "hemophila"
    assert found["suggestion"] == "hemophilia"
    assert 1 <= len(found["results"]) <= 2
    first = found["results"][0]
    assert set(first) == {"slug", "title", "category", "risk", "score", "snippet"}
    assert (first["slug"], first["title"], first["category"], first["risk"]) == (
        "contraindications/hemophilia",
        "Hemophilia",
        "Contraindications",
        "caution",
    )
    assert isinstance(first["score"], float) and isinstance(first["snippet"], str)


def test_did_you_mean_and_no_results(content, run_cli):
    corrected = run_cli("search", "osteomylitis", "--content", str(content))
    assert corrected.stdout.splitlines()[0] == "Did you mean: osteomyelitis"
    none = run_cli("search", "zzzzqqq", "--content", str(content))
    assert none.returncode == 1
    assert none.stdout == "No pages match 'zzzzqqq'.\n"
    empty_json = run_cli("search", "zzzzqqq", "--json", "--content", str(content))
    assert empty_json.returncode == 1
    assert json.loads(empty_json.stdout) == {"query": "zzzzqqq", "suggestion": None, "results": []}


def test_category_option_and_filters_in_the_query(content, run_cli):
    by_option = run_cli("search", "knee", "--category", "pressure", "--json", "--content", str(content))
    assert [r["slug"] for r in json.loads(by_option.stdout)["results"]] == ["pressure-zones/popliteal-fossa"]
    in_query = run_cli("search", "vein risk:total", "--json", "--content", str(content))
    assert [r["slug"] for r in json.loads(in_query.stdout)["results"]] == ["contraindications/deep-vein-thrombosis"]
    unknown = run_cli("search", "knee", "--category", "nonsense", "--content", str(content))
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("handbook: error: no category 'nonsense'; categories: ")
    typed = run_cli("search", "knee risk:sometimes", "--content", str(content))
    assert typed.returncode == 1
    assert typed.stdout == "No pages match 'knee risk:sometimes': no risk 'sometimes' (risks: total, local, caution).\n"


def test_limit_must_be_a_positive_number(content, run_cli):
    result = run_cli("search", "knee", "--limit", "0", "--content", str(content))
    assert result.returncode == 2
    assert "must be at least 1" in result.stderr


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR NOT", "*", "?", "~", ":", "(", "\U0001f600", "x" * 10_000, "category:", "-- -x"]
)
def test_odd_queries_never_print_a_traceback(content, run_cli, query):
    result = run_cli("search", "--content", str(content), "--", query)
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr + result.stdout


def test_damaged_index_is_rebuilt_without_a_traceback(content, run_cli, tmp_path):
    assert run_cli("search", "knee", "--content", str(content)).returncode == 0
    folder = index_folder(tmp_path / "data", content)
    for name in os.listdir(folder):
        if name.endswith((".seg", ".toc")):
            (folder / name).write_bytes(b"\x00" * 100)
    result = run_cli("search", "hemophilia", "--json", "--content", str(content))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["results"][0]["slug"] == "contraindications/hemophilia"


def test_unusable_data_folder_searches_in_memory_with_a_note(content, run_cli, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    result = run_cli("search", "DVT", "--content", str(content), "--data-dir", str(blocked))
    assert result.returncode == 0
    assert result.stdout.startswith(" 1. Deep vein thrombosis (DVT)")
    assert "searching in memory" in result.stderr


def test_search_is_listed_in_help(run_cli):
    assert "search" in run_cli("--help").stdout
