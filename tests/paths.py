"""Where the test data lives: fixtures in the repo, corpora beside it in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PRESS = FIXTURES / "press-2024-03-26"
MINISTRY = PRESS / "ministry-report.txt"
WEB = PRESS / "web-report.txt"
BBC_226 = FIXTURES / "bbc-quango-2005" / "politics-226.txt"
BBC_265 = FIXTURES / "bbc-quango-2005" / "politics-265.txt"
CORPORA = ROOT.parent / "shared" / "corpora"


def corpus(name: str) -> Path:
    """A corpus file, or skip the test (with the reason) when ../shared is not there."""
    path = CORPORA / name
    if not path.exists():
        pytest.skip(f"corpus {path} not available")
    return path
