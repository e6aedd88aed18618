"""``python -m reconcile``."""

from .cli import run

run()
