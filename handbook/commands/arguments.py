"""Argument types shared by the commands: argparse reports a bad value with the option's name."""

from __future__ import annotations

import argparse


def count(text: str) -> int:
    """A number of questions or pages: 0 or more."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def minutes(text: str) -> float:
    """A time limit in minutes: more than 0."""
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value
