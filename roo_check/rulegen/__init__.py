"""Generators that turn vendored legal text into rule files under ``rules/``.

The rule files are generated, not hand-written, so that every rule can be traced back to
the words of the law it came from and regenerated when the source is corrected.
"""
