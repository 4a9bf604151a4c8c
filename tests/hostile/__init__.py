"""The hostile-input corpus (issue 12): files and command lines built to break roo-check.

``generate.py`` lists every case declaratively and writes ``manifest.json``; ``ops.py`` builds
a case's files from its list of operations; ``runner.py`` runs every case through the CLI in
forked children under time and memory limits; the tests check each outcome.
"""
