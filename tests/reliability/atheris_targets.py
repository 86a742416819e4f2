"""Coverage-guided fuzzing with atheris (libFuzzer) of the number parser, the quantity finder
and the profile parser. Run as a script (libFuzzer exits the process when done):

    python tests/reliability/atheris_targets.py -runs=20000

Any exception other than the documented ones (ValueError/NumberError, ProfileError) is a crash
and libFuzzer stops with the input that caused it."""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports(include=["assistant", "tools"], enable_loader_override=False):
    from assistant.numbers import find_quantities, parse_number
    from tools import ProfileError, parse_profile

KEYS = ["annual_output", "sme_output_share", "enterprise_count", "output_by_year", "area_km2"]


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(64)
    try:
        value = parse_number(text)
        assert value.is_finite()
    except ValueError:
        pass
    with contextlib.suppress(ValueError):  # NumberError: a value to ask back about
        find_quantities(text)
    key = KEYS[fdp.ConsumeIntInRange(0, len(KEYS) - 1)]
    raw = {key: text if fdp.ConsumeBool() else fdp.ConsumeFloat()}
    with contextlib.suppress(ProfileError):
        parse_profile(raw)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
