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
        print(texts.CLI_ERROR.format(fout=error), file=sys.stderr)
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
        print(texts.POPULATION_UNREADABLE.format(bestand=path, fout=texts.CLI_FILE_MISSING),
              file=sys.stderr)
        return EXIT_UNUSABLE
    print(preparation.load_population(get_settings(), path, reference_date=args.peildatum))
    return EXIT_OK


def _population_fetch(args: argparse.Namespace) -> int:
    print(preparation.fetch_population(get_settings(), source=args.bron, year=args.jaar))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    settings = get_settings()
    path = Path(args.bestand)
    if not path.is_file():
        print(texts.UPLOAD_UNREADABLE.format(fout=texts.CLI_NO_SUCH_FILE.format(bestand=path)),
              file=sys.stderr)
        return EXIT_UNUSABLE
    engine, boundaries = preparation.open_store(settings)
    region = args.regio.upper()
    if region not in boundaries.region_names():
        print(texts.UNKNOWN_REGION.format(code=args.regio), file=sys.stderr)
        return EXIT_INVALID
    unstorable = actor_problem(args.door)
    if unstorable:
        print(texts.CLI_ERROR.format(fout=unstorable), file=sys.stderr)
        return EXIT_INVALID
    try:
        check = preview.check_upload(engine, boundaries, preparation.categories_for(settings),
                                      region, path.read_bytes(), path.name,
                                      limits=preview.upload_limits(settings),
                                      bounds=Bounds.from_settings(settings))
    except UploadError as error:
        print(texts.CLI_ERROR.format(fout=error), file=sys.stderr)
        return EXIT_UNUSABLE
    for note in check.result.notes:
        print(note)
    for issue in check.result.errors:
        print(texts.CLI_ERROR.format(fout=issue.text()), file=sys.stderr)
    for issue in check.result.warnings:
        print(texts.CLI_WARNING.format(melding=issue.text()))
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
        print(texts.CLI_ERROR.format(fout=error), file=sys.stderr)
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
    helps = texts.CLI_HELP
    parser = argparse.ArgumentParser(prog="python -m capaciteit", description=texts.APP_TITLE)
    commands = parser.add_subparsers(required=True, metavar=texts.CLI_COMMAND)

    gebieden = commands.add_parser("gebieden", help=helps["gebieden"])
    gebieden_sub = gebieden.add_subparsers(required=True, metavar=texts.CLI_ACTION)
    ophalen = gebieden_sub.add_parser("ophalen", help=helps["gebieden ophalen"])
    ophalen.add_argument("--jaar", type=int, help=helps["--jaar"])
    ophalen.add_argument("--bron", help=helps["--bron"])
    _set(ophalen, _boundaries)

    demo = commands.add_parser("demo", help=helps["demo"])
    demo.add_argument("--verwijderen", action="store_true", help=helps["--verwijderen"])
    _set(demo, _demo)

    bevolking = commands.add_parser("bevolking", help=helps["bevolking"])
    bevolking_sub = bevolking.add_subparsers(required=True, metavar=texts.CLI_ACTION)
    laden = bevolking_sub.add_parser("laden", help=helps["bevolking laden"])
    laden.add_argument("bestand")
    laden.add_argument("--peildatum", type=_date, help=helps["--peildatum"])
    _set(laden, _population)
    bevolking_ophalen = bevolking_sub.add_parser("ophalen", help=helps["bevolking ophalen"])
    bevolking_ophalen.add_argument("--jaar", type=int, help=helps["--jaar bevolking"])
    bevolking_ophalen.add_argument("--bron", help=helps["--bron bevolking"])
    _set(bevolking_ophalen, _population_fetch)

    importeer = commands.add_parser("importeer", help=helps["importeer"])
    importeer.add_argument("bestand")
    importeer.add_argument("--regio", required=True, help=helps["--regio"])
    importeer.add_argument("--alleen-controleren", action="store_true",
                           help=helps["--alleen-controleren"])
    importeer.add_argument("--accepteer-waarschuwingen", action="store_true",
                           help=helps["--accepteer-waarschuwingen"])
    importeer.add_argument("--door", default=getpass.getuser(), type=_actor_name,
                           help=helps["--door"])
    _set(importeer, _import)

    sjabloon = commands.add_parser("sjabloon", help=helps["sjabloon"])
    sjabloon.add_argument("--regio", required=True, help=helps["--regio"])
    sjabloon.add_argument("-o", required=True, metavar=texts.CLI_FILE)
    _set(sjabloon, _template)

    voorbereiden = commands.add_parser("voorbereiden", help=helps["voorbereiden"])
    voorbereiden.add_argument("--static", default="static", help=helps["--static"])
    voorbereiden.add_argument("--zonder-demo", action="store_true", help=helps["--zonder-demo"])
    _set(voorbereiden, _prepare)
    return parser


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(texts.CLI_BAD_DATE.format(waarde=value)) from error


def _actor_name(value: str) -> str:
    if not value.strip():  # nothing is written, or audited, under an empty name
        raise argparse.ArgumentTypeError(texts.USER_WITHOUT_IDENTITY)
    return value.strip()


def _set(parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], int]) -> None:
    parser.set_defaults(run=run)
