"""Renderers: each takes only a ``Result`` and returns or prints text."""
