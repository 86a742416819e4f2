"""Batch screening to JSON lines, optionally in worker processes (many profiles × jurisdictions).

Results are streamed, never all held in memory; order is the input order (and, for `all`,
closest jurisdiction first within each profile)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import islice

import orjson

from .profile import Profile
from .screen import screen, summary

CHUNK = 250  # profiles per task: large enough to amortise pickling, small enough to stream
AUTO_PARALLEL_FROM = 2000  # profiles; below this a second process costs more than it saves


def _lines(profiles: Sequence[Profile], jurisdiction: str, as_of: date,
           summarise: bool) -> bytes:
    out = []
    for result in screen(profiles, jurisdiction, as_of):
        out.append(orjson.dumps(summary(result) if summarise else result.to_json()))
    return b"\n".join(out) + b"\n" if out else b""


def _task(args: tuple[list[Profile], str, date, bool]) -> bytes:
    return _lines(*args)


def workers_for(n_profiles: int, requested: int = 0) -> int:
    """`requested`, or automatically: a second process for large batches unless the machine is
    already saturated (1-minute load ≥ cores), where it only adds overhead."""
    if requested > 0:
        return requested
    cores = os.cpu_count() or 1
    idle = os.getloadavg()[0] < cores
    return min(2, cores) if n_profiles >= AUTO_PARALLEL_FROM and cores > 1 and idle else 1


def screen_jsonl(profiles: Sequence[Profile], jurisdiction: str = "all",
                 as_of: date | None = None, summarise: bool = False,
                 workers: int = 0) -> Iterator[bytes]:
    """UTF-8 JSON lines (one result or summary per line), in chunks of bytes."""
    day = as_of or date.today()
    it = iter(profiles)
    chunks = iter(lambda: list(islice(it, CHUNK)), [])
    n = workers_for(len(profiles), workers)
    if n == 1:
        for chunk in chunks:
            yield _lines(chunk, jurisdiction, day, summarise)
        return
    # fork: the children inherit the loaded corpus and compiled rules
    with multiprocessing.get_context("fork").Pool(n) as pool:
        yield from pool.imap(_task, ((c, jurisdiction, day, summarise) for c in chunks))
