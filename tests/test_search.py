"""Search: the Ukrainian stemmer (Python and its JavaScript port), the Pagefind index built with the
site, the Ukrainian result counts, and the search page in Debian Chromium."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, Site, DEPARTMENTS, item, ran, serving
from visnyk.domain.search.searchindex import LEAD_WORDS, plain_text, record
from visnyk.domain.language.stemmer import SKIP, Stemmer, stem_query, stem_token
from visnyk.domain.language.wording import plural_form

SEARCH_JS = ROOT / "theme/static/js/search.js"
NODE = shutil.which("node")

FAMILIES = [
    "столиця столиці столицю столицею столиць",
    "рада ради раді раду радою рад",
    "рішення рішень рішенням рішеннях рішенні",
    "місто міста місту містом місті міст",
    "бюджет бюджету бюджетом бюджеті бюджети бюджетів",
    "засідання засідань засіданні засіданням",
    "громада громади громаді громаду громадою громад",
    "міський міська міське міські міського міської міському міським міською міських",
    "голова голови голові голову головою",
    "депутат депутата депутату депутатом депутаті депутати депутатів",
    "діяльність діяльності діяльністю",
    "програма програми програмі програму програмою програм",
    "Україна України Україні Україну Україною",
    "об'єкт об’єкт обʼєкт обєкта",
    "сусідній сусідня сусіднього сусідньою сусідньої сусідніх",
    "новина новини новині новину новиною новин",
]


def node_api(script: str, payload) -> object:
    """Run `script` in node with search.js loaded as `api` and `input` parsed from JSON; its JSON output."""
    if NODE is None:
        pytest.fail("node is needed to test theme/static/js/search.js (it is on every machine of the project)")
    code = f"const api = require({json.dumps(str(SEARCH_JS))}); const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n{script}"
    out = subprocess.run([NODE, "-e", code], input=json.dumps(payload), capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


SEED_REPORTS = ROOT / "tests/data/seed-reports"  # in the repository: a plain clone tests the same words


def word_list() -> list[str]:
    """Every token of the seed reports, the demo content and the families, plus awkward ones."""
    seeds = sorted(SEED_REPORTS.glob("*.txt"))
    assert [p.name for p in seeds] == ["nizhyn-2019-09-monthly.txt", "pryluky-2018-annual.txt"]
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    assert len({token for text in texts for token in text.split()}) >= 400  # the reports' own words, not a stub
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))]
    texts += FAMILIES + ["ҐАНОК Ґанку Івано-Франківськ «Столиці», (рада) 2019-го м² COVID-19 e-mail ЦНАПу 'лапки' ся сь ість"]
    words = sorted({token for text in texts for token in text.split()})
    assert len(words) > 2000
    return words


@pytest.mark.parametrize("family", FAMILIES)
def test_every_form_of_a_word_has_one_stem(family):
    stems = {stem_token(w) for w in family.split()}
    assert len(stems) == 1, dict(zip(family.split(), map(stem_token, family.split())))


def test_stemming_keeps_short_words_numbers_and_punctuation():
    assert stem_token("Київ") == "київ"  # a stem keeps three letters
    assert stem_token("«Столиці»,") == "«столиц»,"
    assert stem_token("COVID-19") == "covid-19"
    assert stem_token("2024") == "2024"
    assert stem_query("  Рішення   міської ради у  м. Києві ") == "рішен міськ рад києв"
    assert [stem_token(w) for w in ("в", "на,", "ЄС", "№5", "ТВ", "Що")] == [SKIP, SKIP, "єс", "№5", "тв", SKIP]


def test_python_and_javascript_stem_every_word_alike():
    words = word_list()
    js = node_api("process.stdout.write(JSON.stringify(input.map(api.stemToken)))", words)
    differ = [(w, p, j) for w, p, j in zip(words, map(stem_token, words), js) if p != j]
    assert not differ, differ[:20]
    query = node_api("process.stdout.write(JSON.stringify(api.stemQuery(input)))", "  Столиці   та України ")
    assert query == stem_query("  Столиці   та України ") == "столиц україн"


def test_result_count_agrees_with_the_number_like_babel():
    counts = node_api("process.stdout.write(JSON.stringify(input.map(n => [api.pluralForm(n), api.resultsCount(n)])))",
                      list(range(201)))
    forms = {"one": "результат", "few": "результати", "many": "результатів"}
    for n, (form, text) in enumerate(counts):
        assert form == plural_form(n), n
        assert text == f"{n} {forms[plural_form(n)]}", n
    assert [counts[n][1] for n in (1, 2, 5, 11, 21, 22, 111, 0)] == [
        "1 результат", "2 результати", "5 результатів", "11 результатів", "21 результат", "22 результати",
        "111 результатів", "0 результатів",
    ]


def test_a_highlight_marks_the_word_without_the_punctuation_beside_it():
    parts = node_api("process.stdout.write(JSON.stringify(input.map(api.markParts)))",
                     ["«Київ,", "громади.", "(сквер)", "16:00", "—", "слово"])
    assert parts == [["«", "Київ", ","], ["", "громади", "."], ["(", "сквер", ")"], ["", "16:00", ""],
                     ["—", "", ""], ["", "слово", ""]]


def test_a_number_in_the_query_is_found_only_as_a_whole_number():
    """Pagefind extends "1" to 19, 1516 and 16:00; search.js keeps a result only if the number stands whole."""
    found = node_api("""process.stdout.write(JSON.stringify(input.map(
        ([query, text]) => api.hasNumbers(text, api.queryNumbers(query)))))""", [
        ["1", "засідання о 16:00, рішення № 1516, 19 депутатів"],
        ["1", "рішення № 1 від 2 січня"],
        ["сквер 16", "о 16:00 у сквері"],
        ["сквер", "о 16:00"],
    ])
    assert found == [False, True, True, True]


def test_plain_text_and_record_keep_positions_aligned():
    html = "<h2>Сквер</h2><p>Відкрили <strong>оновлений</strong> сквер&nbsp;у <a href='x'>столиці</a>.</p><!-- x --><ul><li>лавки</li><li>ліхтарі\u00ad</li></ul>"
    assert plain_text(html) == "Сквер Відкрили оновлений сквер у столиці. лавки ліхтарі"
    r = record("news/a/", "Новий сквер", html, "uk", Stemmer(), kind="Новина")
    words, stems = r.meta["text"].split(" "), r.content.split(" ")
    assert len(stems) == len(words) + 2  # the title's stems follow the body's
    assert stems[words.index("столиці.")] == "столиц." and stems[-2:] == ["нов", "сквер"]
    assert stems[words.index("у")] == SKIP
    assert r.meta == {"title": "Новий сквер", "kind": "Новина", "text": r.meta["text"]}
    long = record("news/b/", "Довгий", "<p>" + "слово " * 100 + "</p>", "uk", Stemmer())
    assert long.meta["text"] == " ".join(["слово"] * LEAD_WORDS + ["…"]) and len(long.content.split()) == 101


# --- the index in a real build ----------------------------------------------------------------


def search_site(root: Path) -> Site:
    s = Site(root)
    s.write("departments.yml", DEPARTMENTS)
    s.write("news/capital.md", item(title="Візит делегації", date="2024-05-14 10:00",
                                    body="Міський голова провів зустрічі: столиця прийняла делегацію громади."))
    s.write("news/park.md", item(title="Новий сквер", date="2024-05-15 10:00",
                                 body="У сквері висадили липи. Відкриття скверу відбудеться в суботу."))
    s.write("announcements/meeting.md", item(title="Засідання комісії", date="2024-05-16 10:00",
                                             body="Комісія розгляне питання столиці області та бюджету."))
    s.write("news/water.md", item(title="Ремонт мереж", date="2024-05-17 10:00",
                                  body=" ".join(["Роботи тривали."] * 35) + " Замінили старі труби."))
    for n in range(11):
        s.write(f"announcements/contest-{n}.md", item(title=f"Конкурс номер {n + 1}", date=f"2024-06-{n + 10} 10:00",
                                                     body="Оголошено конкурс на заміщення посади."))
    s.write("news/later.md", item(title="Столиця чекає", date="2026-06-01 10:00", body="Майбутнє."))
    s.write("news/hidden.md", item(title="Столиця за посиланням", date="2024-05-18 10:00", status="hidden",
                                   body="Столиця."))
    s.write("pages/about.md", item(title="Про громаду", department=None, body="Громада лежить біля столиці."))
    return s


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    s = search_site(tmp_path_factory.mktemp("search"))
    result = s.build()
    assert result.returncode == 0, result.text
    return s, result


def test_index_is_built_with_the_site_without_unused_bundles(built):
    _, result = built
    folder = result.output / "pagefind"
    names = sorted(p.name for p in folder.iterdir())
    assert "pagefind.js" in names and "pagefind-entry.json" in names and "pagefind-worker.js" in names
    assert not [n for n in names if "-ui" in n or "highlight" in n or n.endswith(".css")], names
    entry = json.loads((folder / "pagefind-entry.json").read_text())
    assert entry["version"] == "1.5.2"
    # sixteen published Ukrainian pages: fifteen items and the standing page; not the hidden one nor the one dated June 2026
    assert entry["languages"]["uk"]["page_count"] == 16


def test_two_builds_write_byte_identical_indexes(built, tmp_path):
    s, first = built
    second = s.build(output=tmp_path / "again")
    assert second.returncode == 0, second.text
    a, b = first.output / "pagefind", second.output / "pagefind"
    files = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    assert not mismatch and not errors and len(match) == len(files) > 5


def test_one_shard_lists_no_others(built):
    _, result = built
    assert json.loads((result.output / "pagefind/shards.json").read_text()) == []


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """The same site indexed five pages per Pagefind run: four shards the search page must merge."""
    s = search_site(tmp_path_factory.mktemp("sharded"))
    result = s.build("-e", "VISNYK_SEARCH_SHARD_SIZE=5")
    assert result.returncode == 0, result.text
    return result


def test_a_large_index_is_written_in_shards(sharded):
    folder = sharded.output / "pagefind"
    assert json.loads((folder / "shards.json").read_text()) == ["shard-1/", "shard-2/", "shard-3/"]
    counts = [json.loads((folder / sub / "pagefind-entry.json").read_text())["languages"]["uk"]["page_count"]
              for sub in ("", "shard-1", "shard-2", "shard-3")]
    assert counts == [5, 5, 5, 1]


def test_a_site_with_nothing_published_builds_without_an_index(site):
    site.write("news/later.md", item(title="Згодом", date="2026-06-01 10:00"))
    result = site.build()
    assert result.returncode == 0, result.text
    assert (result.output / "search/index.html").is_file() and not (result.output / "pagefind").exists()


def test_search_can_be_switched_off(tmp_path):
    s = search_site(tmp_path)
    result = s.build("-e", "VISNYK_SEARCH=false")
    assert result.returncode == 0, result.text
    assert not (result.output / "pagefind").exists()
    wrong = s.build("-e", 'VISNYK_SEARCH="yes"', output=tmp_path / "wrong")
    assert wrong.returncode != 0 and "VISNYK_SEARCH" in wrong.text


# --- the search page in Debian Chromium -------------------------------------------------------


@pytest.fixture(scope="module")
def served(built):
    _, result = built
    with serving(result.output) as base:
        yield base


def watched_page(browser) -> tuple[object, list[str]]:
    """A new page and the list its console errors and warnings and its uncaught script errors go to.

    (A missing /favicon.ico is the theme's business, reported by the quality tests.) Each page load counts
    as a browser check in the summary at the end of the run."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and not m.location.get("url", "").endswith("/favicon.ico")
            and problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("load", lambda _page: ran("browser", "Playwright"))
    return page, problems


@pytest.mark.browser
def test_a_watched_page_hears_console_and_script_errors(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8"><title>x</title></head><body><h1>x</h1><img src="missing.png" alt="">'
        '<script>console.warn("увага"); console.error("зламано"); notDefined();</script></body></html>',
        encoding="utf-8")
    with serving(tmp_path) as base:
        page, problems = watched_page(browser)
        page.goto(f"{base}/")
        page.wait_for_load_state("load")
        page.close()
    assert "console warning: увага" in problems and "console error: зламано" in problems, problems
    assert any(p.startswith("page error: ") and "notDefined" in p for p in problems), problems
    assert any(p.startswith("console error: Failed to load resource") for p in problems), problems  # missing.png


def search(page, query: str) -> str:
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")
    return settled(page)


def settled(page) -> str:
    """The status line once the results are on the page (search.js drops aria-busy then)."""
    page.locator("#search-results:not([aria-busy])").wait_for(timeout=15000)
    return page.locator(".search-status").inner_text()


@pytest.mark.browser
def test_word_forms_find_each_other_in_the_browser(served, browser):
    page, problems = watched_page(browser)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{served}/search/")
    assert not [u for u in requests if "pagefind" in u], "pagefind.js must load only when the reader searches"

    # "столиці" finds the item whose text has only "столиця", the announcement with "столиці" and the
    # standing page; not the hidden item nor the one scheduled for June 2026.
    assert search(page, "столиці") == "За запитом «столиці» знайдено 3 результати."
    titles = page.locator("#search-results h2 a").all_inner_texts()
    assert sorted(titles) == ["Візит делегації", "Засідання комісії", "Про громаду"]
    link = page.locator("a", has_text="Візит делегації")
    assert link.get_attribute("href") == "/news/2024/vizyt-delehatsii/"
    excerpt = page.locator("#search-results li", has=link).locator(".search-excerpt")
    assert excerpt.locator("mark").all_inner_texts() == ["столиця"]  # the reader's words, not stems
    assert "столиця прийняла делегацію громади" in excerpt.inner_text()
    assert page.locator("#search-results li", has=link).locator(".search-meta").inner_text() == "Новина · 14 травня 2024 року"

    assert search(page, "скверах") == "За запитом «скверах» знайдено 1 результат."
    assert search(page, "бюджетів") == "За запитом «бюджетів» знайдено 1 результат."
    assert search(page, "громад") == "За запитом «громад» знайдено 2 результати."
    # a match past the readable lead: the lead is shown, with "…", and nothing marked
    assert search(page, "трубах") == "За запитом «трубах» знайдено 1 результат."
    lead = page.locator(".search-excerpt").inner_text()
    assert lead.startswith("Роботи тривали. Роботи тривали.") and lead.endswith(" …") and "труби" not in lead
    assert page.locator(".search-excerpt mark").count() == 0
    assert search(page, "трамвай") == "За запитом «трамвай» нічого не знайдено. Спробуйте інше слово."
    # an unknown word is not matched through a short word ("в", "у") it starts with, nor the date
    assert search(page, "водогону") == "За запитом «водогону» нічого не знайдено. Спробуйте інше слово."
    assert search(page, "травня") == "За запитом «травня» нічого не знайдено. Спробуйте інше слово."
    assert search(page, "сквер у") == "За запитом «сквер у» знайдено 1 результат."
    assert page.url.endswith("/search/?q=%D1%81%D0%BA%D0%B2%D0%B5%D1%80+%D1%83")  # the address keeps the query

    # ten results at a time; the button shows the rest
    assert search(page, "конкурсів") == "За запитом «конкурсів» знайдено 11 результатів."
    assert page.locator("#search-results li").count() == 10
    page.get_by_role("button", name="Показати ще").click()
    page.locator("#search-results li").nth(10).wait_for()
    assert page.locator("#search-results li").count() == 11 and page.locator(".search-more").is_hidden()

    page.goto(f"{served}/search/?q=Столицею")  # a shared link searches at once
    page.locator(".search-status", has_text="знайдено").wait_for()
    assert settled(page) == "За запитом «Столицею» знайдено 3 результати."
    page.locator("#search-results h2 a", has_text="Про громаду").click()
    page.wait_for_url(f"{served}/pro-hromadu/")
    assert not problems, problems  # no CSP violation, no script error
    page.close()


@pytest.mark.browser
def test_the_search_page_merges_every_shard(sharded, browser):
    with serving(sharded.output) as base:
        page, problems = watched_page(browser)  # a shard that fails to load is a console error
        page.goto(f"{base}/search/")
        # The three pages with "столиц…" and the eleven contests lie in different shards.
        assert search(page, "столиці") == "За запитом «столиці» знайдено 3 результати."
        assert sorted(page.locator("#search-results h2 a").all_inner_texts()) == ["Візит делегації", "Засідання комісії", "Про громаду"]
        assert search(page, "конкурсів") == "За запитом «конкурсів» знайдено 11 результатів."
        assert not problems, problems
        page.close()
