"""Command line: ``python -m capaciteit <opdracht>``. Parse, call the service, report in Dutch."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from capaciteit import services, texts
from capaciteit.boundaries import BoundaryError
from capaciteit.database import DatabaseError
from capaciteit.population import PopulationError
from capaciteit.settings import get_settings

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
KNOWN_ERRORS = (BoundaryError, DatabaseError, PopulationError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KNOWN_ERRORS as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_INVALID


def _boundaries(args: argparse.Namespace) -> int:
    print(services.fetch_boundaries(get_settings(), source=args.bron, year=args.jaar))
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.verwijderen:
        print(services.remove_demo(settings))
        return EXIT_OK
    message = services.load_demo(settings)
    if message is None:
        print(texts.DEMO_NOT_EMPTY, file=sys.stderr)
        return EXIT_INVALID
    print(message)
    return EXIT_OK


def _population(args: argparse.Namespace) -> int:
    path = Path(args.bestand)
    if not path.is_file():
        print(texts.POPULATION_UNREADABLE.format(bestand=path, fout="bestand bestaat niet"),
              file=sys.stderr)
        return EXIT_UNUSABLE
    peildatum = date.fromisoformat(args.peildatum) if args.peildatum else None
    print(services.load_population(get_settings(), path, reference_date=peildatum))
    return EXIT_OK


def _prepare(args: argparse.Namespace) -> int:
    for line in services.prepare(get_settings(), static_dir=Path(args.static),
                                 demo_if_empty=not args.zonder_demo):
        print(line)
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m capaciteit", description=texts.APP_TITLE)
    commands = parser.add_subparsers(required=True, metavar="OPDRACHT")

    gebieden = commands.add_parser("gebieden", help="gebiedsindeling beheren")
    gebieden_sub = gebieden.add_subparsers(required=True, metavar="ACTIE")
    ophalen = gebieden_sub.add_parser("ophalen", help="gebiedsindeling ophalen en controleren")
    ophalen.add_argument("--jaar", type=int, help="jaar van de CBS-gebiedsindeling")
    ophalen.add_argument("--bron", help="map of URL in plaats van PDOK")
    _set(ophalen, _boundaries)

    demo = commands.add_parser("demo", help="fictieve demogegevens laden in een lege database")
    demo.add_argument("--verwijderen", action="store_true", help="demogegevens verwijderen")
    _set(demo, _demo)

    bevolking = commands.add_parser("bevolking", help="inwonertallen beheren")
    bevolking_sub = bevolking.add_subparsers(required=True, metavar="ACTIE")
    laden = bevolking_sub.add_parser("laden", help="CBS StatLine-CSV met inwoners laden")
    laden.add_argument("bestand")
    laden.add_argument("--peildatum", help="JJJJ-MM-DD; standaard 1 januari van de periode")
    _set(laden, _population)

    voorbereiden = commands.add_parser("voorbereiden", help="alles klaarzetten voor het dashboard")
    voorbereiden.add_argument("--static", default="static", help="map voor kaartbestanden")
    voorbereiden.add_argument("--zonder-demo", action="store_true")
    _set(voorbereiden, _prepare)
    return parser


def _set(parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], int]) -> None:
    parser.set_defaults(run=run)
