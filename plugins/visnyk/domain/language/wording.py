"""All Ukrainian wording the site generates: dates, months in their cases, counted phrases.

Babel supplies CLDR data (month names, plural rules), so output never depends on the system locale.
Each counted phrase keeps its own three forms, because the case a sentence puts a noun in decides
the form: "розміщено 321 новину" but "321 новина".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.core import Locale
from babel.dates import format_date

from ..common.clock import kyiv

from ..common.model import ActKind, ContentType, Item, MeetingBody

LOCALE = "uk"


@lru_cache(maxsize=1)
def _locale() -> Locale:
    return Locale.parse(LOCALE)


def plural_form(n: int) -> str:
    """CLDR category for Ukrainian: "one" (1, 21, 91, 321), "few" (2–4, 22…), "many" (0, 5–20, 111…)."""
    return _locale().plural_form(abs(n))


@dataclass(frozen=True)
class Forms:
    one: str
    few: str
    many: str

    def pick(self, n: int) -> str:
        return getattr(self, plural_form(n))

    def count(self, n: int) -> str:
        """ "321 новину" — the number and the agreeing noun."""
        return f"{n} {self.pick(n)}"


# What a report says was done: "підготовлено та розміщено 321 новину" (accusative after the verb).
TYPE_DONE: dict[ContentType, tuple[str, Forms]] = {
    ContentType.NEWS: ("підготовлено та розміщено", Forms("новину", "новини", "новин")),
    ContentType.ANNOUNCEMENT: ("розміщено", Forms("оголошення", "оголошення", "оголошень")),
    ContentType.ACT: ("оприлюднено", Forms("документ", "документи", "документів")),
    ContentType.MEETING: ("оголошено", Forms("засідання", "засідання", "засідань")),
    ContentType.VIDEO: ("розміщено", Forms("відеоролик", "відеоролики", "відеороликів")),
    ContentType.REPORT: ("оприлюднено", Forms("звіт", "звіти", "звітів")),
}
# Names of counted things in a table or a heading (nominative): "321 новина".
TYPE_NOUN: dict[ContentType, Forms] = {
    ContentType.NEWS: Forms("новина", "новини", "новин"),
    ContentType.ANNOUNCEMENT: Forms("оголошення", "оголошення", "оголошень"),
    ContentType.ACT: Forms("документ", "документи", "документів"),
    ContentType.MEETING: Forms("засідання", "засідання", "засідань"),
    ContentType.VIDEO: Forms("відеоролик", "відеоролики", "відеороликів"),
    ContentType.REPORT: Forms("звіт", "звіти", "звітів"),
}
TYPE_LABEL: dict[ContentType, str] = {
    ContentType.NEWS: "Новини",
    ContentType.ANNOUNCEMENT: "Оголошення",
    ContentType.ACT: "Документи",
    ContentType.MEETING: "Засідання",
    ContentType.VIDEO: "Відео",
    ContentType.REPORT: "Звіти",
    ContentType.PAGE: "Сторінки",
}
TYPE_SINGULAR: dict[ContentType, str] = {
    ContentType.NEWS: "Новина",
    ContentType.ANNOUNCEMENT: "Оголошення",
    ContentType.ACT: "Документ",
    ContentType.MEETING: "Засідання",
    ContentType.VIDEO: "Відео",
    ContentType.REPORT: "Звіт",
    ContentType.PAGE: "Сторінка",
}
# The content type acts/ is named by the collective noun "документ": it holds decisions, orders, drafts,
# protocols and commissions' conclusions, of which only some are normative, so "нормативний акт" names none
# of them; each kind is counted by its own noun.
# Act kinds after "оприлюднено" or "з них" (accusative = nominative for these inanimate nouns):
# "12 рішень міської ради, 1 розпорядження міського голови, 1 протокол засідання".
ACT_KIND_COUNTED: dict[ActKind, Forms] = {
    ActKind.COUNCIL_DECISION: Forms("рішення міської ради", "рішення міської ради", "рішень міської ради"),
    ActKind.EXECUTIVE_DECISION: Forms(
        "рішення виконавчого комітету", "рішення виконавчого комітету", "рішень виконавчого комітету"
    ),
    ActKind.MAYOR_ORDER: Forms(
        "розпорядження міського голови", "розпорядження міського голови", "розпоряджень міського голови"
    ),
    ActKind.DRAFT_DECISION: Forms("проєкт рішення", "проєкти рішень", "проєктів рішень"),
    ActKind.REGULATORY_ACT: Forms("регуляторний акт", "регуляторні акти", "регуляторних актів"),
    ActKind.PROTOCOL: Forms("протокол засідання", "протоколи засідань", "протоколів засідань"),
    ActKind.COMMISSION_CONCLUSION: Forms(
        "висновок постійної комісії", "висновки постійних комісій", "висновків постійних комісій"
    ),
    ActKind.COMMISSION_RECOMMENDATIONS: Forms(  # "рекомендації" is one document: counted through "документ"
        "документ із рекомендаціями постійної комісії", "документи з рекомендаціями постійних комісій",
        "документів із рекомендаціями постійних комісій",
    ),
    ActKind.OTHER: Forms("інший документ", "інші документи", "інших документів"),
}
# How an act is cited: "рішення виконавчого комітету від 03.06.2026 № 180".
ACT_KIND_CITED: dict[ActKind, str] = {
    ActKind.COUNCIL_DECISION: "рішення міської ради",
    ActKind.EXECUTIVE_DECISION: "рішення виконавчого комітету",
    ActKind.MAYOR_ORDER: "розпорядження міського голови",
    ActKind.DRAFT_DECISION: "проєкт рішення",
    ActKind.REGULATORY_ACT: "регуляторний акт",
    ActKind.PROTOCOL: "протокол засідання",
    ActKind.COMMISSION_CONCLUSION: "висновок постійної комісії",
    ActKind.COMMISSION_RECOMMENDATIONS: "рекомендації постійної комісії",
    ActKind.OTHER: "документ",
}
ACT_KIND_LABEL: dict[ActKind, str] = {
    ActKind.COUNCIL_DECISION: "Рішення міської ради",
    ActKind.EXECUTIVE_DECISION: "Рішення виконавчого комітету",
    ActKind.MAYOR_ORDER: "Розпорядження міського голови",
    ActKind.DRAFT_DECISION: "Проєкт рішення",
    ActKind.REGULATORY_ACT: "Регуляторний акт",
    ActKind.PROTOCOL: "Протокол засідання",
    ActKind.COMMISSION_CONCLUSION: "Висновок постійної комісії",
    ActKind.COMMISSION_RECOMMENDATIONS: "Рекомендації постійної комісії",
    ActKind.OTHER: "Інший документ",
}


MEETING_BODY_LABEL: dict[MeetingBody, str] = {
    MeetingBody.COUNCIL: "Сесія міської ради",
    MeetingBody.EXECUTIVE: "Засідання виконавчого комітету",
    MeetingBody.COMMISSION: "Засідання постійної комісії",
    MeetingBody.PUBLIC_COUNCIL: "Засідання громадської ради",
    MeetingBody.OTHER: "Засідання",
}

# --- publication deadlines (domain/cycle/cycle.py) ---------------------------------------------------

WORKING_DAYS = Forms("робочий день", "робочі дні", "робочих днів")  # nominative = accusative here
DAYS = Forms("день", "дні", "днів")  # calendar days, accusative: "через 2 дні"
DRAFTS = Forms("проєкт рішення", "проєкти рішень", "проєктів рішень")  # accusative after "оприлюднено"
ADOPTED = Forms("ухвалений акт", "ухвалені акти", "ухвалених актів")
# What the law asks, after "вчасно," / "із запізненням,": the draft's days are "за N … до розгляду".
DEADLINE_DRAFT = "не пізніше ніж за {days} до розгляду"
DEADLINE_DRAFT_MISSED = "менше ніж за {days} до розгляду"
DEADLINE_ADOPTED = "не пізніше ніж через {days} після ухвалення"
DEADLINE_ADOPTED_MISSED = "пізніше ніж через {days} після ухвалення"
NO_DATE = {"draft": "без дати розгляду, тож дотримання строку не оцінено",
           "adopted": "без дати ухвалення, тож дотримання строку не оцінено"}


def deadline_sentence(rule: str, on_time: int, late: int, no_data: int, draft_days: int = 10,
                      adopted_days: int = 5) -> str:
    """How a period's drafts or adopted acts kept the publication deadline, as an official writes it:
    "Оприлюднено 14 проєктів рішень: 13 — вчасно, не пізніше ніж за 10 робочих днів до розгляду;
    1 — із запізненням, менше ніж за 10 робочих днів до розгляду." One group says "усі" (or nothing
    for a single act); an empty group is left out, so there is no "0" and no double negative."""
    total = on_time + late + no_data
    if not total:
        return ""
    if rule == "draft":
        what, days = DRAFTS, WORKING_DAYS.count(draft_days)
        kept, missed = DEADLINE_DRAFT.format(days=days), DEADLINE_DRAFT_MISSED.format(days=days)
    else:
        what, days = ADOPTED, WORKING_DAYS.count(adopted_days)
        kept, missed = DEADLINE_ADOPTED.format(days=days), DEADLINE_ADOPTED_MISSED.format(days=days)
    groups = [(n, text) for n, text in ((on_time, f"вчасно, {kept}"), (late, f"із запізненням, {missed}"),
                                        (no_data, NO_DATE[rule])) if n]
    head = f"Оприлюднено {what.count(total)}"
    if len(groups) == 1:
        return f"{head} — {'' if total == 1 else 'усі '}{groups[0][1]}."
    return f"{head}: " + "; ".join(f"{n} — {text}" for n, text in groups) + "."


def act_deadline(rule: str, published: dt.date, event: dt.date | None, working_days: int | None,
                 on_time: bool | None, late_by: int, draft_days: int = 10, adopted_days: int = 5) -> str:
    """One act's page: "Оприлюднено за 12 робочих днів до розгляду — строк (не пізніше ніж за 10 робочих
    днів) дотримано." Never "через 0 робочих днів", never a field name."""
    if event is None or working_days is None:
        missing = "Дату розгляду" if rule == "draft" else "Дату ухвалення"
        return f"{missing} не зазначено, тому дотримання строку оприлюднення не оцінено."
    if rule == "draft":
        law = f"не пізніше ніж за {WORKING_DAYS.count(draft_days)} до розгляду"
        if published >= event:
            when = "Оприлюднено в день розгляду" if published == event else "Оприлюднено вже після розгляду"
        elif working_days == 0:
            when = "Оприлюднено без жодного робочого дня до розгляду"
        else:
            when = f"Оприлюднено за {WORKING_DAYS.count(working_days)} до розгляду"
    else:
        law = f"не пізніше ніж через {WORKING_DAYS.count(adopted_days)} після ухвалення"
        if published == event:
            when = "Оприлюднено в день ухвалення"
        elif working_days == 0:
            when = "Оприлюднено до першого робочого дня після ухвалення"
        else:
            when = f"Оприлюднено на {working_days}-й робочий день після ухвалення"
    if on_time:
        return f"{when} — строк ({law}) дотримано."
    return f"{when}, а закон вимагає {law}: запізнення на {WORKING_DAYS.count(late_by)}."


def deadline_late(rule: str, working_days: int, late_by: int, draft_days: int = 10, adopted_days: int = 5) -> str:
    """What an editor reads from `check` about one late act."""
    if rule == "draft":
        return (f"проєкт рішення оприлюднено пізно: між оприлюдненням і розглядом {WORKING_DAYS.count(working_days)}, "
                f"а має бути щонайменше {draft_days} — запізнення на {WORKING_DAYS.count(late_by)}")
    return (f"акт оприлюднено пізно: через {WORKING_DAYS.count(working_days)} після ухвалення, а має бути "
            f"не пізніше ніж через {adopted_days} — запізнення на {WORKING_DAYS.count(late_by)}")


def record_late(rule: str, days: int, limit: int, late_by: int) -> str:
    """What an editor reads from `check` about a meeting's late video (calendar days) or protocol (working days)."""
    if rule == "video":
        return (f"відеозапис засідання оприлюднено пізно: через {DAYS.count(days)} після засідання, а має бути "
                f"не пізніше ніж через {DAYS.count(limit)} — запізнення на {DAYS.count(late_by)}")
    return (f"протокол засідання оприлюднено пізно: через {WORKING_DAYS.count(days)} після засідання, а має бути "
            f"не пізніше ніж через {WORKING_DAYS.count(limit)} — запізнення на {WORKING_DAYS.count(late_by)}")


def done_phrase(item_type: ContentType, n: int) -> str:
    """ "підготовлено та розміщено 321 новину"."""
    verb, forms = TYPE_DONE[item_type]
    return f"{verb} {forms.count(n)}"


def act_kinds_phrase(by_kind: dict[ActKind, int]) -> str:
    """ "з них 12 рішень міської ради, 1 розпорядження міського голови" (kinds in a fixed order)."""
    parts = [ACT_KIND_COUNTED[k].count(by_kind[k]) for k in ActKind if by_kind.get(k)]
    return "з них " + ", ".join(parts) if parts else ""


def acts_done(total: int, by_kind: dict[ActKind, int]) -> str:
    """What a report says of a period's acts, each kind by its own noun:
    - one kind covers them all: "оприлюднено 2 розпорядження міського голови";
    - several kinds cover them all: "оприлюднено 7 документів: 3 рішення міської ради, 2 розпорядження
      міського голови, 1 протокол засідання, 1 висновок постійної комісії";
    - the kinds do not add up (an act without act_kind): "оприлюднено 7 документів, з них …"."""
    kinds = [k for k in ActKind if by_kind.get(k)]
    if len(kinds) == 1 and by_kind[kinds[0]] == total:
        return f"оприлюднено {ACT_KIND_COUNTED[kinds[0]].count(total)}"
    head = done_phrase(ContentType.ACT, total)
    if not kinds:
        return head
    parts = ", ".join(ACT_KIND_COUNTED[k].count(by_kind[k]) for k in kinds)
    return f"{head}: {parts}" if sum(by_kind[k] for k in kinds) == total else f"{head}, з них {parts}"


def item_kind(item: Item) -> str:
    """What an appendix entry says an item is: "новина", or an act cited with its date and number."""
    if item.type is ContentType.ACT:
        return act_citation(item.act_kind, kyiv(item.adopted).date() if item.adopted else None, item.number)
    return TYPE_SINGULAR[item.type].lower()


def act_citation(kind: ActKind | None, adopted: dt.date | None, number: str | None) -> str:
    """ "рішення виконавчого комітету від 03.06.2026 № 180" — what the act is, when adopted and its number
    (each only if known); a non-breaking space after "№" keeps the number with it. A number written with
    its sign («№ 1341», as most files have it) gets no second one."""
    text = ACT_KIND_CITED[kind] if kind is not None else "документ"
    if adopted is not None:
        text += f" від {adopted:%d.%m.%Y}"
    number = (number or "").strip().removeprefix("№").strip()
    if number:
        text += f" №\u00a0{number}"
    return text


# An activity's noun forms inside its text: "у {n} {прийомі|прийомах|прийомах} міського голови".
INLINE_FORMS = re.compile(r"\{([^{}|]*)\|([^{}|]*)\|([^{}|]*)\}")


def activity_problem(text: str) -> str:
    """What is wrong with the braces of an activity's text ("" if nothing): only {n} and {one|few|many}."""
    rest = INLINE_FORMS.sub("", text.replace("{n}", ""))
    if "{" in rest or "}" in rest:
        return "у фігурних дужках буває лише {n} (число) або три форми слова {одна|дві|пʼять}"
    if any(not part.strip() for m in INLINE_FORMS.finditer(text) for part in m.groups()):
        return "у {одна|дві|пʼять} мають бути всі три форми слова"
    return ""


def activity_phrase(text: str, count: int, forms: tuple[str, str, str] | None) -> str:
    """A hand-written figure: "Брали участь у 2 прийомах міського голови".

    - `{one|few|many}` in the text: the form agreeing with the count, after the number — "{n}" marks
      where the number stands ("у {n} {прийомі|прийомах|прийомах} міського голови"), else it goes just
      before the first forms;
    - `forms` (the one/few/many keys): "{n}" becomes the number and the agreeing noun, else both follow
      the text;
    - neither: "{n}" becomes the number, else the sentence ends "— усього 2" (never "text: 2").
    """
    if INLINE_FORMS.search(text):
        pick = lambda m: Forms(*(part.strip() for part in m.groups())).pick(count)  # noqa: E731
        if "{n}" not in text:
            text = INLINE_FORMS.sub(lambda m: "{n} " + m.group(0), text, count=1)
        return INLINE_FORMS.sub(pick, text).replace("{n}", str(count))
    if forms is not None:
        phrase = Forms(*forms).count(count)
        return text.replace("{n}", phrase) if "{n}" in text else f"{text} {phrase}"
    return text.replace("{n}", str(count)) if "{n}" in text else f"{text} — усього {count}"


# --- dates -----------------------------------------------------------------------------------


@lru_cache(maxsize=12)  # Babel's formatting costs ~40 µs a call; a list page asks per item
def month_name(month: int) -> str:
    """Stand-alone nominative: "вересень"."""
    return format_date(dt.date(2000, month, 1), "LLLL", locale=LOCALE)


@lru_cache(maxsize=12)  # Babel's formatting costs ~40 µs a call; a list page asks per item
def month_genitive(month: int) -> str:
    """Genitive, as in a date: "(30) вересня"."""
    return format_date(dt.date(2000, month, 1), "d MMMM", locale=LOCALE).split(" ", 1)[1]


def month_year(year: int, month: int) -> str:
    """ "вересень 2019" — headings and archive titles."""
    return f"{month_name(month)} {year}"


def for_month(year: int, month: int) -> str:
    """ "за вересень 2019 року" — a report's period (accusative = nominative for these nouns)."""
    return f"за {month_name(month)} {year} року"


def during_month(year: int, month: int) -> str:
    """ "у вересні 2019 року" — locative for report sentences."""
    return f"у {MONTH_LOCATIVE[month - 1]} {year} року"


def month_span(first: tuple[int, int], last: tuple[int, int]) -> str:
    """ "з травня 2024 року до січня 2025 року" (genitive after both prepositions)."""
    (y1, m1), (y2, m2) = first, last
    return f"з {month_genitive(m1)} {y1} року до {month_genitive(m2)} {y2} року"


def for_year(year: int) -> str:
    return f"за {year} рік"


def during_year(year: int) -> str:
    return f"у {year} році"


# CLDR's abbreviated stand-alone forms (Babel "LLL"), for chart axes where a whole name does not fit.
MONTH_SHORT = ("січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд.")

# CLDR has no locative case; these are the standard forms.
MONTH_LOCATIVE = (
    "січні", "лютому", "березні", "квітні", "травні", "червні",
    "липні", "серпні", "вересні", "жовтні", "листопаді", "грудні",
)  # fmt: skip


def long_date(value: dt.date | dt.datetime) -> str:
    """ "30 вересня 2019 року"."""
    return f"{value.day} {month_genitive(value.month)} {value.year} року"


def date_time(value: dt.datetime) -> str:
    """ "30 вересня 2019 року, 14:05" in Kyiv time."""
    local = kyiv(value)
    return f"{long_date(local)}, {local:%H:%M}"
