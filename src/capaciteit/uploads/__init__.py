"""Uploads: the hardened spreadsheet reader, validation, template, preview and publishing."""
