"""The engine: one evaluator per rule kind, and a pure ``evaluate`` that joins them.

Nothing here reads files, the clock or globals: models + rulebook + date in, findings out.
"""
