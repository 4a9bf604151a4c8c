"""roo-check: a USMCA rules-of-origin screening tool.

The package flows one way: files -> loaders -> models -> engine (rulebook) -> findings -> reporters.
"""

__version__ = "0.1.0"
