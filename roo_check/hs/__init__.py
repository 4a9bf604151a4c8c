"""The HS nomenclature: code parsing, levels, ranges (``codes``), and the editions themselves.

``nomenclature`` knows which codes exist in HS2022 and HS2017 and how they correlate (UNSD
correspondence tables, vendored in ``data/``); its tables load on first use.
"""
