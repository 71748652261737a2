"""Deployment (Inzetbaar): the crisis team's question, its answer, presets and their views."""
