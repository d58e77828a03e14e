"""What the index holds for each page: the Whoosh schema and the document made from a `Page`.

Only the slug and the file digest are stored: titles, summaries and text for display come
from the `Library`, so the index stays small and is never the source of what is shown.
"""

from __future__ import annotations

from whoosh import fields, formats

from handbook.page import Page
from handbook.search.analysis import HandbookAnalyzer, fold, tokenize

# Bump when the schema, the analysis or what goes into a field changes: an index of
# another version is rebuilt on open.
SCHEMA_VERSION = 3

SLUG = "slug"
DIGEST = "digest"
NAMES = "names"  # title and aliases
TOPICS = "topics"  # tags and headings
SUMMARY = "summary"
BODY = "body"
CATEGORY = "category"
RISK = "risk"
ALL_WORDS = "words"  # every word as typed (folded, unstemmed): completions, spelling
NAME_WORDS = "namewords"  # the words of titles, aliases and tags: completions of short prefixes
TEXT_FIELDS = (NAMES, TOPICS, SUMMARY, BODY)


def build_schema() -> fields.Schema:
    """The schema of a handbook index."""
    terms = HandbookAnalyzer(stem=True)
    surface = HandbookAnalyzer(stem=False)
    return fields.Schema(
        **{
            SLUG: fields.ID(stored=True, unique=True),
            DIGEST: fields.STORED(),
            NAMES: fields.TEXT(analyzer=terms),
            TOPICS: fields.TEXT(analyzer=terms),
            SUMMARY: fields.TEXT(analyzer=terms),
            BODY: fields.TEXT(analyzer=terms),
            CATEGORY: fields.ID(),
            RISK: fields.ID(),
            ALL_WORDS: fields.FieldType(formats.Existence(), surface, scorable=False),
            NAME_WORDS: fields.FieldType(formats.Existence(), surface, scorable=False),
        }
    )


def category_key(name: str) -> str:
    """How a category is indexed and compared: folded, with spaces for hyphens and underscores."""
    return " ".join(fold(name).replace("-", " ").replace("_", " ").split())


def page_document(page: Page) -> dict[str, str]:
    """The index document of `page`. Newlines keep phrases from running across two names."""
    names = "\n".join((page.title, *page.aliases))
    topics = "\n".join((*page.tags, *(heading.text for heading in page.headings)))
    parts = (names, topics, page.summary, page.text)
    document = {
        SLUG: page.slug,
        DIGEST: page.digest,
        NAMES: names,
        TOPICS: topics,
        SUMMARY: page.summary,
        BODY: page.text,
        CATEGORY: category_key(page.category),
        # Each distinct word once: these fields only answer "which pages use this word".
        ALL_WORDS: " ".join(dict.fromkeys(word[0] for part in parts for word in tokenize(part))),
        NAME_WORDS: " ".join(dict.fromkeys(word[0] for part in (names, *page.tags) for word in tokenize(part))),
    }
    if page.risk:
        document[RISK] = page.risk
    return document
