"""Every user-facing Dutch text lives in src/capaciteit/texts/, once, and is used.

The scan reads the string constants of src/capaciteit, pages/ and dashboard.py
(docstrings left out) and calls a literal Dutch when it holds a Dutch function
word (een, van, niet, …), or a Dutch field word (regio, afspraak, peildatum, …)
without an English function word beside it: an English sentence may name a
domain word ("an older peildatum"), a Dutch label may be one word ("Afspraken").
Not text: keys and codes (one lower-case word such as ``regio`` or ``geweigerd``),
URLs, regular expressions, and values of the reference data (reference/*.toml).
"""

from __future__ import annotations

import ast
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path("src") / "capaciteit"
TEXTS = PACKAGE / "texts"

DUTCH_FUNCTION_WORDS = """
    de het een van niet geen en voor met op naar bij te om uit aan dat deze dit wordt worden
    zijn alle alleen nog ook maar kan mag moet uw dan meer binnen zonder tot welke wie wat
    hier waar eerst gelezen klaar
""".split()
DUTCH_FIELD_WORDS = """
    regio regio's veiligheidsregio gegevens demogegevens bestand versie afspraak afspraken
    kies personen gemeente gemeenten peildatum peildata inzetbaar bevoegdheden categorie
    categorieën subcategorie toelichting leveranciers auditspoor sjabloon grens lokaal fout
    waarschuwing waarschuwingen opdracht actie bron inwoners waarde kolom melding soort veld
    regels rol rollen tijdstip inzending organisatie totaal landelijk gebiedsindeling beheren
    verwijderen instructie lijsten betekenis achtergrondkaart kaartgegevens ongeldige fictief
    fictieve handhaving bevestigd toegekend huidig nieuw verschil dagen uur legenda leeg
    ingevuld gevonden bestaat opgeslagen gewijzigd
""".split()
ENGLISH_FUNCTION_WORDS = """
    the of and a an are to with for from by or not no on at as be instead each every this that
""".split()  # not 'is', 'in': Dutch words too
KEY = re.compile(r"^[a-z0-9_.:/{}\-]*$")  # one lower-case word or code: a key, not text
URL = re.compile(r"^[a-z][a-z0-9+.\-]*://\S*$")
REGEX_FUNCTIONS = {"compile", "match", "fullmatch", "search", "sub", "subn", "split",
                   "findall", "finditer"}


def _words(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'\-])(?:{alternatives})(?![\w'\-])", re.IGNORECASE)


DUTCH_FUNCTION = _words(DUTCH_FUNCTION_WORDS)
DUTCH_FIELD = _words(DUTCH_FIELD_WORDS)
ENGLISH_FUNCTION = _words(ENGLISH_FUNCTION_WORDS)


def is_dutch(text: str) -> bool:
    """True when ``text`` reads as Dutch by the rule in this module's docstring."""
    if KEY.match(text) or URL.match(text):
        return False
    if DUTCH_FUNCTION.search(text):
        return True
    return bool(DUTCH_FIELD.search(text)) and not ENGLISH_FUNCTION.search(text)


def reference_values(root: Path) -> set[str]:
    """Every key and string value of the reference data: codes, not text."""
    values: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            values.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            values.add(node)

    for path in (root / PACKAGE / "reference").glob("*.toml"):
        walk(tomllib.loads(path.read_text("utf-8")))
    return values


def scanned_files(root: Path) -> list[Path]:
    package = [p for p in (root / PACKAGE).rglob("*.py")
               if not p.is_relative_to(root / TEXTS) and "migrations" not in p.parts]
    return sorted([*package, *(root / "pages").glob("*.py"), root / "dashboard.py"])


def not_text(tree: ast.AST) -> set[int]:
    """Ids of string constants that are no text: docstrings, bare strings, regex patterns."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # docstrings and other bare strings
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in REGEX_FUNCTIONS and node.args):
            skipped.add(id(node.args[0]))
    return skipped


def dutch_literals(root: Path) -> Iterator[str]:
    """'path:line: literal' for every Dutch string literal outside the texts package."""
    codes = reference_values(root)
    for path in scanned_files(root):
        tree = ast.parse(path.read_text("utf-8"))
        skipped = not_text(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skipped and node.value not in codes
                    and is_dutch(node.value)):
                yield f"{path.relative_to(root)}:{node.lineno}: {node.value!r}"


def text_definitions(root: Path) -> dict[str, list[str]]:
    """Each name defined at the top of a texts module, with the modules defining it."""
    defined: dict[str, list[str]] = {}
    for path in sorted((root / TEXTS).glob("*.py")):
        if path.name == "__init__.py":
            continue
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            elif isinstance(node, ast.FunctionDef):
                names = [node.name]
            else:
                names = []
            for name in names:
                defined.setdefault(name, []).append(path.stem)
    return defined


def defined_twice(root: Path) -> dict[str, list[str]]:
    return {name: modules for name, modules in text_definitions(root).items()
            if len(modules) > 1}


def unused_texts(root: Path) -> list[str]:
    """Texts named nowhere in src/capaciteit (outside texts/), pages/ or dashboard.py.

    Migrations count as users (a trigger's refusal message comes from the texts).
    """
    migrations = (root / PACKAGE / "storage" / "migrations").rglob("*.py")
    code = "\n".join(p.read_text("utf-8") for p in [*scanned_files(root), *migrations])
    return sorted(name for name in text_definitions(root)
                  if not re.search(rf"\b{re.escape(name)}\b", code))


# ---------------------------------------------------------------- the rules, on this project


def test_no_dutch_string_literal_lives_outside_the_texts_package():
    found = list(dutch_literals(ROOT))
    assert found == [], "move these to src/capaciteit/texts/:\n" + "\n".join(found)


def test_no_text_is_defined_in_two_texts_modules():
    assert defined_twice(ROOT) == {}


def test_every_text_is_used_by_the_app():
    assert unused_texts(ROOT) == [], "texts nobody shows: remove them"


def test_capaciteit_texts_offers_every_text_of_every_module():
    from capaciteit import texts

    assert set(text_definitions(ROOT)) <= set(dir(texts))


# ---------------------------------------------------------------- the scan can fail


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The scanned parts of the project, copied so a test can plant a literal."""
    for part in ("src", "pages"):
        shutil.copytree(ROOT / part, tmp_path / part,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "dashboard.py", tmp_path / "dashboard.py")
    return tmp_path


@pytest.mark.parametrize("where, line", [
    ("pages/kaart.py", 'st.selectbox("Kies een regio", [])'),
    ("pages/regio.py", 'st.caption(f"{n} personen inzetbaar")'),
    ("src/capaciteit/capacity/presentation.py", 'LABEL = "Afspraken"'),
    ("src/capaciteit/uploads/reader.py", 'raise ValueError("bestand is leeg")'),
    ("dashboard.py", 'st.info("Welkom bij het dashboard")'),
])
def test_a_planted_dutch_literal_is_found(project_copy, where, line):
    path = project_copy / where
    path.write_text(path.read_text("utf-8") + f"\n{line}\n", "utf-8")
    found = list(dutch_literals(project_copy))
    assert len(found) == 1 and found[0].startswith(f"{where}:"), found


@pytest.mark.parametrize("line", [
    'def f():\n    """Kies een regio: a docstring is no text."""',
    'KEY = "filter_regio"',
    'PATTERN = re.compile(r"^gemeente van ")',
    'HELP = "Figures with an older peildatum are flagged as stale"',
])
def test_docstrings_keys_patterns_and_english_are_not_counted(project_copy, line):
    path = project_copy / "pages" / "kaart.py"
    path.write_text(path.read_text("utf-8") + f"\n{line}\n", "utf-8")
    assert list(dutch_literals(project_copy)) == []


def test_a_text_defined_twice_is_found(project_copy):
    path = project_copy / TEXTS / "geo.py"
    path.write_text(path.read_text("utf-8") + '\nAPP_TITLE = "Kaart"\n', "utf-8")
    assert defined_twice(project_copy) == {"APP_TITLE": ["general", "geo"]}


def test_an_unused_text_is_found(project_copy):
    path = project_copy / TEXTS / "geo.py"
    path.write_text(path.read_text("utf-8") + '\nNOBODY_SHOWS_THIS = "Ongebruikt"\n', "utf-8")
    assert unused_texts(project_copy) == ["NOBODY_SHOWS_THIS"]
