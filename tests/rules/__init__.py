"""Per-section pass and fail cases of the product-specific rules (see README.md)."""
