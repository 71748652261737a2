"""Benchmarks: the map, the aggregation, the question and the upload against their floors.

How long the national map, the national aggregation, the crisis team's question
and an upload take, each against its floor. They measure; they do not judge.

Run all with ``python -m benchmarks`` (or ``make bench``); the figures are printed
and written to ``bench-results/bench.json``. One module per benchmark (``map``,
``aggregation``, ``deployment``, ``upload``); the fictitious data they use is made
by ``generators`` and put into a database by ``loading``; ``timing`` and ``report``
time and print. Correctness of the same data (regions add up, expected deployable
counts, the upload read) is checked by the tests, not here.
"""
