"""Errors a parser raises on input it cannot read: one clear line for the person running the import."""


class ExportError(Exception):
    """The export cannot be read (not JSON, unknown version, truncated, missing file)."""
