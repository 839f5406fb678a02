"""A synthetic, seeded archive of a busy council: N items in Visnyk's format and the same items for stock Pelican.

Not demo content: the text is shuffled from a word list. What matters is that the archive is shaped
like the real one — every type and department, tags, acts with `act_kind` and number, reports with a
unique department and period, drafts, hidden and future items, English translations, intra-site
links and attachments, 250–400 words each, sub-folders by year, and the dates that break naive code:
month ends near midnight in Kyiv, DST switch days, ISO dates with offsets and `Z`.

`generate(root, n, seed)` writes
- `root/content/` — Visnyk's format (YAML front matter), what `pelican -s pelicanconf.py` builds;
- `root/stock/`   — the same items with Pelican's own `Key: value` metadata, for the stock reader
  (same paths, bodies, dates, tags, status, URLs; what our reader derives — URL, description,
  scheduling — is written out explicitly, so the stock build writes the same pages);
- `root/manifest.json` — what was generated (types, departments, boundary cases…), for tests.
The same (n, seed, shape) always gives byte-identical files.

Shapes (`SHAPES`, issue 30): "bench" is the archive above (its files unchanged since VERSION 6); "council" is
shaped like a council's own five years (2022–2026, folders by year): a hand-written monthly report for every
department and every ended month (and an annual one for every ended year), twice the meetings, each with an
agenda, acts with attachments (two in five) and relations between them (`amends:`/`repeals:` of earlier
adopted acts, valid as `check` wants them), pictures; "votes" is "council" with a term of roll-call votes on top
(benchmarks/votes.py). Every shape passes `check`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from visnyk.domain.common.clock import KYIV, parse_date  # noqa: E402
from visnyk.domain.common.model import ActKind, ContentType  # noqa: E402
from visnyk.domain.content.registry import load_registry  # noqa: E402
from visnyk.domain.navigation.slugs import slugify  # noqa: E402

VERSION = 6  # bump when the generated archive changes shape (invalidates bench/ caches)
REGISTRY = ROOT / "content" / "departments.yml"
# The bench's build clock (SOURCE_DATE_EPOCH): mid-November 2026 in Kyiv. Items run up to it,
# a few are scheduled after it.
CLOCK = dt.datetime(2026, 11, 16, 12, 0, tzinfo=KYIV)
EPOCH = str(int(CLOCK.timestamp()))
PER_MONTH = 350  # a busy council publishes 300–400 items a month

TYPE_WEIGHTS = {
    ContentType.NEWS: 50,
    ContentType.ANNOUNCEMENT: 18,
    ContentType.ACT: 22,
    ContentType.MEETING: 3,
    ContentType.VIDEO: 7,
}
MEETING_BODIES = (("council", "Сесія міської ради"), ("executive", "Засідання виконавчого комітету"),
                  ("commission", "Засідання постійної комісії"), ("public_council", "Засідання громадської ради"),
                  ("other", "Нарада"))
ADOPTED_KINDS = (ActKind.COUNCIL_DECISION, ActKind.EXECUTIVE_DECISION, ActKind.MAYOR_ORDER, ActKind.REGULATORY_ACT)
ACT_KIND_WEIGHTS = {
    ActKind.COUNCIL_DECISION: 30,
    ActKind.EXECUTIVE_DECISION: 30,
    ActKind.MAYOR_ORDER: 20,
    ActKind.DRAFT_DECISION: 10,
    ActKind.REGULATORY_ACT: 4,
    ActKind.PROTOCOL: 4,
    ActKind.COMMISSION_CONCLUSION: 2,
    ActKind.COMMISSION_RECOMMENDATIONS: 1,
    ActKind.OTHER: 2,
}
ACT_TITLE = {
    ActKind.COUNCIL_DECISION: "Рішення міської ради",
    ActKind.EXECUTIVE_DECISION: "Рішення виконавчого комітету",
    ActKind.MAYOR_ORDER: "Розпорядження міського голови",
    ActKind.DRAFT_DECISION: "Проєкт рішення",
    ActKind.REGULATORY_ACT: "Регуляторний акт",
    ActKind.PROTOCOL: "Протокол засідання",
    ActKind.COMMISSION_CONCLUSION: "Висновок постійної комісії",
    ActKind.COMMISSION_RECOMMENDATIONS: "Рекомендації постійної комісії",
    ActKind.OTHER: "Документ",
}

WORDS = """
громада рада депутат сесія комісія засідання рішення бюджет школа садочок лікарня амбулаторія
вулиця площа сквер парк міст дорога тротуар освітлення водогін каналізація тепломережа котельня
мешканці громадяни підприємці ветерани діти молодь пенсіонери волонтери переселенці родини
управління відділ департамент служба центр комунальне підприємство інспекція адміністрація
ремонт реконструкція будівництво благоустрій прибирання озеленення облаштування утеплення
програма проєкт грант конкурс закупівля договір кошторис видатки доходи субвенція дотація
освіта культура спорт медицина соціальний захист житло транспорт екологія безпека цифровізація
оновлений новий сучасний безпечний доступний енергоефективний міський комунальний громадський
першочерговий щорічний плановий позачерговий додатковий капітальний поточний тимчасовий
провели відкрили затвердили погодили розглянули підписали оголосили завершили розпочали
продовжили обговорили підтримали виділили передбачили визначили забезпечили отримали
протягом згідно відповідно щодо стосовно завдяки упродовж навколо біля поблизу серед
травня червня липня серпня вересня жовтня листопада грудня січня лютого березня квітня
заклад будинок під'їзд дах фасад вікна двері ліфт подвір'я майданчик зупинка маршрут автобус
тролейбус велодоріжка паркування світлофор перехід пандус укриття генератор електропостачання
звернення заява довідка послуга прийом консультація реєстрація інформація повідомлення
результат звіт план графік порядок положення регламент статут перелік реєстр показник
громадське обговорення слухання петиція ініціатива пропозиція зауваження відповідь
""".split()
TITLE_OPENERS = (
    "У громаді", "На вулиці", "У міській раді", "Виконавчий комітет", "Депутати", "Мешканців",
    "Управління", "У школі", "Комунальники", "Волонтери", "Міський голова", "У парку",
)
TAG_WORDS = """
бюджет освіта медицина благоустрій транспорт культура спорт молодь ветерани екологія
енергозбереження безпека укриття водопостачання опалення дороги освітлення сквери школи садочки
соціальний-захист житло цифровізація адмінпослуги петиції громадські-слухання депутати сесія
виконком закупівлі гранти інвестиції підприємництво туризм історія пам'ять волонтерство
переселенці діти пенсіонери інклюзія доступність пандуси велодоріжки зупинки автобуси
тролейбуси паркування прибирання озеленення тварини ліхтарі ремонт реконструкція будівництво
""".split()
TAGS = tuple(t.replace("-", " ") for t in TAG_WORDS) + tuple(f"мікрорайон {n}" for n in range(1, 61))

BOUNDARY_CASES = (
    "month_end_local",      # 23:59 on the last day of a month, Kyiv wall-clock time
    "month_start_local",    # 00:00 on the 1st, Kyiv wall-clock time
    "month_start_utc_z",    # 00:30 Kyiv on the 1st written in UTC with Z (the previous day in UTC)
    "month_end_offset",     # 23:45 Kyiv on the last day with its +02:00/+03:00 offset
    "year_end_local",       # 31 December 23:59 Kyiv
    "new_year_utc_z",       # 1 January 00:15 Kyiv written in UTC (31 December in UTC)
    "dst_spring_before",    # last Sunday of March 02:59 (the clock jumps 03:00 → 04:00)
    "dst_spring_after",     # last Sunday of March 04:00
    "dst_spring_utc_z",     # last Sunday of March 01:30Z (= 04:30 Kyiv)
    "dst_autumn_ambiguous", # last Sunday of October 03:30 (happens twice)
    "dst_autumn_utc_z",     # last Sunday of October 00:30Z (= 03:30 Kyiv, the first one)
)
FORMATS = ("local", "local_seconds", "date_only", "offset", "utc_z")


@dataclass
class Record:
    index: int
    type: ContentType
    date: dt.datetime  # Kyiv
    date_text: str
    department: str
    title: str
    slug: str
    explicit_slug: bool
    tags: tuple[str, ...]
    body: str
    status: str = "published"
    lang: str = "uk"
    summary: str | None = None
    act_kind: ActKind | None = None
    number: str | None = None
    video_url: str | None = None
    period: str | None = None
    activities: tuple[tuple[str, int], ...] = ()
    attachments: tuple[tuple[str, str], ...] = ()
    image: str | None = None  # a lead image (every 20th news item), drawn by `photo`
    cases: tuple[str, ...] = ()
    tags_inline: bool = False
    translation_of: Record | None = None
    links: tuple[str, ...] = ()
    relpath: str = ""
    format: str = ""  # how the date is written (FORMATS, or "boundary")
    consideration: str | None = None  # drafts: "YYYY-MM-DD"
    adopted: str | None = None  # decisions and orders: "YYYY-MM-DD"
    draft: str | None = None  # decisions: the draft's relpath
    meeting: tuple | None = None  # (body, starts text, ends text or None, venue, ((text, act relpath or None), …))
    amends: tuple[str, ...] = ()  # earlier adopted acts' relpaths (the "council" shape)
    repeals: tuple[str, ...] = ()

    @property
    def future(self) -> bool:
        return self.date > CLOCK

    @property
    def url(self) -> str:
        prefix = "" if self.lang == "uk" else f"{self.lang}/"
        return f"{prefix}{self.type.folder}/{self.date.year}/{self.slug}/"


@dataclass
class Manifest:
    items: int = 0
    seed: int = 0
    types: Counter = field(default_factory=Counter)
    departments: Counter = field(default_factory=Counter)
    act_kinds: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    cases: Counter = field(default_factory=Counter)
    formats: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    tags: int = 0
    translations: int = 0
    future: int = 0
    links: int = 0
    attachments: int = 0
    images: int = 0
    reports_month: int = 0
    reports_year: int = 0
    pages: int = 0
    min_words: int = 0
    max_words: int = 0
    edit_target: str = ""
    shape: str = "bench"
    report_target: str = ""  # a hand-written monthly report (its page: report_url)
    report_url: str = ""
    meeting_target: str = ""  # a meeting with an agenda
    meeting_url: str = ""
    relation_target: str = ""  # an act that amends an earlier one (the earlier one's page cites it)
    relation_url: str = ""
    relations: int = 0

    def as_json(self) -> str:
        data = {k: (dict(sorted(v.items())) if isinstance(v, Counter) else v) for k, v in self.__dict__.items()}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def _month_last_day(year: int, month: int) -> int:
    return ((dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)).day


def _format(moment: dt.datetime, how: str) -> str:
    """The same instant written as editors write it."""
    local = moment.astimezone(KYIV)
    if how == "local":
        return f"{local:%Y-%m-%d %H:%M}"
    if how == "local_seconds":
        return f"{local:%Y-%m-%d %H:%M:%S}"
    if how == "date_only":
        return f"{local:%Y-%m-%d}"
    if how == "offset":
        return local.isoformat(timespec="seconds")
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _boundary(case: str, year: int, month: int) -> tuple[dt.datetime, str]:
    """(instant, text) of a boundary case in the given month (or that year's switch month)."""
    utc = dt.timezone.utc
    last = _month_last_day(year, month)
    if case == "month_end_local":
        return dt.datetime(year, month, last, 23, 59, tzinfo=KYIV), f"{year}-{month:02d}-{last} 23:59"
    if case == "month_start_local":
        return dt.datetime(year, month, 1, 0, 0, tzinfo=KYIV), f"{year}-{month:02d}-01 00:00"
    if case == "month_start_utc_z":
        moment = dt.datetime(year, month, 1, 0, 30, tzinfo=KYIV)
        return moment, _format(moment, "utc_z")
    if case == "month_end_offset":
        moment = dt.datetime(year, month, last, 23, 45, tzinfo=KYIV)
        return moment, _format(moment, "offset")
    if case == "year_end_local":
        return dt.datetime(year, 12, 31, 23, 59, tzinfo=KYIV), f"{year}-12-31 23:59"
    if case == "new_year_utc_z":
        moment = dt.datetime(year, 1, 1, 0, 15, tzinfo=KYIV)
        return moment, _format(moment, "utc_z")
    spring, autumn = _last_sunday(year, 3), _last_sunday(year, 10)
    if case == "dst_spring_before":
        return dt.datetime.combine(spring, dt.time(2, 59), KYIV), f"{spring} 02:59"
    if case == "dst_spring_after":
        return dt.datetime.combine(spring, dt.time(4, 0), KYIV), f"{spring} 04:00"
    if case == "dst_spring_utc_z":
        moment = dt.datetime.combine(spring, dt.time(1, 30), utc)
        return moment.astimezone(KYIV), f"{spring}T01:30:00Z"
    if case == "dst_autumn_ambiguous":
        return dt.datetime.combine(autumn, dt.time(3, 30), KYIV), f"{autumn} 03:30"
    if case == "dst_autumn_utc_z":
        moment = dt.datetime.combine(autumn, dt.time(0, 30), utc)
        return moment.astimezone(KYIV), f"{autumn}T00:30:00Z"
    raise ValueError(case)


SHAPES = ("bench", "council", "votes")
COUNCIL_VERSION = 2  # bump when the council shapes change (the bench shape's files stay as VERSION says)
COUNCIL_START = dt.datetime(2022, 1, 1, tzinfo=KYIV)  # the "council" shape's first day: five years of folders


class _Generator:
    def __init__(self, n: int, seed: int, shape: str = "bench"):
        if shape not in SHAPES:
            raise ValueError(f"unknown shape {shape!r}: {', '.join(SHAPES)}")
        self.n = n
        self.shape = shape
        self.council = shape != "bench"
        self.rng = random.Random(seed)
        self.departments = list(load_registry("departments.yml", REGISTRY.read_bytes())[0])
        # At least two years, so that small archives still meet every boundary case; a council's five.
        self.months = max(24, math.ceil(n / PER_MONTH))
        if self.council:
            self.months = max(self.months, (CLOCK.year - COUNCIL_START.year) * 12 + CLOCK.month - 1)
        first = CLOCK - dt.timedelta(days=30.44 * self.months)
        self.start = first.timestamp()
        self.end = CLOCK.timestamp() - 3600
        self.slugs: set[str] = set()
        first_local = dt.datetime.fromtimestamp(self.start, KYIV)
        self.boundaries = {
            case: [
                (moment, text)
                for year in range(first_local.year, CLOCK.year + 1)
                for month in range(1, 13)
                for moment, text in [_boundary(case, year, month)]
                if first_local <= moment < CLOCK - dt.timedelta(days=1)
            ]
            for case in BOUNDARY_CASES
        }
        self.numbers: Counter = Counter()
        self.kinds_seen: set[ActKind] = set()
        self.records: list[Record] = []
        self.linkable: list[Record] = []
        self.open_drafts: list[Record] = []  # drafts waiting for a meeting to give their consideration date
        self.adoptable: list[Record] = []  # drafts a decision may adopt

    # --- pieces ------------------------------------------------------------------------------

    def words(self, k: int) -> list[str]:
        return self.rng.choices(WORDS, k=k)

    def sentence(self) -> str:
        words = self.words(self.rng.randint(6, 16))
        return words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:]) + self.rng.choice(".....?!")

    def body(self, record: Record) -> str:
        """250–400 words of Markdown: paragraphs, a heading or a list now and then, a link, a table."""
        rng = self.rng
        extras = []
        if record.type is ContentType.ACT and rng.random() < 0.1:
            extras.append("| Показник | Сума, грн |\n|---|---:|\n" + "\n".join(
                f"| {' '.join(self.words(2))} | {rng.randint(1000, 999999)} |" for _ in range(4)))
        if self.linkable and rng.random() < 0.05:
            target_record = rng.choice(self.linkable[-500:])
            extras.append(f"Див. також: [{target_record.title}]({{filename}}/{target_record.relpath}).")
            record.links = (target_record.relpath,)
        target = rng.randint(250, 400) - sum(len(e.split()) for e in extras)
        blocks, count = [], 0
        while count < target:
            left = target - count
            kind = rng.random()
            if kind < 0.08 and blocks and left > 8:
                words = self.words(rng.randint(2, 5))
                blocks.append("## " + " ".join(words).capitalize())
            elif kind < 0.16 and left > 30:
                items = [" ".join(self.words(rng.randint(3, 8))) for _ in range(rng.randint(2, 4))]
                blocks.append("\n".join("- " + item for item in items))
            else:
                words = " ".join(self.sentence() for _ in range(rng.randint(2, 5))).split(" ")[:left]
                if not words[-1].endswith((".", "?", "!")):
                    words[-1] += "."
                if rng.random() < 0.3:
                    at = rng.randrange(len(words))
                    words[at] = f"**{words[at]}**"
                blocks.append(" ".join(words))
            count = sum(len(b.replace("## ", "").replace("- ", "").split()) for b in blocks)
        return "\n\n".join(blocks + extras)

    def unique_slug(self, title: str, force: bool) -> tuple[str, bool]:
        derived = slugify(title)
        if not force and derived and len(derived) <= 80 and derived not in self.slugs:
            self.slugs.add(derived)
            return derived, False
        base = (derived[:60].rstrip("-") or "material")
        for suffix in range(2, 10**6):
            slug = f"{base}-{suffix}"
            if slug not in self.slugs:
                self.slugs.add(slug)
                return slug, True
        raise AssertionError("unreachable")

    def moment(self) -> tuple[dt.datetime, str, str]:
        moment = dt.datetime.fromtimestamp(self.rng.uniform(self.start, self.end), KYIV)
        moment = moment.replace(hour=self.rng.randint(8, 19), second=0, microsecond=0)
        how = self.rng.choices(FORMATS, weights=(70, 5, 8, 10, 7))[0]
        if how == "date_only":
            moment = moment.replace(hour=0, minute=0)
        return moment, _format(moment, how), how

    # --- items -------------------------------------------------------------------------------

    def make(self, index: int, item_type: ContentType) -> Record:
        rng = self.rng
        cases: tuple[str, ...] = ()
        if index % 23 == 0:
            case = BOUNDARY_CASES[(index // 23) % len(BOUNDARY_CASES)]
            moment, text = rng.choice(self.boundaries[case])
            cases, how = (case,), "boundary"
        else:
            moment, text, how = self.moment()
        if index % 149 == 0 and index:  # scheduled: dated after the build clock
            moment = CLOCK + dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 6))
            text, how = _format(moment, "local"), "local"
        parsed = parse_date(text)
        assert parsed == moment, (text, parsed, moment)
        department = rng.choice(self.departments)
        act_kind = number = video_url = None
        if item_type is ContentType.ACT:
            act_kind = rng.choices(list(ACT_KIND_WEIGHTS), weights=list(ACT_KIND_WEIGHTS.values()))[0]
            unseen = [k for k in ActKind if k not in self.kinds_seen]
            act_kind = unseen[0] if unseen else act_kind  # every kind, even in a small archive
            self.kinds_seen.add(act_kind)
            self.numbers[(moment.year, act_kind)] += 1
            number = f"{self.numbers[(moment.year, act_kind)]}"
            title = f"{ACT_TITLE[act_kind]} № {number} «Про {' '.join(self.words(rng.randint(3, 7)))}»"
        elif item_type is ContentType.ANNOUNCEMENT:
            title = f"Оголошення: {' '.join(self.words(rng.randint(3, 8)))}"
        elif item_type is ContentType.MEETING:
            body, label = rng.choice(MEETING_BODIES)
            title = f"{label}: {' '.join(self.words(rng.randint(2, 5)))}"
        elif item_type is ContentType.VIDEO:
            title = f"Відео: {' '.join(self.words(rng.randint(3, 7)))}"
            video_url = f"https://video.example/watch/{index:06d}"
        else:
            title = f"{rng.choice(TITLE_OPENERS)} {' '.join(self.words(rng.randint(3, 9)))}"
        slug, explicit = self.unique_slug(title, force=rng.random() < 0.15)
        k = rng.choices((0, 1, 2, 3, 4), weights=(12, 33, 30, 17, 8))[0]
        tags = tuple(dict.fromkeys(rng.choices(TAGS, weights=[1 / (i + 1) for i in range(len(TAGS))], k=k)))
        status = "published"
        roll = rng.random()
        if roll < 0.02:
            status = "draft"
        elif roll < 0.03 or index % 100 == 50:  # a few whatever the draw, so every archive has hidden items
            status = "hidden"
        record = Record(
            index=index, type=item_type, date=moment, date_text=text, department=department,
            title=title, slug=slug, explicit_slug=explicit, tags=tags, body="", status=status,
            act_kind=act_kind, number=number, video_url=video_url, cases=cases,
            summary=" ".join(self.words(rng.randint(8, 16))).capitalize() + "." if rng.random() < 0.3 else None,
            tags_inline=rng.random() < 0.2,
        )
        record.relpath = f"{item_type.folder}/{moment.year}/{slug}.md"
        if item_type is ContentType.ACT:
            self.cycle_fields(record)
        if item_type is ContentType.MEETING:
            record.meeting = self.meeting(record, body)
        if item_type is ContentType.ACT and rng.random() < (0.4 if self.council else 0.05):
            record.attachments = ((f"files/{moment.year}/{slug}.pdf", f"{ACT_TITLE[act_kind]} № {number} (PDF)"),)
        if item_type is ContentType.NEWS and index % 20 == 0:  # no draw from rng: the rest stays as it was
            record.image = f"images/{moment.year}/{slug}.jpg"
        record.body = self.body(record)
        record.format = how
        return record

    def cycle_fields(self, record: Record) -> None:
        """Deadline dates on both sides of each rule; drafts wait for a meeting or name their own date."""
        rng, day = self.rng, record.date.astimezone(KYIV).date()
        if record.act_kind is ActKind.DRAFT_DECISION:
            if rng.random() < 0.5:
                record.consideration = f"{day + dt.timedelta(days=rng.randint(3, 30))}"
            elif record.status != "draft":
                self.open_drafts.append(record)
            if record.status != "draft":
                self.adoptable.append(record)
        elif record.act_kind in ADOPTED_KINDS and rng.random() < 0.9:
            record.adopted = f"{day - dt.timedelta(days=rng.randint(0, 10))}"
            candidates = [d for d in self.adoptable[-20:] if d.date < record.date]
            if candidates and rng.random() < 0.3:
                draft = rng.choice(candidates)
                self.adoptable.remove(draft)
                record.draft = draft.relpath

    def meeting(self, record: Record, body: str) -> tuple:
        rng = self.rng
        starts = (record.date.astimezone(KYIV) + dt.timedelta(days=rng.randint(1, 25))).replace(
            hour=rng.choice((10, 14, 16)), minute=0)
        ends = starts + dt.timedelta(hours=rng.randint(1, 5)) if rng.random() < 0.6 else None
        agenda = [(" ".join(self.words(rng.randint(4, 9))).capitalize(), None) for _ in range(rng.randint(1, 4))]
        if body in ("council", "executive"):
            ready = [d for d in self.open_drafts[-30:] if d.date < starts]
            for draft in ready[: rng.randint(0, 3)]:
                self.open_drafts.remove(draft)
                agenda.append((draft.title, draft.relpath))
        return (body, f"{starts:%Y-%m-%d %H:%M}", f"{ends:%Y-%m-%d %H:%M}" if ends else None,
                f"Зала № {rng.randint(1, 5)}, вул. Соборна, 1", tuple(agenda))

    def report(self, index: int, department: str, period: str) -> Record:
        rng = self.rng
        year = int(period[:4])
        if len(period) == 7:
            month = int(period[5:])
            last = _month_last_day(year, month)
            moment = dt.datetime(year, month, last, 17, 0, tzinfo=KYIV) + dt.timedelta(days=rng.randint(1, 10))
        else:
            moment = dt.datetime(year + 1, 1, rng.randint(10, 25), 12, 0, tzinfo=KYIV)
        text = _format(moment, "local")
        title = f"Звіт {department} за {period}"
        slug, explicit = self.unique_slug(f"zvit {department} {period}", force=True)
        activities = tuple(
            (f"{' '.join(self.words(rng.randint(3, 7))).capitalize()}", rng.randint(0, 40))
            for _ in range(rng.randint(3, 10) if self.council else rng.randint(1, 4))
        )
        record = Record(
            index=index, type=ContentType.REPORT, date=moment, date_text=text, department=department,
            title=title, slug=slug, explicit_slug=explicit, tags=(), body="", period=period,
            activities=activities,
        )
        record.relpath = f"reports/{year}/{department}-{period}.md"
        record.body = self.body(record)
        record.format = "local"
        return record

    def generate(self) -> list[Record]:
        rng = self.rng
        n_reports = max(len(self.departments), round(self.n * 0.02))
        # Reports need a unique (department, period) that has ended before the clock.
        periods = []
        for back in range(1, self.months + 1):
            month_start = (CLOCK.replace(day=1) - dt.timedelta(days=31 * back - 15)).replace(day=1)
            periods.append(f"{month_start:%Y-%m}")
        periods = sorted(set(periods))
        if self.council:  # every month, counted exactly (the steps of 31 days above can skip one)
            periods = [f"{y}-{m:02d}" for y in range(COUNCIL_START.year, CLOCK.year + 1) for m in range(1, 13)
                       if f"{COUNCIL_START:%Y-%m}" <= f"{y}-{m:02d}" < f"{CLOCK:%Y-%m}"]
        years = sorted({p[:4] for p in periods} - {str(CLOCK.year)})
        slots = [(d, p) for p in periods for d in self.departments] + [(d, y) for y in years for d in self.departments]
        rng.shuffle(slots)
        if self.council:  # every department's hand-written report for every ended month and year
            n_reports = min(len(slots), self.n // 3)
        # At least one annual report when a whole year has passed, whatever the shuffle drew (the archive is
        # meant to cover every kind of item; a small one drew none once the act kinds' weights changed).
        yearly = next((i for i, s in enumerate(slots) if len(s[1]) == 4), None)
        if yearly is not None and yearly >= n_reports:
            slots.insert(0, slots.pop(yearly))
        slots = sorted(slots[:n_reports], key=lambda s: s[1])
        report_at = {round(i * self.n / max(1, len(slots))): slot for i, slot in enumerate(slots)}
        translations = 0
        weights_of = {**TYPE_WEIGHTS, ContentType.MEETING: 6} if self.council else TYPE_WEIGHTS
        types, weights = list(weights_of), list(weights_of.values())
        index = 0
        while len(self.records) < self.n:
            if len(self.records) in report_at:
                record = self.report(index, *report_at.pop(len(self.records)))
            else:
                record = self.make(index, rng.choices(types, weights=weights)[0])
            self.records.append(record)
            visible = record.status == "published" and not record.future and record.type is not ContentType.REPORT
            if visible:
                self.linkable.append(record)
            if (visible and record.type is ContentType.NEWS and index % 97 == 0 and len(self.records) < self.n
                    and len(self.records) not in report_at):
                self.records.append(self.translation(record))
                translations += 1
            index += 1
        assert not report_at and len(self.records) == self.n
        if self.council:
            self.relations()
        return self.records

    def relations(self) -> None:
        """`amends:`/`repeals:` between adopted acts, as `check` accepts them (domain/legal/status.py): only an act
        adopted earlier (its legal date before this one's), never one already repealed, so never a cycle. A
        random generator of its own: the rest of the archive is drawn as without relations."""
        rng = random.Random(self.n * 7 + 30)
        acts = sorted((r for r in self.records if r.act_kind in ADOPTED_KINDS and r.status == "published"
                       and not r.future), key=lambda r: (r.adopted or f"{r.date.astimezone(KYIV).date()}", r.relpath))
        standing: list[tuple[str, Record]] = []  # (legal date, act) not repealed
        for act in acts:
            day = act.adopted or f"{act.date.astimezone(KYIV).date()}"
            earlier = [r for d, r in standing[-200:] if d < day]
            if earlier and rng.random() < 0.12:
                act.amends = tuple(sorted({rng.choice(earlier).relpath for _ in range(rng.randint(1, 2))}))
            elif earlier and rng.random() < 0.03:
                target = rng.choice(earlier)
                act.repeals = (target.relpath,)
                standing = [(d, r) for d, r in standing if r is not target]
            standing.append((day, act))

    def translation(self, original: Record) -> Record:
        record = Record(
            index=original.index, type=original.type, date=original.date, date_text=original.date_text,
            department=original.department, title="EN: " + original.title, slug=original.slug,
            explicit_slug=True, tags=original.tags, body=original.body, lang="en", translation_of=original,
            links=original.links,
        )
        record.relpath = original.relpath[:-3] + ".en.md"
        record.format = original.format
        return record


# --- writing -------------------------------------------------------------------------------------

def _yaml_text(value: str) -> str:
    if any(c in value for c in ':#"\'{}[],&*!|>%@`') or value != value.strip():
        return json.dumps(value, ensure_ascii=False)
    return value


def visnyk_text(r: Record) -> str:
    lines = ["---", f"title: {_yaml_text(r.title)}", f"date: {r.date_text}", f"department: {r.department}"]
    if r.tags:
        lines.append("tags: " + (", ".join(r.tags) if r.tags_inline else "[" + ", ".join(r.tags) + "]"))
    if r.summary:
        lines.append(f"summary: {_yaml_text(r.summary)}")
    if r.explicit_slug:
        lines.append(f"slug: {r.slug}")
    if r.status != "published":
        lines.append(f"status: {r.status}")
    if r.lang != "uk":
        lines.append(f"lang: {r.lang}")
    if r.act_kind is not None:
        lines += [f"act_kind: {r.act_kind.value}", f"number: \"{r.number}\""]
    lines += [f"{key}: {value}" for key, value in (("consideration", r.consideration), ("adopted", r.adopted),
                                                   ("draft", r.draft)) if value]
    lines += [f"{key}: [{', '.join(paths)}]" for key, paths in (("amends", r.amends), ("repeals", r.repeals)) if paths]
    if r.meeting is not None:
        body, starts, ends, venue, agenda = r.meeting
        lines += [f"body: {body}", f"starts: {starts}", *([f"ends: {ends}"] if ends else []), f"venue: {_yaml_text(venue)}",
                  "agenda:"]
        lines += [f"  - {{text: {_yaml_text(text)}{', act: ' + act if act else ''}}}" for text, act in agenda]
    if r.video_url:
        lines.append(f"video_url: {r.video_url}")
    if r.period:
        lines.append(f"period: \"{r.period}\"")
        lines.append("activities:")
        lines += [f"  - {{text: {_yaml_text(text)}, count: {count}}}" for text, count in r.activities]
    if r.attachments:
        lines.append("attachments:")
        lines += [f"  - {{file: {path}, title: {_yaml_text(title)}}}" for path, title in r.attachments]
    if r.image:
        lines += [f"image: {r.image}", f"image_alt: {_yaml_text('Ілюстрація: ' + r.title)}"]
    return "\n".join(lines + ["---", r.body, ""])


def photo(index: int) -> bytes:
    """A 1600 × 1067 JPEG unlike any other of the archive (about 150 KB): gradients, shapes and grain, so
    resizing and encoding cost what a real photo costs."""
    import io
    import random

    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(index)
    width, height = 1600, 1067
    top, bottom = [tuple(rng.randrange(40, 230) for _ in range(3)) for _ in range(2)]
    image = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", (width, height), top), Image.new("RGB", (width, height), bottom), image)
    draw = ImageDraw.Draw(image)
    for _ in range(24):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(30, 260)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")  # seeded
    image = Image.blend(image, noise, 0.08).filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _plain(markdown: str, limit: int = 200) -> str:
    text = " ".join(markdown.replace("**", "").replace("#", "").replace("|", " ").split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def stock_text(r: Record) -> str:
    """Pelican's own metadata for the same item; what our reader derives is written out."""
    # Stock Pelican keeps a date's own offset and takes its month from it: an item written in UTC at
    # 00:30 Kyiv on the 1st would land in the previous month's archive (and collide with it). The
    # stock form therefore writes the same instant with Kyiv's offset.
    lines = [f"Title: {r.title}", f"Date: {r.date.astimezone(KYIV).isoformat()}", f"Category: {r.type.folder}", f"Slug: {r.slug}"]
    if r.tags:
        lines.append("Tags: " + ", ".join(r.tags))
    if r.summary:
        lines.append(f"Summary: {r.summary}")
    lines.append(f"Description: {r.summary or _plain(r.body)}")
    lines += [f"Lang: {r.lang}", f"Item_type: {r.type.value}", f"Department: {r.department}"]
    # Our build schedules an item dated after the build clock as a draft; stock Pelican compares with
    # the real time (WITH_FUTURE_DATES), so the bench writes the outcome down.
    lines.append(f"Status: {'draft' if r.future else r.status}")
    if r.type is ContentType.REPORT:
        # Shown inside the generated report page, never on a page of its own (as in ours).
        lines += ["Save_as:", f"Translation_key: {r.relpath}"]
    elif r.status == "draft" or r.future:
        lines.append(f"Translation_key: {r.relpath}")  # never written
    else:
        key = r.url if r.lang == "uk" else r.url.split("/", 1)[1]
        lines += [f"Url: {r.url}", f"Save_as: {r.url}index.html", f"Translation_key: {key}"]
    if r.act_kind is not None:
        lines += [f"Act_kind: {r.act_kind.value}", f"Number: {r.number}"]
    return "\n".join(lines) + "\n\n" + r.body + "\n"


PAGES = {
    "pages/pro-hromadu.md": "Про громаду",
    "pages/kontakty.md": "Контакти",
    "pages/struktura-rady.md": "Структура ради",
}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


SEED = 20261123


def records(n: int, seed: int = SEED, shape: str = "bench") -> list[Record]:
    """The archive's items, in memory (what `generate` writes)."""
    return _Generator(n, seed, shape).generate()


def generate(root: Path, n: int, seed: int = SEED, shape: str = "bench") -> Manifest:
    """Write the archive under root (replacing what was there) and return its manifest."""
    root = Path(root)
    for folder in ("content", "stock"):
        shutil.rmtree(root / folder, ignore_errors=True)
    items = records(n, seed, shape)
    content, stock = root / "content", root / "stock"
    manifest = Manifest(items=len(items), seed=seed, shape=shape)
    word_counts = []
    for r in items:
        for base, text in ((content, visnyk_text(r)), (stock, stock_text(r))):
            path = base / r.relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for attachment, _title in r.attachments:
            for base in (content, stock):
                (base / attachment).parent.mkdir(parents=True, exist_ok=True)
                (base / attachment).write_bytes(PDF)
        if r.image:  # ours only: the stock builds know no lead images (their cost is ours to measure)
            (content / r.image).parent.mkdir(parents=True, exist_ok=True)
            (content / r.image).write_bytes(photo(r.index))
            manifest.images += 1
        manifest.types[r.type.value] += 1
        manifest.departments[r.department] += 1
        manifest.statuses[r.status] += 1
        manifest.years[str(r.date.year)] += 1
        manifest.formats[r.format] += 1
        for case in r.cases:
            manifest.cases[case] += 1
        if r.act_kind is not None:
            manifest.act_kinds[r.act_kind.value] += 1
        manifest.translations += r.lang != "uk"
        manifest.future += r.future
        manifest.links += bool(r.links)
        manifest.relations += len(r.amends) + len(r.repeals)
        manifest.attachments += len(r.attachments)
        if r.period:
            manifest.reports_month += len(r.period) == 7
            manifest.reports_year += len(r.period) == 4
        if r.lang == "uk":
            word_counts.append(len(r.body.replace("## ", "").replace("- ", "").split()))
    manifest.tags = len({t for r in items for t in r.tags})
    manifest.min_words, manifest.max_words = min(word_counts), max(word_counts)
    # The item the warm rebuild edits: the newest published, past news item.
    target = max(
        (r for r in items if r.type is ContentType.NEWS and r.status == "published" and not r.future and r.lang == "uk"),
        key=lambda r: (r.date, r.relpath),
    )
    manifest.edit_target = target.relpath
    if shape != "bench":  # what the preview bench edits on a council's archive: the newest of each
        newest = lambda found: max(found, key=lambda r: (r.date, r.relpath))  # noqa: E731
        report = newest(r for r in items if r.period and len(r.period) == 7)
        meeting = newest(r for r in items if r.meeting and r.status == "published" and not r.future)
        relation = newest(r for r in items if r.amends)
        manifest.report_target, manifest.report_url = report.relpath, f"reports/{report.period.replace('-', '/')}/{report.department}/"
        manifest.meeting_target, manifest.meeting_url = meeting.relpath, meeting.url
        earlier = next(r for r in items if r.relpath == relation.amends[0])
        manifest.relation_target, manifest.relation_url = relation.relpath, earlier.url
    for relpath, title in PAGES.items():
        body = f"{title}: " + " ".join(_Generator(1, seed).words(120)) + "\n"
        (content / relpath).parent.mkdir(parents=True, exist_ok=True)
        (content / relpath).write_text(f"---\ntitle: {title}\ndate: 2020-01-15\n---\n{body}", encoding="utf-8")
        (stock / relpath).parent.mkdir(parents=True, exist_ok=True)
        slug = Path(relpath).stem
        (stock / relpath).write_text(
            f"Title: {title}\nDate: 2020-01-15\nSlug: {slug}\nDescription: {title}\nItem_type: page\nTranslation_key: {relpath}\n\n{body}",
            encoding="utf-8",
        )
        manifest.pages += 1
    shutil.copyfile(REGISTRY, content / "departments.yml")
    shutil.copyfile(REGISTRY, stock / "departments.yml")
    for base in (content, stock):
        (base / "extra").mkdir(exist_ok=True)
        (base / "extra" / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    (root / "manifest.json").write_text(manifest.as_json(), encoding="utf-8")
    return manifest
