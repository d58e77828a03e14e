"""The command-line commands, one module each; `COMMANDS` is the order `--help` lists them."""

from handbook.commands import check, list_pages, new, practice, questions, results, search, show, stats

COMMANDS = (check, new, list_pages, show, search, questions, practice, stats, results)
