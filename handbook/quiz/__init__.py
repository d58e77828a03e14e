"""The quiz engine: questions (Markdown, GIFT, generated), scoring, sessions, scheduling, progress.

Nothing here imports a UI or prints; the command line and the quiz screens call it.
"""
