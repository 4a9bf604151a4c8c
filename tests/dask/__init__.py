"""Tests of roo_check.cluster on a distributed.LocalCluster (the dask extra)."""
