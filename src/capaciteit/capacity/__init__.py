"""Capacity: records, categories, per-region aggregation, population, demo data, presentation."""
