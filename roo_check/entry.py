"""The ``roo-check`` command's entry point: answers ``--version`` before importing anything.

A pipeline that asks ``roo-check --version`` on every run pays for the interpreter alone;
every other command goes to :func:`roo_check.cli.main`, which imports click and, inside
each command, only what that command needs.
"""

from __future__ import annotations

import sys

from roo_check import __version__

VERSION_LINE = f"roo-check, version {__version__}"
"""What ``--version`` prints: the same line as click's version option in :mod:`roo_check.cli`."""


def main(args: list[str] | None = None) -> None:
    argv = sys.argv[1:] if args is None else args
    if argv == ["--version"]:
        sys.stdout.write(VERSION_LINE + "\n")
        return
    from roo_check.cli import main as cli_main

    cli_main(args, own_process=True)


if __name__ == "__main__":
    main()
