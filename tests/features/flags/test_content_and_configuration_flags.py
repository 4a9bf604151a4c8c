"""Scenarios for the content and minimal-processing flags and for configuration."""

from pytest_bdd import scenarios

scenarios("flags/content_and_processing.feature")
scenarios("flags/configuration.feature")
scenarios("flags/pattern_samples.feature")
