"""Deployment (Inzetbaar): the crisis team's question, its answer, presets and their views.

Closure measures (sluitingen): what they free in ``measures`` (pure), stored and edited in
``measure_store``; the question as an address (``?vraag=…&regio=…``) in ``links``.
"""
