"""Working days: Monday to Friday that is not a public holiday day-off — a pure calendar over dates.

The days off are data, by date (`DAYS_OFF_BEFORE_SUSPENSION`, the default of the VISNYK_DAYS_OFF
setting): the Labour Code's holidays (art. 73) with a holiday on a weekend moved to the next working
day (art. 67 part 3), 2015 to 23 March 2022. Martial law began on 24 February 2022, but what took the
holidays away is Law No. 2136-IX «Про організацію трудових відносин в умовах воєнного стану» of
15.03.2022: its art. 6 part 6 says that while martial law lasts art. 53, art. 65 part 1, art. 67 parts
3–5 and arts. 71–73 of the Labour Code do not apply. It was published on 23.03.2022 and took effect the
next day, 24 March 2022, with no retroactive force (Constitution art. 58). So between 24 February and
23 March 2022 art. 73 still applied, and Tuesday 8 March 2022 (Міжнародний жіночий день) was a day
off; from 24 March 2022 every Monday–Friday is a working day while martial law lasts. When it ends,
the council adds the holidays of the law then in force to the setting. The Cabinet's recommended day
transfers (a working Saturday for a Monday off, e.g. 7 March 2022) are not days off by law and are not
listed.

How the working days before a draft's consideration are counted is a convention (`DraftCounting`, the
VISNYK_DRAFT_DAYS_COUNTING setting). Art. 15 part 3 of the Law «Про доступ до публічної інформації»
says drafts are published «не пізніше як за 10 робочих днів до дати їх розгляду з метою прийняття»:
«за N днів до дати» leaves the date itself out, and a period counted from an event starts the next day
(Civil Code art. 253), so the default counts the working days strictly between the publication and
the consideration.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

MARTIAL_LAW_SINCE = dt.date(2022, 2, 24)  # Presidential decree No. 64/2022, approved by Law No. 2102-IX
HOLIDAYS_SUSPENDED_SINCE = dt.date(2022, 3, 24)  # Law No. 2136-IX, art. 6 part 6, in force from this day


class DraftCounting(str, Enum):
    """Which days count towards a draft's «не пізніше як за 10 робочих днів до дати їх розгляду»."""

    STRICTLY_BETWEEN = "strictly_between"  # neither the publication day nor the consideration day (default)
    WITH_PUBLICATION_DAY = "with_publication_day"  # the publication day too, if it is a working day


DAYS_OFF_BEFORE_SUSPENSION: dict[str, str] = {
    "2015-01-01": "Новий рік",
    "2015-01-07": "Різдво Христове",
    "2015-03-09": "Міжнародний жіночий день (з 08.03)",
    "2015-04-13": "Великдень (з 12.04)",
    "2015-05-01": "День праці",
    "2015-05-04": "День праці (з 02.05)",
    "2015-05-11": "День перемоги (з 09.05)",
    "2015-06-01": "Трійця (з 31.05)",
    "2015-06-29": "День Конституції України (з 28.06)",
    "2015-08-24": "День незалежності України",
    "2015-10-14": "День захисника України",
    "2016-01-01": "Новий рік",
    "2016-01-07": "Різдво Христове",
    "2016-03-08": "Міжнародний жіночий день",
    "2016-05-02": "День праці",
    "2016-05-03": "Великдень, День праці (з 01.05)",
    "2016-05-09": "День перемоги",
    "2016-06-20": "Трійця (з 19.06)",
    "2016-06-28": "День Конституції України",
    "2016-08-24": "День незалежності України",
    "2016-10-14": "День захисника України",
    "2017-01-02": "Новий рік (з 01.01)",
    "2017-01-09": "Різдво Христове (з 07.01)",
    "2017-03-08": "Міжнародний жіночий день",
    "2017-04-17": "Великдень (з 16.04)",
    "2017-05-01": "День праці",
    "2017-05-02": "День праці",
    "2017-05-09": "День перемоги",
    "2017-06-05": "Трійця (з 04.06)",
    "2017-06-28": "День Конституції України",
    "2017-08-24": "День незалежності України",
    "2017-10-16": "День захисника України (з 14.10)",
    "2017-12-25": "Різдво Христове",
    "2018-01-01": "Новий рік",
    "2018-01-08": "Різдво Христове (з 07.01)",
    "2018-03-08": "Міжнародний жіночий день",
    "2018-04-09": "Великдень (з 08.04)",
    "2018-05-01": "День праці",
    "2018-05-09": "День перемоги",
    "2018-05-28": "Трійця (з 27.05)",
    "2018-06-28": "День Конституції України",
    "2018-08-24": "День незалежності України",
    "2018-10-15": "День захисника України (з 14.10)",
    "2018-12-25": "Різдво Христове",
    "2019-01-01": "Новий рік",
    "2019-01-07": "Різдво Христове",
    "2019-03-08": "Міжнародний жіночий день",
    "2019-04-29": "Великдень (з 28.04)",
    "2019-05-01": "День праці",
    "2019-05-09": "День перемоги",
    "2019-06-17": "Трійця (з 16.06)",
    "2019-06-28": "День Конституції України",
    "2019-08-26": "День незалежності України (з 24.08)",
    "2019-10-14": "День захисника України",
    "2019-12-25": "Різдво Христове",
    "2020-01-01": "Новий рік",
    "2020-01-07": "Різдво Христове",
    "2020-03-09": "Міжнародний жіночий день (з 08.03)",
    "2020-04-20": "Великдень (з 19.04)",
    "2020-05-01": "День праці",
    "2020-05-11": "День перемоги (з 09.05)",
    "2020-06-08": "Трійця (з 07.06)",
    "2020-06-29": "День Конституції України (з 28.06)",
    "2020-08-24": "День незалежності України",
    "2020-10-14": "День захисника України",
    "2020-12-25": "Різдво Христове",
    "2021-01-01": "Новий рік",
    "2021-01-07": "Різдво Христове",
    "2021-03-08": "Міжнародний жіночий день",
    "2021-05-03": "День праці (з 01.05)",
    "2021-05-04": "Великдень (з 02.05)",
    "2021-05-10": "День перемоги (з 09.05)",
    "2021-06-21": "Трійця (з 20.06)",
    "2021-06-28": "День Конституції України",
    "2021-08-24": "День незалежності України",
    "2021-10-14": "День захисника України",
    "2021-12-27": "Різдво Христове (з 25.12)",
    "2022-01-03": "Новий рік (з 01.01)",
    "2022-01-07": "Різдво Христове",
    "2022-03-08": "Міжнародний жіночий день (воєнний стан, але ст. 73 КЗпП ще діяла: Закон № 2136-IX — з 24.03.2022)",
}


# Law No. 3590-IX (2024): a plenary session's or a standing commission's video "не пізніше наступного дня".
VIDEO_DAYS = 1
# The council's own term for a protocol (its Regulations); the default, ten working days, is a common one.
PROTOCOL_DAYS = 10


@dataclass(frozen=True)
class Calendar:
    """Working days between dates, in O(log n): weekdays by arithmetic, days off by bisection."""

    days_off: tuple[dt.date, ...] = ()  # sorted, weekdays only (a day off on a weekend changes nothing)
    draft_counting: DraftCounting = DraftCounting.STRICTLY_BETWEEN
    video_days: int = VIDEO_DAYS  # a session's or commission's video: calendar days after the meeting (records.py)
    protocol_days: int = PROTOCOL_DAYS  # a meeting's protocol: working days after it (the council's own term)

    @classmethod
    def of(cls, days_off: Iterable[dt.date | str],
           draft_counting: DraftCounting | str = DraftCounting.STRICTLY_BETWEEN,
           video_days: int = 0, protocol_days: int = 0) -> Calendar:
        dates = {d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in days_off}
        return cls(tuple(sorted(d for d in dates if d.weekday() < 5)), DraftCounting(draft_counting),
                   video_days or VIDEO_DAYS, protocol_days or PROTOCOL_DAYS)

    def is_working(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return False
        i = bisect_left(self.days_off, day)
        return not (i < len(self.days_off) and self.days_off[i] == day)

    def working_days(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included (0 when last < first)."""
        if last < first:
            return 0
        weekdays = _weekdays_before(last + dt.timedelta(days=1)) - _weekdays_before(first)
        off = bisect_right(self.days_off, last) - bisect_left(self.days_off, first)
        return weekdays - off

    def strictly_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` and before `end` (0 when end is not after start)."""
        return self.working_days(start + dt.timedelta(days=1), end - dt.timedelta(days=1))

    def before_consideration(self, published: dt.date, considered: dt.date) -> int:
        """The working days a draft was public before its consideration, by the council's convention."""
        days = self.strictly_between(published, considered)
        if self.draft_counting is DraftCounting.WITH_PUBLICATION_DAY and published < considered \
                and self.is_working(published):
            days += 1
        return days

    def after_up_to(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (time limits start the next day)."""
        return self.working_days(start + dt.timedelta(days=1), end)


def _weekdays_before(day: dt.date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday) up to the day before `day`."""
    days = day.toordinal() - 1
    weeks, rest = divmod(days, 7)
    return weeks * 5 + min(rest, 5)


DEFAULT = Calendar.of(DAYS_OFF_BEFORE_SUSPENSION)
