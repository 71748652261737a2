"""One verdict on a crisis answer: both readings in one box, in the colour of the worse.

The two readings are "met alle inzetbare capaciteit" (every deployable person
comes) and "alleen onder afspraak" (only persons a valid agreement covers come).
A shortfall in the first is red, in the second yellow, none green; the box takes
the worse colour. When regions of the search area have no data the verdict says
so ("onvolledig: geen gegevens van 6 van 7 regio's") and is never green: a
region without data may have capacity nobody knows of, or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from capaciteit import texts
from capaciteit.formatting import format_number

GREEN, YELLOW, RED = "groen", "geel", "rood"
LEVELS = (GREEN, YELLOW, RED)  # from good to bad


@dataclass(frozen=True)
class Verdict:
    """The box's colour and its sentences (markdown): headline, both readings, data gaps."""

    level: str  # one of LEVELS
    sentences: tuple[str, ...]


def judge(needed: int, deployable: int, covered: int, searched: int,
          without_data: Sequence[str], within: str) -> Verdict:
    """The verdict on ``needed`` persons when ``deployable`` can come, ``covered`` under agreement.

    Parameters
    ----------
    needed, deployable, covered
        Persons asked, deployable in the search area, and of those covered by a
        valid agreement (``covered <= deployable``).
    searched
        Regions in the search area.
    without_data
        Names of the searched regions that have no data.
    within
        The horizon as a sentence start ("Binnen 24 uur").
    """
    if not 0 <= covered <= deployable or needed < 1 or len(without_data) > searched:
        raise ValueError("inconsistent figures for a verdict")
    short_all = max(needed - deployable, 0)
    short_covered = max(needed - covered, 0)
    incomplete = bool(without_data)
    level = RED if short_all else YELLOW if short_covered or incomplete else GREEN
    all_reading = texts.VERDICT_ALL.format(
        binnen=within, inzetbaar=format_number(deployable), nodig=format_number(needed),
        uitkomst=_outcome(short_all))
    covered_reading = texts.VERDICT_COVERED.format(
        gedekt=format_number(covered), uitkomst=_outcome(short_covered))
    sentences = [_headline(level, short_all, short_covered, incomplete), all_reading,
                 covered_reading]
    if incomplete:
        sentences.append(texts.VERDICT_INCOMPLETE.format(
            zonder=len(without_data), gezocht=searched, regios=", ".join(without_data)))
    return Verdict(level, tuple(sentences))


def _outcome(shortfall: int) -> str:
    return (texts.VERDICT_SHORT.format(tekort=format_number(shortfall)) if shortfall
            else texts.VERDICT_ENOUGH)


def _headline(level: str, short_all: int, short_covered: int, incomplete: bool) -> str:
    if level == RED:
        return texts.VERDICT_HEAD_SHORT.format(tekort=format_number(short_all))
    if short_covered:
        return texts.VERDICT_HEAD_COVERED_SHORT.format(tekort=format_number(short_covered))
    if incomplete:
        return texts.VERDICT_HEAD_INCOMPLETE
    return texts.VERDICT_HEAD_ENOUGH
