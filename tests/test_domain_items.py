"""Unit tests of the council's domain, without Pelican: time, slugs, front matter, items, registry, checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import DEPARTMENTS, item

from visnyk.domain.content import source
from visnyk.domain.content.checks import check_items, resolve_link
from visnyk.domain.common.clock import KYIV, DateError, build_clock, kyiv, parse_date
from visnyk.domain.content.items import parse_item
from visnyk.domain.common.model import ActKind, Attachment, ContentType, Status
from visnyk.domain.common.problems import ContentError, Problem, format_report
from visnyk.domain.content.registry import load_registry
from visnyk.domain.site.scan import scan, walk
from visnyk.domain.navigation.slugs import is_valid_slug, slugify
from visnyk.domain.navigation.urls import item_url, report_url

UTC = dt.timezone.utc


def parsed(path: str, text: str | bytes):
    return parse_item(path, text.encode() if isinstance(text, str) else text)


def valid(path: str, text: str | bytes):
    result = parsed(path, text)
    assert result.item is not None, [str(p) for p in result.problems]
    return result.item


def problems(path: str, text: str | bytes) -> list[str]:
    result = parsed(path, text)
    assert result.item is None
    return [str(p) for p in result.problems]


# ---------------------------------------------------------------- time


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-05-14 10:30", dt.datetime(2024, 5, 14, 7, 30, tzinfo=UTC)),  # summer: UTC+3
        ("2024-01-14 10:30", dt.datetime(2024, 1, 14, 8, 30, tzinfo=UTC)),  # winter: UTC+2
        ("2024-05-14", dt.datetime(2024, 5, 13, 21, 0, tzinfo=UTC)),  # midnight in Kyiv
        ("2024-05-14T10:30", dt.datetime(2024, 5, 14, 7, 30, tzinfo=UTC)),
        ("2024-05-14 10:30:45", dt.datetime(2024, 5, 14, 7, 30, 45, tzinfo=UTC)),
        ("2024-05-14T10:30:00+02:00", dt.datetime(2024, 5, 14, 8, 30, tzinfo=UTC)),
        ("2024-05-14T10:30:00-04:00", dt.datetime(2024, 5, 14, 14, 30, tzinfo=UTC)),
        ("2024-05-14T10:30:00Z", dt.datetime(2024, 5, 14, 10, 30, tzinfo=UTC)),
        ("2024-05-14T10:30:00.250+03:00", dt.datetime(2024, 5, 14, 7, 30, 0, 250000, tzinfo=UTC)),
        ("  2024-05-14 10:30  ", dt.datetime(2024, 5, 14, 7, 30, tzinfo=UTC)),
        # RFC 3339 / YAML style: a space for the T, an offset without a colon.
        ("2024-05-14 10:30+02:00", dt.datetime(2024, 5, 14, 8, 30, tzinfo=UTC)),
        ("2024-05-14 10:30:00 +0200", dt.datetime(2024, 5, 14, 8, 30, tzinfo=UTC)),
        ("2024-05-14 10:30Z", dt.datetime(2024, 5, 14, 10, 30, tzinfo=UTC)),
    ],
)
def test_dates_are_kyiv_local_or_carry_their_offset(text, expected):
    value = parse_date(text)
    assert value == expected
    assert value.tzinfo is KYIV  # every date is shown and grouped in Kyiv time


def test_a_utc_evening_is_the_next_kyiv_day_and_month():
    value = parse_date("2019-09-30T21:30Z")
    assert (value.year, value.month, value.day, value.hour, value.minute) == (2019, 10, 1, 0, 30)
    assert value.utcoffset() == dt.timedelta(hours=3)


def test_the_spring_gap_does_not_exist_in_kyiv():
    with pytest.raises(DateError, match="не існує в Києві"):
        parse_date("2024-03-31 03:30")
    # Either side of the gap exists; with an explicit offset the instant is unambiguous.
    assert parse_date("2024-03-31 02:59").utcoffset() == dt.timedelta(hours=2)
    assert parse_date("2024-03-31 04:00").utcoffset() == dt.timedelta(hours=3)
    assert parse_date("2024-03-31T01:30:00Z") == parse_date("2024-03-31 04:30")


def test_the_autumn_overlap_takes_the_first_of_the_two_hours():
    first = parse_date("2024-10-27 03:30")
    assert first.utcoffset() == dt.timedelta(hours=3)
    second = parse_date("2024-10-27T03:30:00+02:00")
    assert second.utcoffset() == dt.timedelta(hours=2)
    # (Python compares two datetimes of one tzinfo by wall clock: compare instants in UTC.)
    assert second.astimezone(UTC) - first.astimezone(UTC) == dt.timedelta(hours=1)
    assert parse_date("2024-10-27 04:30").utcoffset() == dt.timedelta(hours=2)


def test_not_after_orders_instants_whatever_the_wall_clocks_say():
    """not_after answers from the wall clocks when two datetimes of one zone are far apart: it must agree with
    the instants for every pair, near the clock (the autumn hour, the spring gap), a day off, and far away."""
    import random

    from visnyk.domain.common.clock import not_after

    apia = ZoneInfo("Pacific/Apia")  # skipped 30 December 2011: offsets -10:00 then +14:00, a day apart
    moments = [parse_date(text) for text in ("2024-10-27 02:30", "2024-10-27 03:30", "2024-10-27 04:00",
                                               "2024-03-31 02:59", "2024-03-31 04:00", "2024-05-14 10:30")]
    moments += [parse_date("2024-10-27T03:30:00+02:00"), parse_date("2024-10-27T00:30:00Z")]
    moments += [moment.replace(fold=1) for moment in moments]
    moments += [dt.datetime(2011, 12, 29, 23, 0, tzinfo=apia), dt.datetime(2011, 12, 31, 0, 30, tzinfo=apia)]
    rng = random.Random(7)
    for _ in range(400):
        base = rng.choice(moments)
        moments.append(base + dt.timedelta(hours=rng.choice((-1, 1)) * rng.choice((0.5, 1, 25, 26, 27, 24 * 400))))
    for value in moments:
        for clock in moments:
            assert not_after(value, clock) is (value.timestamp() <= clock.timestamp()), (value, clock)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2023-02-29", "не існує"),
        ("2024-02-30 10:00", "не існує"),
        ("2024-13-01", "не існує"),
        ("2024-00-10", "не існує"),
        ("2024-05-14 25:00", "не існує"),
        ("2024-05-14 10:60", "не існує"),
        ("2024-05-14T10:30:00+25:00", "не існує"),
        ("14.05.2024", "не схоже на дату"),
        ("2024-5-14", "не схоже на дату"),
        ("14 травня 2024", "не схоже на дату"),
        ("2024-05-14 10", "не схоже на дату"),
        ("", "не схоже на дату"),
    ],
)
def test_impossible_or_malformed_dates_are_refused_in_ukrainian(text, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(text)


def test_leap_day_of_a_leap_year_exists():
    assert parse_date("2024-02-29 12:00").day == 29


def test_build_clock_follows_source_date_epoch_in_kyiv_time():
    clock = build_clock({"SOURCE_DATE_EPOCH": "1569879000"})  # 2019-09-30T21:30:00Z
    assert clock.tzinfo is KYIV
    assert (clock.month, clock.day, clock.hour, clock.minute) == (10, 1, 0, 30)
    now = build_clock({})
    assert abs(now - dt.datetime.now(tz=UTC)) < dt.timedelta(minutes=1)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_clock({"SOURCE_DATE_EPOCH": "вчора"})


def test_kyiv_takes_naive_values_as_kyiv_wall_clock():
    assert kyiv(dt.datetime(2024, 5, 14, 10, 0)) == dt.datetime(2024, 5, 14, 7, 0, tzinfo=UTC)
    assert kyiv(dt.datetime(2024, 5, 14, 7, 0, tzinfo=UTC)).hour == 10


# ---------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Засідання виконавчого комітету Ніжинської міської ради",
         "zasidannia-vykonavchoho-komitetu-nizhynskoi-miskoi-rady"),
        ("Київ", "kyiv"),
        ("Об'єднана громада", "obiednana-hromada"),  # ASCII apostrophe
        ("Об’єднана громада", "obiednana-hromada"),  # typographic apostrophe
        ("Обʼєднана громада", "obiednana-hromada"),  # modifier letter apostrophe (the official one)
        ("Марʼїне", "marine"),  # ї after an apostrophe is "i", not "yi"
        ("Згорани", "zghorany"),  # зг → zgh
        ("Щастя", "shchastia"),
        ("Єнакієве", "yenakiieve"),  # є at the start → ye, inside → ie
        ("Їжак", "yizhak"),
        ("Юрій", "yurii"),
        ("Гаврилівка", "havrylivka"),
        ("ЖИТЛОВО-КОМУНАЛЬНЕ ГОСПОДАРСТВО", "zhytlovo-komunalne-hospodarstvo"),
        ("Рішення від 01.02.2024: «Про бюджет»!", "rishennia-vid-01-02-2024-pro-biudzhet"),
        ("  —  ", ""),
        ("Опалювальний сезон 2025–2026 років", "opaliuvalnyi-sezon-2025-2026-rokiv"),  # en dash is a break
        ("Київ—столиця", "kyiv-stolytsia"),
    ],
)
def test_slugs_use_the_official_ukrainian_transliteration(title, slug):
    assert slugify(title) == slug
    assert slug == "" or is_valid_slug(slug)


@pytest.mark.parametrize("slug, ok", [("zasidannia-2024", True), ("a", True), ("Zasidannia", False),
                                      ("zasidannia--2024", False), ("-a", False), ("засідання", False), ("a_b", False)])
def test_valid_slugs_are_lowercase_latin_digits_and_single_hyphens(slug, ok):
    assert is_valid_slug(slug) is ok


def test_the_slug_comes_from_the_title_unless_written():
    assert valid("news/2024/x.md", item(title="Засідання сесії")).slug == "zasidannia-sesii"
    assert valid("news/2024/x.md", item(title="Засідання сесії", slug="sesiia-25")).slug == "sesiia-25"


# ---------------------------------------------------------------- front matter


def test_problems_name_the_file_line_of_the_field():
    text = "---\ntitle: Новина\n\n# коментар\ndate: 2024-05-14 10:00\ndepartment: info\nstatus: wrong\n---\nТекст\n"
    assert problems("news/2024/x.md", text) == [
        "news/2024/x.md:7: невідоме значення статусу status: «wrong» — допустимі: published, draft, hidden"
    ]
    item_ = valid("news/2024/x.md", text.replace("wrong", "hidden"))
    assert item_.lines == {"title": 2, "date": 5, "department": 6, "status": 7, "body": 9}


def test_a_yaml_error_names_its_line():
    text = "---\ntitle: Новина\ndate: 2024-05-14 10:00\nsummary: Увага: зміни\ndepartment: info\n---\n"
    [message] = problems("news/2024/x.md", text)
    assert message.startswith("news/2024/x.md:4: помилка YAML: двокрапка всередині значення")


def test_a_bom_and_crlf_do_not_shift_lines():
    text = "\ufeff---\r\ntitle: Новина\r\ndate: 2024-05-14 10:00\r\ndepartment: info\r\nstatus: wrong\r\n---\r\nТекст.\r\n"
    [message] = problems("news/2024/x.md", text)
    assert message.startswith("news/2024/x.md:5: ")
    assert valid("news/2024/x.md", text.replace("wrong", "draft")).status is Status.DRAFT


def test_decode_accepts_bom_crlf_and_cr_and_names_the_bad_byte():
    assert source.decode("a.md", b"\xef\xbb\xbfa\r\nb\rc\n") == ("a\nb\nc\n", [])
    text, [problem] = source.decode("a.md", "---\ntitle: Кодування\n".encode("cp1251"))
    assert text is None and problem.line == 2 and "0xca" in problem.message
    assert source.decode("a.md", b"\xef\xbb\xbf \n")[1][0].message == "файл порожній"


def test_values_are_not_coerced_by_yaml():
    text = item(title="2024", number="012", act_kind="council_decision", tags="[2024, yes, 1.0]", summary="null є словом".join("''"))
    act = valid("acts/2024/x.md", text)
    assert act.title == "2024"
    assert act.number == "012"
    assert act.tags == ("2024", "yes", "1.0")
    assert act.act_kind is ActKind.COUNCIL_DECISION
    assert valid("news/2024/x.md", item(title="yes")).title == "yes"
    assert valid("news/2024/x.md", item(title="'null'")).title == "null"


@pytest.mark.parametrize("empty", ["", "~", "null"])
def test_an_empty_value_is_a_missing_field(empty):
    assert problems("news/2024/x.md", item(title=empty)) == [
        "news/2024/x.md:2: немає обов'язкового поля title — додайте в опис рядок title: …"
    ]
    news = valid("news/2024/x.md", item(summary=empty, status=empty, tags=empty, image=empty))
    assert (news.summary, news.status, news.tags, news.image) == (None, Status.PUBLISHED, (), None)


@pytest.mark.parametrize(
    "tags, expected",
    [
        ("бюджет, освіта", ("бюджет", "освіта")),
        ("бюджет", ("бюджет",)),
        ("[бюджет, освіта]", ("бюджет", "освіта")),
        ("\n  - бюджет\n  - Освіта й наука", ("бюджет", "Освіта й наука")),
        ("[]", ()),
        ("", ()),
    ],
)
def test_tags_are_a_list_or_a_comma_separated_string(tags, expected):
    assert valid("news/2024/x.md", item(tags=tags)).tags == expected


def test_a_nested_tag_is_a_problem():
    assert problems("news/2024/x.md", item(tags="[[a, b]]")) == [
        "news/2024/x.md:5: поле tags має бути списком слів — напишіть tags: [слово, слово]"
    ]


def test_attachments_are_records_with_file_and_title():
    news = valid("news/2024/x.md", item(attachments="\n  - {file: /files/a.pdf, title: Рішення}\n  - file: files/b.pdf\n    title: Додаток"))
    assert news.attachments == (Attachment("files/a.pdf", "Рішення"), Attachment("files/b.pdf", "Додаток"))
    [message] = problems("news/2024/x.md", item(attachments="\n  - {file: files/a.pdf}"))
    assert message.startswith("news/2024/x.md:6: вкладення має мати поля file і title")


def test_links_in_the_body_are_collected_with_their_lines():
    body = ("Абзац.\n\nДив. [рішення]({filename}/acts/2024/a.md) і [файл]({static}../files/b.pdf).\n"
            "![Фото]({attach}c.jpg) і [старий синтаксис](|filename|/news/2024/b.md)")
    news = valid("news/2024/x.md", item(body=body))
    assert [(link.kind, link.target, link.line) for link in news.links] == [
        ("filename", "/acts/2024/a.md", 8), ("static", "../files/b.pdf", 8), ("attach", "c.jpg", 9),
        ("filename", "/news/2024/b.md", 9)]


def test_link_kinds_without_pages_on_this_site_are_problems(tmp_path):
    (tmp_path / "departments.yml").write_text(DEPARTMENTS, encoding="utf-8")
    body = ("[a]({author}olena) [b]({tag}бюджет) [c]({index})\n"
            '<a href="{category}news">d</a> <img alt="x" src="{unknown}x.png">\n[ref]: {misc}x\n`{author}` у тексті — не посилання\n'
            "[ref2]: {author}x\n\n[r]\n[ref2] [e](|attach|/files/a.pdf)")
    (tmp_path / "news").mkdir()
    (tmp_path / "news/x.md").write_text(item(body=body), encoding="utf-8")
    found = [str(p) for p in scan(str(tmp_path)).problems]  # an unused reference ([ref]: {misc}x) is no link
    assert [p.split(" — ")[0] for p in found] == [
        "news/x.md:6: посилання {author}… веде в нікуди: таких сторінок на сайті немає",
        "news/x.md:6: посилання на тег «бюджет»: жоден опублікований матеріал його не має",
        "news/x.md:6: посилання {index}… веде в нікуди: таких сторінок на сайті немає",
        "news/x.md:7: посилання {category}… веде в нікуди: таких сторінок на сайті немає",
        "news/x.md:7: посилання {unknown}… веде в нікуди: таких сторінок на сайті немає",
        "news/x.md:10: посилання {author}… веде в нікуди: таких сторінок на сайті немає",
        "news/x.md:13: {attach} переносить файл до теки матеріалу: він може затерти сторінку і зламати посилання "
        "інших матеріалів на цей файл",
    ]


def test_every_field_problem_of_a_file_is_reported_together():
    text = item(title="Новина", date="2024-02-30", status="wrong", slug="Bad Slug", sumary="x", lang="de")
    assert sorted(int(p.split(":", 2)[1]) for p in problems("news/2024/x.md", text)) == [3, 5, 6, 7, 8]


def test_type_comes_from_the_top_folder_and_may_repeat_in_front_matter():
    assert valid("videos/2023/x.md", item(type="video")).type is ContentType.VIDEO
    assert valid("announcements/x.md", item()).type is ContentType.ANNOUNCEMENT
    assert valid("pages/x.md", item(department=None)).type is ContentType.PAGE
    assert "type: news не збігається з текою videos/" in problems("videos/x.md", item(type="news"))[0]
    assert problems("archive/x.md", item())[0].startswith("archive/x.md:1: файл лежить поза теками типів")


def test_a_report_has_a_month_or_a_year_period():
    assert valid("reports/2024/x.md", item(period="2024-05")).report.period == "2024-05"
    assert valid("reports/2024/x.md", item(period="2024")).report.period == "2024"
    for bad in ("2024-5", "2024-00", "24", "травень 2024"):
        assert "не розпізнано" in problems("reports/2024/x.md", item(period=bad))[0]


def test_a_broken_file_still_carries_its_department_for_the_registry_check():
    result = parsed("news/2024/x.md", item(date="2024-02-30", department="nope"))
    assert result.item is None and result.department == ("nope", 4)


# ---------------------------------------------------------------- urls


def test_urls_by_type_language_and_period():
    assert item_url(valid("news/2024/x.md", item(title="Сесія", date="2024-01-01 00:30"))) == "news/2024/sesiia/"
    assert item_url(valid("news/2024/x.md", item(title="Сесія", date="2023-12-31T22:30Z"))) == "news/2024/sesiia/"
    assert item_url(valid("news/2024/x.md", item(title="Session", slug="sesiia", lang="en"))) == "en/news/2024/sesiia/"
    assert item_url(valid("pages/x.md", item(title="Контакти", department=None))) == "kontakty/"
    assert item_url(valid("reports/x.md", item(period="2024-05"))) == "reports/2024/05/info/"
    assert report_url("2024") == "reports/2024/"


# ---------------------------------------------------------------- registry


def test_registry_is_read_in_order_with_every_field():
    departments, found = load_registry("departments.yml", DEPARTMENTS.encode())
    assert found == []
    assert list(departments) == ["info", "finansy"]
    assert departments["finansy"].name_genitive == "фінансового управління"
    assert departments["info"].head_title == "Начальник відділу"


def test_registry_problems_are_all_reported_with_lines():
    raw = (DEPARTMENTS + "- slug: info\n  name: Ще раз\n  name_genitive: ще раз\n  head: Хтось\n  head_title: Хтось\n"
           "- slug: osvita\n  name: Освіта\n").encode()
    departments, found = load_registry("departments.yml", raw)
    assert [str(p) for p in found] == [
        "departments.yml:11: підрозділ info вказано двічі — залиште один запис",
        "departments.yml:16: бракує полів name_genitive, head, head_title — поля підрозділу: slug, name, name_genitive, head, head_title; необовʼязкові: address, phone, email",
    ]
    assert list(departments) == ["info", "finansy"]
    assert load_registry("departments.yml", None)[1][0].message == "немає реєстру підрозділів"


# ---------------------------------------------------------------- checks across files


def check(files: dict[str, str], statics=()) -> list[str]:
    departments, _ = load_registry("departments.yml", DEPARTMENTS.encode())
    items = [valid(path, text) for path, text in files.items()]
    return [str(p) for p in sorted(check_items(items, departments, set(statics).__contains__))]


def test_same_url_names_both_files_and_drafts_do_not_clash():
    found = check({"news/2024/a.md": item(title="Сесія"), "news/2024/b.md": item(title="Сесія"),
                   "news/2024/c.md": item(title="Сесія", status="draft"),
                   "news/2024/d.md": item(title="Session", slug="sesiia", lang="en"),
                   "news/2023/e.md": item(title="Сесія", date="2023-05-14 10:00")})
    assert found == [
        "news/2024/b.md:2: адреса /news/2024/sesiia/ збігається з адресою news/2024/a.md — дайте одному з "
        "матеріалів інший slug: (наприклад з датою: slug: sesiia-2024-05-14)"
    ]


def test_a_draft_gives_no_tag_to_link_to_and_is_no_original_for_a_translation():
    """Where an item goes in the site's tables (checks.places): a draft is in none of them."""
    found = check({"news/2024/a.md": item(title="А", body="[т]({tag}ремонт) [б]({tag}бюджет)", tags="[бюджет]"),
                   "news/2024/b.md": item(title="Б", tags="[ремонт]", status="draft"),
                   "news/2024/c.md": item(title="Сесія", status="draft"),
                   "news/2024/d.md": item(title="Session", slug="sesiia", lang="en")})
    assert [f.split(": ", 2)[:2] for f in found] == [["news/2024/a.md:7", "посилання на тег «ремонт»"],
                                                      ["news/2024/d.md:6", "переклад (en) без українського оригіналу"]]


def test_links_resolve_like_pelican_and_must_reach_a_published_item_or_a_file():
    assert resolve_link("news/2024/a.md", "b.md") == "news/2024/b.md"
    assert resolve_link("news/2024/a.md", "../../acts/c.md") == "acts/c.md"
    assert resolve_link("news/2024/a.md", "/files/x.pdf") == "files/x.pdf"
    found = check({
        "news/2024/a.md": item(title="А", body="[b]({filename}b.md) [c]({filename}/news/2024/c.md) [f]({static}/files/x.pdf)"),
        "news/2024/b.md": item(title="Б"),
        "news/2024/c.md": item(title="В", status="draft"),
    }, statics={"files/x.pdf"})
    assert found == ["news/2024/a.md:6: посилання на чернетку news/2024/c.md — опублікуйте той матеріал "
                     "(status: published) або приберіть посилання"]


def test_scan_reads_a_whole_folder_like_the_build(tmp_path: Path):
    (tmp_path / "news" / "2024").mkdir(parents=True)
    (tmp_path / "files").mkdir()
    (tmp_path / "departments.yml").write_text(DEPARTMENTS, encoding="utf-8")
    (tmp_path / "news" / "2024" / "a.md").write_text(item(attachments="[{file: files/a.pdf, title: А}]"), encoding="utf-8")
    (tmp_path / "files" / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "news" / ".hidden.md").write_text("x", encoding="utf-8")
    (tmp_path / "news" / ".gitkeep").write_text("", encoding="utf-8")
    assert walk(str(tmp_path)).files == ("departments.yml", "files/a.pdf", "news/2024/a.md")
    result = scan(str(tmp_path))
    assert result.problems == [] and [i.source for i in result.items] == ["news/2024/a.md"]
    (tmp_path / "files" / "a.pdf").unlink()
    (tmp_path / "readme.txt").write_text("x", encoding="utf-8")
    assert [str(p).split(" — ")[0] for p in scan(str(tmp_path)).problems] == [
        "readme.txt:1: файл лежить поза відомими теками і не потрапить на сайт",
        "news/2024/a.md:5: файлу files/a.pdf немає",
    ]


def test_the_report_counts_in_ukrainian_and_never_repeats_a_problem():
    one = Problem("a.md", 1, "що", "як")
    assert format_report([one, one]).splitlines()[0] == "Знайдено 1 помилку у змісті сайту:"
    for n, word in ((2, "помилки"), (5, "помилок"), (11, "помилок"), (21, "помилку"), (22, "помилки"), (112, "помилок")):
        report = format_report(Problem("a.md", i, "що") for i in range(n))
        assert report.splitlines()[0] == f"Знайдено {n} {word} у змісті сайту:"
    error = ContentError([one])
    assert isinstance(error, SystemExit) and "  a.md:1: що — як" in str(error)


def test_a_broken_file_has_its_links_checked_in_the_same_run(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "departments.yml").write_text(DEPARTMENTS, encoding="utf-8")
    (tmp_path / "news" / "a.md").write_text(item(status="wrong", body="[x]({filename}nema.md) [y]({filename}b.md)"), encoding="utf-8")
    (tmp_path / "news" / "b.md").write_text(item(title="Б", date="2024-02-30"), encoding="utf-8")
    assert sorted(str(p).split(" — ")[0] for p in scan(str(tmp_path)).problems) == [
        "news/a.md:5: невідоме значення статусу status: «wrong»",
        "news/a.md:7: посилання на nema.md: такого матеріалу немає",  # b.md is broken, not missing: no word on it
        "news/b.md:3: поле date: дата «2024-02-30» не існує",
    ]


def test_video_url_is_kept_and_must_be_an_address():
    good = parse_item("videos/v.md", "---\ntitle: Відео\ndate: 2024-05-14 10:00\ndepartment: info\nvideo_url: https://video.example/a?b=1\n---\n".encode())
    assert good.item.video_url == "https://video.example/a?b=1"
    bad = parse_item("videos/v.md", "---\ntitle: Відео\ndate: 2024-05-14 10:00\ndepartment: info\nvideo_url: javascript:alert(1)\n---\n".encode())
    assert bad.item is None
    assert [str(p) for p in bad.problems] == [
        "videos/v.md:5: video_url «javascript:alert(1)» не схоже на адресу відео — "
        "напишіть повну адресу: video_url: https://www.youtube.com/watch?v=…"
    ]
