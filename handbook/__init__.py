"""handbook: a terminal reference handbook and practice trainer for massage-therapy trainees."""

__version__ = "0.1.0"
