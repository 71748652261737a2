"""Pages stay thin: they start with context(), read data only through capability functions,
leave access checks to the core and show callback messages through one helper."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = sorted(p for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_"))
ALL_PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))
EDGE = ROOT / "pages" / "_shared.py"  # makes the engine, holds the flash helper


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"))


def imported_modules(module: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(module):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def attribute_calls(module: ast.Module) -> set[str]:
    """'engine.connect', 'st.error', … for every call of an attribute."""
    calls = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            prefix = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            calls.add(f"{prefix}.{node.func.attr}")
    return calls


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.name)
def test_a_page_calls_context_before_anything_else(page):
    """context() leaves Streamlit's old pages mode, so the page runs through dashboard.py."""
    first_call = next(node for node in tree(page).body
                      if any(isinstance(n, ast.Call) for n in ast.walk(node))
                      and not isinstance(node, ast.FunctionDef))
    assert ast.unparse(first_call) == "ctx = context()"


@pytest.mark.parametrize("page", ALL_PAGE_FILES, ids=lambda p: p.name)
def test_a_page_reads_through_capability_functions_only(page):
    module = tree(page)
    reaching = sorted(m for m in imported_modules(module)
                      if (m.startswith("capaciteit.storage") and not (
                          page == EDGE and m.startswith("capaciteit.storage.engine")))
                      or m.endswith("repository"))
    assert reaching == []
    assert not {c for c in attribute_calls(module) if c.endswith(".connect")}


@pytest.mark.parametrize("page", ALL_PAGE_FILES, ids=lambda p: p.name)
def test_a_page_leaves_the_audited_access_check_to_the_core(page):
    module = tree(page)
    assert "capaciteit.access.audit" not in imported_modules(module)
    assert not {c for c in attribute_calls(module)
                if c.endswith((".authorize", ".require"))}


@pytest.mark.parametrize("page", [p for p in ALL_PAGE_FILES if p != EDGE], ids=lambda p: p.name)
def test_a_page_shows_callback_messages_through_the_one_flash_helper(page):
    """Messages are kept with pages._shared.flash and shown with show_flash: no page keeps
    its own outcome in the session state or picks the alert by name."""
    module = tree(page)
    dynamic = [ast.unparse(n) for n in ast.walk(module)
               if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "getattr"
               and n.args and getattr(n.args[0], "id", "") == "st"]
    own_outcomes = [n.value for n in ast.walk(module)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                    and re.fullmatch(r"\S*(?:uitkomst|outcome|melding)\S*", n.value)]
    assert dynamic == [] and own_outcomes == []
