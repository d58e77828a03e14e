"""The command-line commands, one module each; `COMMANDS` is the order `--help` lists them."""

from handbook.commands import check, list_pages, new, questions, show

COMMANDS = (check, new, list_pages, show, questions)
