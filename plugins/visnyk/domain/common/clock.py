"""Council time: Europe/Kyiv, the build clock, and strict parsing of editors' dates."""

from __future__ import annotations

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")

_LOCAL = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?", re.ASCII)
_ISO_WITH_OFFSET = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s?(?:Z|[+-]\d{2}:?\d{2})", re.ASCII
)

DATE_HELP = (
    "пишіть дату як РРРР-ММ-ДД ГГ:ХХ за київським часом (наприклад 2024-05-14 10:30) "
    "або ISO 8601 зі зсувом (2024-05-14T10:30:00+03:00)"
)


OUT_OF_CALENDAR = "дата «{}» поза межами календаря (роки 1–9999 за будь-яким часовим поясом)"


class DateError(ValueError):
    """A date an editor wrote that is malformed or does not exist; str() is the Ukrainian reason."""


def build_clock(environ: dict[str, str] | None = None) -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set (the reproducible-builds convention), in Kyiv time."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).astimezone(KYIV)
        except (ValueError, OverflowError) as exc:
            raise ValueError(
                f"SOURCE_DATE_EPOCH={epoch!r} не є цілою кількістю секунд від 1970-01-01"
            ) from exc
    return dt.datetime.now(tz=KYIV)


def _exists_in_kyiv(naive: dt.datetime) -> bool:
    """False for wall-clock times skipped by the spring DST switch (e.g. 2024-03-31 03:30)."""
    aware = naive.replace(tzinfo=KYIV)
    roundtrip = aware.astimezone(dt.timezone.utc).astimezone(KYIV).replace(tzinfo=None)
    return roundtrip == naive


def parse_date(text: str) -> dt.datetime:
    """Parse a front-matter date into an aware datetime in Europe/Kyiv.

    Accepts `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (Kyiv wall-clock time) and ISO 8601 with an offset or `Z`.
    Raises DateError with a Ukrainian reason for anything else, including dates that do not exist.
    """
    text = str(text).strip()
    if _ISO_WITH_OFFSET.fullmatch(text):
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1).replace(" ", ""))
        except ValueError as exc:
            raise DateError(f"дата «{text}» не існує") from exc
        try:
            return value.astimezone(KYIV)
        except OverflowError as exc:  # 9999-12-31T23:00-05:00 is year 10000 in Kyiv
            raise DateError(OUT_OF_CALENDAR.format(text)) from exc
    match = _LOCAL.fullmatch(text)
    if not match:
        raise DateError(f"«{text}» не схоже на дату")
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        naive = dt.datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise DateError(f"дата «{text}» не існує") from exc
    try:
        exists = _exists_in_kyiv(naive)
    except OverflowError as exc:  # 0001-01-01 00:00 in Kyiv is year 0 in UTC
        raise DateError(OUT_OF_CALENDAR.format(text)) from exc
    if not exists:
        raise DateError(
            f"час «{text}» не існує в Києві: цієї ночі годинники переводили на літній час"
        )
    return naive.replace(tzinfo=KYIV)


# Wider than any two UTC offsets of one zone can differ (offsets run from -12:00 to +14:00).
_OFFSETS_SPAN = dt.timedelta(hours=26)


def not_after(value: dt.datetime, clock: dt.datetime) -> bool:
    """value ≤ clock as instants. Plain `<=` on two datetimes that share the Kyiv tzinfo compares wall
    clocks and ignores `fold`, so it is wrong inside the repeated autumn hour. (Asked of every item a few
    times a build: two datetimes of one tzinfo further apart on the wall clock than its offsets can differ
    are ordered as their instants are, and that difference takes a seventh of two `timestamp()` calls.)"""
    if value.tzinfo is clock.tzinfo and value.tzinfo is not None:
        gap = clock - value  # one tzinfo: wall clocks, no offsets looked up
        if gap > _OFFSETS_SPAN:
            return True
        if gap < -_OFFSETS_SPAN:
            return False
    return value.timestamp() <= clock.timestamp()


def kyiv(value: dt.datetime) -> dt.datetime:
    """The same instant in Kyiv time (naive values are taken as Kyiv wall-clock time)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=KYIV)
    return value.astimezone(KYIV)
