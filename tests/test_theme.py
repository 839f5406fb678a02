"""The theme on a real small site: every page kind, Ukrainian wording, escaping, SEO and feeds.

Two builds of one site, shared by the module: the development settings (relative links, no
feeds) and publishconf.py (absolute addresses, canonical links, Atom feeds).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest

from conftest import DEPARTMENTS, ROOT, Site, item

SITEURL = "https://rada.example.gov.ua"
EVIL = "Новина <script>alert(1)</script> & «лапки»"
NEWS = 23  # 20 a page: news/ and news/page/2/
PDF_SIZE = 1_258_291  # "1,2 МБ"
CSV_SIZE = 532  # "532 Б"


def news_date(n: int) -> str:
    return f"2024-05-{n + 1:02d} 10:00"


def make_site(root: Path) -> Site:
    s = Site(root)
    s.write("departments.yml", DEPARTMENTS)
    tags = {0: "[яблука]", 1: "[ґрунт]", 2: "[інше]", 3: "[бюджет, інше]"}
    for n in range(NEWS):
        fields = {"slug": f"novyna-{n}"}
        if n in tags:
            fields["tags"] = tags[n]
        if n == 10:
            s.write(f"news/2024/n{n}.md", item(title=f'"{EVIL}"', date=news_date(n), modified="2024-06-02 09:15",
                                               summary="Короткий опис новини.", **fields))
        else:
            s.write(f"news/2024/n{n}.md", item(title=f"Новина номер {n}", date=news_date(n), **fields))
    s.write("news/2024/n5.en.md", item(title="News number five", date=news_date(5), lang="en", slug="novyna-5"))
    # Between news 10 (11 May) and news 11 (12 May) in time: never a neighbour of a news item.
    s.write("acts/2024/rishennia-12.md", item(
        title="Про бюджет громади", date="2024-05-11 12:00", department="finansy", act_kind="council_decision",
        number='"№ 12"', attachments='\n  - {file: files/2024/rishennia-12.pdf, title: Рішення № 12}'
                                    '\n  - {file: files/2024/dani.csv, title: Дані у форматі CSV}'))
    s.write("acts/2024/rozporiadzhennia.md", item(
        title="Розпорядження про відпустки", date="2024-04-02 09:00", department="finansy", act_kind="mayor_order",
        number="7-р"))
    s.write("announcements/2024/pryiom.md", item(title="Прийом громадян", date="2024-05-20 09:00", body=""))
    s.write("videos/2024/sesiia.md", item(title="Сесія за п'ять хвилин", date="2024-05-30 18:00",
                                          video_url="https://video.example/sesiia", status="hidden"))
    s.write("pages/kontakty.md", "---\ntitle: Контакти\ndate: 2024-01-01\nslug: kontakty\n---\nТелефон приймальні.\n")
    s.write("files/2024/rishennia-12.pdf", b"%PDF-1.4\n" + b"0" * (PDF_SIZE - 9))
    s.write("files/2024/dani.csv", b"a,b\n" + b"1" * (CSV_SIZE - 4))
    return s


@pytest.fixture(scope="module")
def dev(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("theme"))
    result = site.build()
    assert result.returncode == 0, result.text
    return result


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("theme-published"))
    result = site.build(settings="publishconf.py", env={"VISNYK_SITEURL": SITEURL})
    assert result.returncode == 0, result.text
    return result


def main_text(html: str) -> str:
    main = re.search(r'<main id="main".*?</main>', html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def json_ld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def html_pages(build) -> list[Path]:
    return sorted(build.output.rglob("*.html"))


# --- every page -------------------------------------------------------------------------------------


def test_every_page_has_the_accessible_skeleton(dev):
    pages = html_pages(dev)
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        where = path.relative_to(dev.output)
        assert html.startswith("<!DOCTYPE html>\n<html lang=\""), where
        assert html.count("<h1") == 1, where
        assert '<a class="skip" href="#main"' in html and html.count('<main id="main"') == 1, where
        assert re.search(r'<meta name="description" content="[^"]{5,}">', html), where
        assert 'http-equiv="Content-Security-Policy"' in html, where
        for nav in re.findall(r"<nav\b[^>]*>", html):
            assert "aria-label=" in nav, (where, nav)


def test_no_request_leaves_the_site_and_no_inline_script(dev):
    for path in html_pages(dev):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:href|src)="(?:https?:)?//', html), path
        for script in re.findall(r"<script\b[^>]*>", html):
            assert 'type="application/ld+json"' in script or " src=" in script, (path, script)
    css = list((dev.output / "theme").rglob("*.css"))
    assert css and sum(p.stat().st_size for p in css) < 20_000
    assert all("@import" not in p.read_text() and "url(" not in p.read_text() for p in css)
    assert "@media print" in (dev.output / "theme/css/site.css").read_text()


def test_editor_html_in_a_title_is_escaped_everywhere(dev):
    for path in html_pages(dev):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path
    page = dev.page("news/2024/novyna-10")
    assert "<h1>Новина &lt;script&gt;alert(1)&lt;/script&gt; &amp; «лапки»</h1>" in page
    assert "<title>Новина &lt;script&gt;alert(1)&lt;/script&gt; &amp; «лапки» — " in page
    assert json_ld(page)[0]["headline"] == EVIL  # JSON-LD: valid JSON, the same text, no raw "<" in the page


# --- home ----------------------------------------------------------------------------------------------


def test_home_shows_the_latest_of_each_type_and_quick_links(dev):
    html = (dev.output / "index.html").read_text(encoding="utf-8")
    text = main_text(html)
    assert 'lang="uk"' in html
    assert "Новина номер 22" in text and "Новина номер 18" in text and "Новина номер 17" not in text  # five newest
    assert "Про бюджет громади" in text and "Рішення міської ради № 12" in text
    assert "Прийом громадян" in text
    for link in ("./stats/", "./reports/", "./departments/", "./search/", "./archives/", "./kontakty/"):
        assert link in hrefs(html), link
    assert "./reports/2025/12/" in hrefs(html) and "Грудень 2025" in text  # the last month ended by the clock
    organization = json_ld(html)[0]
    assert organization["@type"] == "GovernmentOrganization"
    assert organization["name"] == "Ясногірська міська рада"
    assert {"@type": "GovernmentOrganization", "name": "Фінансове управління"} in organization["subOrganization"]


# --- item page -----------------------------------------------------------------------------------------


def test_item_page_dates_department_type_tags_and_neighbours(dev):
    html = dev.page("news/2024/novyna-10")
    text = main_text(html)
    assert "Опубліковано 11 травня 2024 року, 10:00" in text
    assert "Оновлено 2 червня 2024 року, 09:15" in text
    assert '<time datetime="2024-05-11T10:00:00+03:00">' in html
    assert '<a href="../../../departments/info/">Відділ інформаційної діяльності</a>' in html
    assert '<a href="../../../news/">Новини</a>' in html
    # Neighbours in the same type: the act dated 11 May 12:00 is skipped.
    assert re.search(r'Попередній матеріал</span> <a href="../../../news/2024/novyna-9/" rel="prev">Новина номер 9', html)
    assert re.search(r'Наступний матеріал</span> <a href="../../../news/2024/novyna-11/" rel="next">Новина номер 11', html)
    assert "Про бюджет громади" not in text
    article = json_ld(html)[0]
    assert article["@type"] == "NewsArticle"
    assert article["datePublished"] == "2024-05-11T10:00:00+03:00"
    assert article["dateModified"] == "2024-06-02T09:15:00+03:00"
    assert article["author"]["name"] == "Відділ інформаційної діяльності"
    assert 'property="og:type" content="article"' in html


def test_first_and_last_items_have_one_neighbour(dev):
    oldest, newest = dev.page("news/2024/novyna-0"), dev.page(f"news/2024/novyna-{NEWS - 1}")
    assert 'rel="next"' in oldest and 'rel="prev"' not in oldest
    assert 'rel="prev"' in newest and 'rel="next"' not in newest


def test_item_without_text_still_has_a_description(dev):
    html = dev.page("announcements/2024/pryiom-hromadian")
    assert ('<meta name="description" content="Прийом громадян: оголошення від 20 травня 2024 року, '
            'Відділ інформаційної діяльності.">') in html


def test_item_tags_link_to_tag_pages(dev):
    html = dev.page("news/2024/novyna-3")
    assert '<a href="../../../tags/biudzhet/">бюджет</a>' in html
    assert '<a href="../../../tags/inshe/">інше</a>' in html


def test_act_page_kind_number_and_attachments_with_type_and_size(dev):
    html = dev.page("acts/2024/pro-biudzhet-hromady")
    text = main_text(html)
    assert "Вид акта Рішення міської ради" in text
    assert "Номер 12" in text and "№" not in text.split("Номер", 1)[1][:5]  # «Номер: 12», not «Номер: № 12»
    assert '<a href="../../../files/2024/rishennia-12.pdf">Рішення № 12</a> <span class="file-info">(PDF, 1,2 МБ)</span>' in html
    assert '<a href="../../../files/2024/dani.csv">Дані у форматі CSV</a> <span class="file-info">(CSV, 532 Б)</span>' in html
    assert (dev.output / "files/2024/rishennia-12.pdf").stat().st_size == PDF_SIZE
    assert "Розпорядження про відпустки" in text  # its neighbour is the other act


def test_translation_page_is_in_its_language_and_links_back(dev):
    english = dev.page("en/news/2024/novyna-5")
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')
    # The site's Ukrainian words on an English page are marked as Ukrainian.
    assert '<header class="site-header" lang="uk">' in english and '<dl class="item-meta" lang="uk">' in english
    assert 'lang="uk"' not in dev.page("news/2024/novyna-4").split("<body>", 1)[1]
    ukrainian = dev.page("news/2024/novyna-5")
    assert 'hreflang="en" lang="en">In English</a>' in ukrainian


# --- lists ---------------------------------------------------------------------------------------------


def test_type_list_is_paginated_newest_first(dev):
    first, second = dev.page("news"), dev.page("news/page/2")
    assert first.count('class="item-title"') == 20 and second.count('class="item-title"') == NEWS - 20
    assert "Усього 23 новини, від найновіших." in main_text(first)
    assert main_text(first).index("Новина номер 22") < main_text(first).index("Новина номер 21")
    assert '<a href="../news/page/2/" rel="next">' in first
    assert '<a href="../../../news/" rel="prev">' in second
    assert "<title>Новини, сторінка 2 з 2 — " in second
    assert 'aria-current="page">2</a>' in second


def test_hidden_item_has_its_page_but_is_in_no_list(dev):
    assert "Сесія за п" in dev.page("videos/2024/sesiia-za-piat-khvylyn")
    assert "Тут поки що немає публікацій." in main_text(dev.page("videos"))
    assert "Сесія за п" not in (dev.output / "index.html").read_text(encoding="utf-8")


def test_video_page_links_to_the_video(dev):
    html = dev.page("videos/2024/sesiia-za-piat-khvylyn")
    assert '<a href="https://video.example/sesiia" rel="noopener">Дивитися відео «Сесія за п&#39;ять хвилин»</a>' in html


def test_department_page_head_figures_items_and_index(dev):
    html = dev.page("departments/info")
    text = main_text(html)
    assert "<h1>Відділ інформаційної діяльності</h1>" in html
    assert "Начальник відділу Олена Коваль" in text  # a contact like the others (dt, dd)
    assert re.search(r'<th scope="row">Новини</th><td class="num">23</td>', html)
    assert re.search(r'<th scope="row">Оголошення</th><td class="num">1</td>', html)
    assert html.count('class="item-title"') == 20 and '<a href="../../departments/info/page/2/" rel="next">' in html
    finance = main_text(dev.page("departments/finansy"))
    assert "Про бюджет громади" in finance and "Новина номер" not in finance
    index = main_text(dev.page("departments"))
    assert "Начальник відділу: Олена Коваль · 24 публікації" in index
    assert "Начальник управління: Петро Гнатюк · 2 публікації" in index


def test_tags_index_in_ukrainian_order_and_tag_page(dev):
    index = main_text(dev.page("tags"))
    positions = [index.index(name) for name in ("бюджет", "ґрунт", "інше", "яблука")]
    assert positions == sorted(positions)  # Unicode order would put ґ and і after я
    assert "інше (2)" in index
    tag = main_text(dev.page("tags/inshe"))
    assert "Публікації з тегом «інше»" in tag and "Новина номер 2" in tag and "Новина номер 3" in tag and "2 публікації" in tag


def test_archives_with_ukrainian_month_names(dev):
    index = dev.page("archives")
    assert '<a href="../archives/2024/05/">Травень</a>' in index and '<a href="../archives/2024/04/">Квітень</a>' in index
    month = dev.page("archives/2024/05")
    assert "<h1>Архів: травень 2024</h1>" in month
    assert "Новина номер 0" in main_text(month) and "Розпорядження про відпустки" not in main_text(month)
    year = main_text(dev.page("archives/2024"))
    assert "Архів: 2024 рік" in year and year.index("Квітень") < year.index("Травень")


# --- standing pages, search, 404 ---------------------------------------------------------------------------


def test_standing_page_is_in_the_footer_and_on_its_own(dev):
    assert "Телефон приймальні." in main_text(dev.page("kontakty"))
    footer = re.search(r"<footer.*</footer>", dev.page("news"), re.S).group(0)
    assert '<a href="../kontakty/">Контакти</a>' in footer


def test_search_page_has_a_labelled_form(dev):
    html = dev.page("search")
    assert '<form role="search"' in html
    assert '<label for="search-input">' in html and 'id="search-input"' in html and 'id="search-results"' in html


def test_404_page_at_the_root_links_from_the_site_root(dev):
    html = (dev.output / "404.html").read_text(encoding="utf-8")
    assert "<h1>Сторінку не знайдено</h1>" in html
    assert 'href="/search/"' in html and 'href="/theme/css/site.css"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_navigation_marks_the_current_section(dev):
    assert '<a href="../news/" aria-current="page">Новини</a>' in dev.page("news")
    assert '<a href="../../../news/" aria-current="true">Новини</a>' in dev.page("news/2024/novyna-1")


# --- development build: nothing absolute ----------------------------------------------------------------


def test_development_build_has_no_canonical_and_no_feeds(dev):
    assert not (dev.output / "feeds").exists()
    html = dev.page("news")
    assert 'rel="canonical"' not in html and "application/atom+xml" not in html and "og:url" not in html


# --- published build: canonical, Open Graph, feeds ------------------------------------------------------


def test_published_pages_have_canonical_and_open_graph(published):
    html = published.page("news/page/2")
    assert f'<link rel="canonical" href="{SITEURL}/news/page/2/">' in html
    assert f'<meta property="og:url" content="{SITEURL}/news/page/2/">' in html
    item_page = published.page("news/2024/novyna-10")
    assert f'<link rel="canonical" href="{SITEURL}/news/2024/novyna-10/">' in item_page
    assert json_ld(item_page)[0]["url"] == f"{SITEURL}/news/2024/novyna-10/"
    assert json_ld(published.page(""))[0]["url"] == f"{SITEURL}/"
    assert f'<link rel="canonical" href="{SITEURL}/">' in (published.output / "index.html").read_text()


def test_feeds_everything_per_type_and_per_department(published):
    everything = feedparser.parse(published.output / "feeds/all.atom.xml")
    assert not everything.bozo and len(everything.entries) == NEWS + 1 + 2 + 1  # with the translation
    assert everything.feed.id == f"{SITEURL}/feeds/all.atom.xml"
    for entry in everything.entries:
        assert entry.link.startswith(SITEURL + "/") and entry.id.startswith("tag:rada.example.gov.ua,")
    news = feedparser.parse(published.output / "feeds/news.atom.xml")
    assert len(news.entries) == NEWS and news.feed.id == f"{SITEURL}/feeds/news.atom.xml"
    acts = feedparser.parse(published.output / "feeds/acts.atom.xml")
    assert {e.title for e in acts.entries} == {"Про бюджет громади", "Розпорядження про відпустки"}
    finance = feedparser.parse(published.output / "feeds/departments/finansy.atom.xml")
    assert not finance.bozo and finance.feed.id == f"{SITEURL}/feeds/departments/finansy.atom.xml"
    assert {e.title for e in finance.entries} == {"Про бюджет громади", "Розпорядження про відпустки"}
    info = feedparser.parse(published.output / "feeds/departments/info.atom.xml")
    assert len(info.entries) == NEWS + 1
    # Pelican strips tags from feed titles; what is left is plain escaped text.
    assert "Новина alert(1) & «лапки»" in {e.title for e in info.entries}


def test_published_head_links_the_relevant_feeds(published):
    def alternates(html):
        return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]*)">', html)

    assert alternates(published.page("departments/finansy")) == [
        f"{SITEURL}/feeds/all.atom.xml", f"{SITEURL}/feeds/departments/finansy.atom.xml"]
    assert alternates(published.page("acts")) == [f"{SITEURL}/feeds/all.atom.xml", f"{SITEURL}/feeds/acts.atom.xml"]
    assert alternates(published.page("news/2024/novyna-1")) == [
        f"{SITEURL}/feeds/all.atom.xml", f"{SITEURL}/feeds/news.atom.xml"]
    assert alternates(published.page("tags")) == [f"{SITEURL}/feeds/all.atom.xml"]


def outside_links(html: str, siteurl: str = "") -> tuple[list[str], list[str]]:
    """Links (<a>, <area>) that leave the site, and those of them without rel="noopener".

    Read from rendered pages, not templates: the one outside link the theme makes comes from an editor's
    `video_url`, which no template spells out as `href="http…"`."""
    from lxml import html as lxml_html

    found, problems = [], []
    for element in lxml_html.fromstring(html).iter("a", "area"):
        href = (element.get("href") or "").strip()
        own = siteurl and (href == siteurl or href.startswith(siteurl.rstrip("/") + "/"))
        if own or not re.match(r"(?i)^(?:https?:)?//", href):
            continue
        found.append(href)
        if "noopener" not in (element.get("rel") or "").lower().split():
            problems.append(f"<{element.tag} href={href!r} rel={element.get('rel')!r}>")
    return found, problems


def test_the_outside_link_check_catches_a_link_without_noopener():
    page = ('<html><body><a href="https://a.example/" rel="noopener">a</a><a href="//b.example/x" rel="nofollow">b</a>'
            '<map><area href="HTTP://C.EXAMPLE/" alt="c"></map><a href="../news/">own</a><a href="#main">top</a>'
            f'<a href="{SITEURL}/news/">own, absolute</a><a href="mailto:rada@example.org">mail</a>'
            '<a href="https://d.example/" rel="external noopener noreferrer">d</a></body></html>')
    found, problems = outside_links(page, SITEURL)
    assert found == ["https://a.example/", "//b.example/x", "HTTP://C.EXAMPLE/", "https://d.example/"]
    assert problems == ["<a href='//b.example/x' rel='nofollow'>", "<area href='HTTP://C.EXAMPLE/' rel=None>"]
    assert outside_links(page.replace(SITEURL, "https://elsewhere.example"), SITEURL)[0][-2] == "https://elsewhere.example/news/"


@pytest.mark.parametrize("build", ["dev", "published"])
def test_every_outside_link_on_every_page_carries_noopener(build, request):
    result = request.getfixturevalue(build)
    found, problems = {}, []
    for path in html_pages(result):
        links, bad = outside_links(path.read_text(encoding="utf-8"), SITEURL if build == "published" else "")
        found.update(dict.fromkeys(links, path.relative_to(result.output).as_posix()))
        problems += [f"{path.relative_to(result.output)}: {p}" for p in bad]
    # The video's address is an outside link the check must see, or it checks nothing.
    assert found.get("https://video.example/sesiia") == "videos/2024/sesiia-za-piat-khvylyn/index.html", found
    assert not problems, problems


# --- header, coat of arms and breadcrumbs (issue 13 §1, §3) -------------------------------------------------


def test_the_header_names_the_council_with_its_coat_of_arms(dev):
    home = (dev.output / "index.html").read_text(encoding="utf-8")
    assert ('<h1 class="site-name"><img src="./theme/images/herb.svg" alt="" width="40" height="48">'
            'Вісник Ясногірської міської ради</h1>') in home  # the home page's one heading, not a link to itself
    item_page = dev.page("news/2024/novyna-10")
    assert '<p class="site-name"><a href="../../../"><img src="../../../theme/images/herb.svg"' in item_page
    assert (dev.output / "theme/images/herb.svg").read_bytes() == (ROOT / "theme/static/images/herb.svg").read_bytes()
    assert '<details class="menu">\n    <summary>Меню</summary>' in item_page


def test_breadcrumbs_lead_home_and_their_data_cannot_close_the_script(dev, published):
    page = dev.page("news/2024/novyna-10")
    nav = re.search(r'<nav class="breadcrumbs wrap" aria-label="Ви тут">(.*?)</nav>', page, re.S).group(1)
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', nav) == [("../../../", "Головна"), ("../../../news/", "Новини")]
    [trail] = [d for d in json_ld(page) if d["@type"] == "BreadcrumbList"]
    assert trail["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Головна", "item": "../../../"},
        {"@type": "ListItem", "position": 2, "name": "Новини", "item": "../../../news/"},
        {"@type": "ListItem", "position": 3, "name": EVIL},  # the editor's title, as text
    ]
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        assert "<" not in block and ">" not in block, block  # written \u003c…: nothing can end the element early
    [trail] = [d for d in json_ld(published.page("departments/finansy")) if d["@type"] == "BreadcrumbList"]
    assert [(e["name"], e.get("item")) for e in trail["itemListElement"]] == [
        ("Головна", f"{SITEURL}/"), ("Підрозділи", f"{SITEURL}/departments/"), ("Фінансове управління", None)]
    assert 'class="breadcrumbs' not in (dev.output / "index.html").read_text(encoding="utf-8")


def test_a_department_page_two_deep_leads_back_to_its_first_page(dev):
    page = dev.page("departments/info/page/2")
    nav = re.search(r'<nav class="breadcrumbs wrap" aria-label="Ви тут">(.*?)</nav>', page, re.S).group(1)
    assert re.findall(r'>([^<]+)</a>', nav) == ["Головна", "Підрозділи", "Відділ інформаційної діяльності"]


COUNCIL = {"name": "Рада", "short_name": "Рада", "address": "", "phone": "", "email": "", "edrpou": ""}


def logo_errors(logo, theme: Path) -> str:
    from visnyk.adapters.build.settings import SettingsError, validated

    try:
        validated({"VISNYK_COUNCIL": {**COUNCIL, "logo": logo}, "THEME": str(theme)})
    except SettingsError as error:
        return str(error)
    return ""


def test_the_coat_of_arms_is_an_svg_picture_in_the_theme(tmp_path):
    from visnyk.adapters.build.settings import validated

    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/herb.svg").write_bytes((ROOT / "theme/static/images/herb.svg").read_bytes())
    (tmp_path / "static/images/skrypt.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    (tmp_path / "static/images/herb.png").write_bytes(b"\x89PNG")
    assert logo_errors("images/herb.svg", tmp_path) == "" and logo_errors("", tmp_path) == ""
    assert validated({"VISNYK_COUNCIL": COUNCIL})["VISNYK_COUNCIL"] == COUNCIL  # the logo may be left out
    assert "'images/nema.svg': no such file" in logo_errors("images/nema.svg", tmp_path)
    assert "is not a plain picture: SVG містить не лише малюнок: елемент <script>" in logo_errors("images/skrypt.svg", tmp_path)
    for wrong in ("images/herb.png", "../theme/static/images/herb.svg", "/etc/herb.svg", "images//herb.svg"):
        assert "expected an SVG file inside the theme's static/ folder" in logo_errors(wrong, tmp_path), wrong
    assert "expected a path such as 'images/herb.svg' or '', got 7" in logo_errors(7, tmp_path)
    try:
        validated({"VISNYK_COUNCIL": {**COUNCIL, "herb": "images/herb.svg"}})
    except SystemExit as error:
        assert "expected keys ['name', 'short_name', 'address', 'phone', 'email', 'edrpou'] and optionally ['logo']" in str(error)
    else:
        pytest.fail("an unknown key passed")


def test_a_missing_coat_of_arms_stops_the_build_with_its_setting(site):
    site.write("news/2024/a.md", item())
    council = {**COUNCIL, "logo": "images/nema.svg"}
    build = site.build("-e", "VISNYK_COUNCIL=" + json.dumps(council, ensure_ascii=False))
    assert build.returncode == 1 and "VISNYK_COUNCIL: logo: 'images/nema.svg': no such file" in build.text
    assert "Traceback" not in build.text
    plain = site.build("-e", "VISNYK_COUNCIL=" + json.dumps(COUNCIL, ensure_ascii=False))
    assert plain.returncode == 0, plain.text
    assert '<span>Вісник Ясногірської міської ради</span>' in plain.page("news/2024/novyna") and "<img" not in plain.page("news/2024/novyna")
