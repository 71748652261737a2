"""Command line: ``python -m capaciteit <opdracht>``. Parse, call the service, report in Dutch."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from capaciteit import preparation, texts
from capaciteit.access.permissions import AccessDenied, local_admin
from capaciteit.bounds import Bounds, actor_problem
from capaciteit.capacity.population import PopulationError
from capaciteit.geo.boundaries import BoundaryError, load_boundaries
from capaciteit.settings import get_settings
from capaciteit.storage.engine import DatabaseError
from capaciteit.uploads import preview, publishing
from capaciteit.uploads.publishing import PublishError
from capaciteit.uploads.reader import UploadError
from capaciteit.uploads.template import build_template

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
KNOWN_ERRORS = (AccessDenied, BoundaryError, DatabaseError, PopulationError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KNOWN_ERRORS as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_INVALID


def _boundaries(args: argparse.Namespace) -> int:
    print(preparation.fetch_boundaries(get_settings(), source=args.bron, year=args.jaar))
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.verwijderen:
        print(preparation.remove_demo(settings))
        return EXIT_OK
    message = preparation.load_demo(settings)
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
    print(preparation.load_population(get_settings(), path, reference_date=args.peildatum))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    settings = get_settings()
    path = Path(args.bestand)
    if not path.is_file():
        print(texts.UPLOAD_UNREADABLE.format(fout=f"{path} bestaat niet"), file=sys.stderr)
        return EXIT_UNUSABLE
    engine, boundaries = preparation.open_store(settings)
    region = args.regio.upper()
    if region not in boundaries.region_names():
        print(texts.UNKNOWN_REGION.format(code=args.regio), file=sys.stderr)
        return EXIT_INVALID
    unstorable = actor_problem(args.door)
    if unstorable:
        print(f"Fout: {unstorable}", file=sys.stderr)
        return EXIT_INVALID
    try:
        check = preview.check_upload(engine, boundaries, preparation.categories_for(settings),
                                      region, path.read_bytes(), path.name,
                                      limits=preview.upload_limits(settings),
                                      bounds=Bounds.from_settings(settings))
    except UploadError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    for note in check.result.notes:
        print(note)
    for issue in check.result.errors:
        print(f"Fout: {issue.text()}", file=sys.stderr)
    for issue in check.result.warnings:
        print(f"Waarschuwing: {issue.text()}")
    if check.result.errors:
        print(texts.PUBLISH_HAS_ERRORS.format(aantal=len(check.result.errors)), file=sys.stderr)
        return EXIT_INVALID
    print(check.diff.summary())
    if args.alleen_controleren:
        print(texts.CHECK_ONLY_OK.format(regels=len(check.result.records)))
        return EXIT_OK
    try:
        publication = publishing.publish(
            engine, region, check.result, actor=local_admin(args.door), filename=path.name,
            sha256=check.sha256, accept_warnings=args.accepteer_waarschuwingen,
            based_on=check.based_on)  # another writer in between: refused, exit 1
    except PublishError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_INVALID
    if publication.demo_removed:
        print(texts.PUBLISH_DEMO_REMOVED.format(aantal=publication.demo_removed))
    print(texts.PUBLISH_DONE.format(versie=publication.version.version, regio=region,
                                    regels=publication.version.row_count))
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    settings = get_settings()
    boundaries = load_boundaries(settings.regions_dir)
    names = boundaries.region_names()
    region = args.regio.upper()
    if region not in names:
        print(texts.UNKNOWN_REGION.format(code=args.regio), file=sys.stderr)
        return EXIT_INVALID
    content = build_template(region, names[region], boundaries.municipality_table(),
                             preparation.categories_for(settings))
    Path(args.o).write_bytes(content)
    print(texts.TEMPLATE_WRITTEN.format(bestand=args.o, naam=names[region]))
    return EXIT_OK


def _prepare(args: argparse.Namespace) -> int:
    for line in preparation.prepare(get_settings(), static_dir=Path(args.static),
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
    laden.add_argument("--peildatum", type=_date,
                       help="JJJJ-MM-DD; standaard 1 januari van de periode")
    _set(laden, _population)

    importeer = commands.add_parser("importeer",
                                    help="capaciteitsbestand controleren en publiceren")
    importeer.add_argument("bestand")
    importeer.add_argument("--regio", required=True, help="code van de regio, bijv. VR13")
    importeer.add_argument("--alleen-controleren", action="store_true",
                           help="alleen controleren, niets publiceren")
    importeer.add_argument("--accepteer-waarschuwingen", action="store_true",
                           help="publiceren ondanks waarschuwingen")
    importeer.add_argument("--door", default=getpass.getuser(), type=_actor_name,
                           help="naam van de aanleverende")
    _set(importeer, _import)

    sjabloon = commands.add_parser("sjabloon", help="Excel-sjabloon voor een regio maken")
    sjabloon.add_argument("--regio", required=True)
    sjabloon.add_argument("-o", required=True, metavar="BESTAND")
    _set(sjabloon, _template)

    voorbereiden = commands.add_parser("voorbereiden", help="alles klaarzetten voor het dashboard")
    voorbereiden.add_argument("--static", default="static", help="map voor kaartbestanden")
    voorbereiden.add_argument("--zonder-demo", action="store_true")
    _set(voorbereiden, _prepare)
    return parser


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"geen geldige datum (JJJJ-MM-DD): '{value}'") from error


def _actor_name(value: str) -> str:
    if not value.strip():  # nothing is written, or audited, under an empty name
        raise argparse.ArgumentTypeError(texts.USER_WITHOUT_IDENTITY)
    return value.strip()


def _set(parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], int]) -> None:
    parser.set_defaults(run=run)
