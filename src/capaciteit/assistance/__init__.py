"""Bijstand: requests for assistance, offers, acceptance, deployment and return (issue 14).

``model`` (drafts, kinds, reference numbers), ``state`` (the current state derived from the
insert-only events), ``deployed`` (the one function that subtracts deployed persons from
capacity), ``repository`` (queries on a connection), ``service`` (every write, role-checked
and audited), ``overview`` (what the Bijstand page reads), ``board`` and ``board_map`` (the
status board and its map), ``export`` (the attachment), ``notifications`` and ``mail``.
"""
