"""The command-line commands, one module each; `COMMANDS` is the order `--help` lists them."""

from handbook.commands import check, list_pages, new, open_app, practice, questions, quiz, results, search, show, stats

COMMANDS = (open_app, check, new, list_pages, show, search, questions, practice, quiz, stats, results)
