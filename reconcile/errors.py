"""Exceptions raised by the library; the CLI turns them into ``Error: …`` lines."""

from __future__ import annotations


class ReconcileError(Exception):
    """Base class for every error a user can act on.

    The message is shown verbatim after ``Error:``, so it names the file and what to do.
    """


class InputError(ReconcileError):
    """An input file is missing, unreadable, empty, binary or undecodable."""


class ConfigError(ReconcileError):
    """An option value is out of range or inconsistent with another."""
