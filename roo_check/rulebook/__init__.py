"""The rulebook: the law as data, validated strictly and indexed by HS code."""
