"""The HS nomenclature: code parsing, levels, ranges."""
