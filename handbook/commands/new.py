"""Create a new page from a template, with its front matter ready to fill in.

Pages under contraindications/ get the condition template (what it is, why it matters,
what to do, red flags). An existing page is never overwritten.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from importlib import resources
from pathlib import Path

from handbook import locations
from handbook.commands.context import CommandContext
from handbook.page_parser import readable

NAME = "new"
HELP = "create a page from a template (never overwrites)"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")
CONDITION_FOLDER = "contraindications"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", metavar="SLUG", help="the page's path without .md, e.g. contraindications/gout")
    parser.add_argument("--title", metavar="T", help="the page title (default: the slug made readable)")


def run(args: argparse.Namespace, context: CommandContext) -> int:
    slug = args.slug.strip().removesuffix(".md").strip("/")
    if not _SLUG.match(slug):
        print(
            f"handbook: error: '{args.slug}' is not a valid slug: use lower-case letters, digits and hyphens,"
            " with '/' between folders (e.g. contraindications/gout)",
            file=context.err,
        )
        return 2
    if locations.is_shipped_install(context.content_dir):
        print(
            "handbook: error: the installed handbook is read-only; choose your own folder with"
            f" --content DIR or ${locations.CONTENT_ENV}",
            file=context.err,
        )
        return 2
    library = context.library
    existing = library.get(slug)
    target = context.content_dir / f"{slug}.md"
    if existing is not None or os.path.lexists(target):
        where = existing.rel if existing else f"{slug}.md"
        print(f"handbook: error: a page already exists at {where}; not overwritten", file=context.err)
        return 1

    title = (args.title or readable(slug.rsplit("/", 1)[-1])).strip()
    top = slug.split("/")[0] if "/" in slug else ""
    template = "condition.md" if top == CONDITION_FOLDER else "page.md"
    text = resources.files("handbook.templates").joinpath(template).read_text(encoding="utf-8")
    # JSON strings are valid YAML double-quoted strings, so any title is stored exactly.
    text = text.format(title=json.dumps(title, ensure_ascii=False), category=json.dumps(_category_for(library, top)))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError as exc:
        if exc.filename and Path(exc.filename) != target:  # a file sits where a folder of the slug goes
            print(f"handbook: error: cannot create the folder {exc.filename}: a file has that name", file=context.err)
        else:
            print(f"handbook: error: {target} already exists; not overwritten", file=context.err)
        return 1
    except OSError as exc:
        print(f"handbook: error: cannot create {target}: {exc.strerror or exc}", file=context.err)
        return 1
    print(f"created {target}", file=context.out)
    return 0


def _category_for(library, top: str) -> str:
    """The category the folder's pages already use, so a new page lands beside them."""
    used = Counter(page.category for page in library.pages.values() if top and page.slug.startswith(top + "/"))
    if used:
        return used.most_common(1)[0][0]
    return readable(top) if top else "General"
