"""Agreements (afspraken): model, rules, storage, import/export sheets and coverage.

Coverage (which capacity a valid agreement covers, white spots) lives in ``coverage``.
"""
