"""meetings.ics: the council's meetings as an iCalendar feed (RFC 5545) that citizens subscribe to.

Written by this small module rather than a library so that the bytes are ours to keep deterministic:
no build timestamp (DTSTAMP is the announcement's own date), events in a fixed order, lines folded at
75 octets without splitting a UTF-8 character, CRLF line ends. Times are Kyiv wall-clock times with
the Europe/Kyiv VTIMEZONE (EET/EEST, the EU switch rule Ukraine follows).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable

from ..common.clock import kyiv
from ..common.model import Item
from ..language.wording import MEETING_BODY_LABEL

DEFAULT_DURATION = "PT2H"  # a meeting without `ends:`
TZID = "Europe/Kyiv"
VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "TZNAME:EEST",
    "DTSTART:19970330T030000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "TZNAME:EET",
    "DTSTART:19971026T040000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)  # fmt: skip


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Content lines of at most 75 octets; continuation lines start with a space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # the leading space takes one octet
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def local_time(value: dt.datetime) -> str:
    return kyiv(value).strftime("%Y%m%dT%H%M%S")


def utc_time(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def uid(item: Item, domain: str) -> str:
    """Stable as long as the file stays where it is: its path, not its title or slug."""
    stem = posixpath.splitext(item.source)[0].replace("/", "-")
    return f"{stem}@{domain}"


def event(item: Item, page_url: str, domain: str) -> list[str]:
    meeting = item.meeting
    agenda = [f"{n}. {entry.text}" for n, entry in enumerate(meeting.agenda, 1)]
    description = "\n".join([MEETING_BODY_LABEL[meeting.body] + ".",
                             *(["Порядок денний:", *agenda] if agenda else []), f"Сторінка засідання: {page_url}"])
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(item, domain)}",
        f"DTSTAMP:{utc_time(item.modified or item.date)}",
        f"DTSTART;TZID={TZID}:{local_time(meeting.starts)}",
        f"DTEND;TZID={TZID}:{local_time(meeting.ends)}" if meeting.ends else f"DURATION:{DEFAULT_DURATION}",
        f"SUMMARY:{escape(item.title)}",
        f"LOCATION:{escape(meeting.venue)}",
        f"DESCRIPTION:{escape(description)}",
    ]
    if page_url.startswith(("http://", "https://")):
        lines.append(f"URL:{page_url}")
    if item.modified:
        lines.append(f"LAST-MODIFIED:{utc_time(item.modified)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[Item], name: str, page_url: Callable[[Item], str], domain: str) -> bytes:
    """The whole feed; `page_url(item)` is the meeting page's address (absolute when the site knows it)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Visnyk//Meetings//UK", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}", f"X-WR-TIMEZONE:{TZID}", *VTIMEZONE]
    for item in sorted(meetings, key=lambda m: (m.meeting.starts.timestamp(), m.source)):
        lines += event(item, page_url(item), domain)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
