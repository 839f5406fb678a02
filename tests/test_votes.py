"""Roll-call votes and deputies (issue 25): the registry and one meeting's votes read from a small real site,
every contradiction a Ukrainian problem with file and line (the same in `check` and the build), the result
computed from the choices, late publication a warning, and the pages of deputies and votes."""

from __future__ import annotations

import re

import pytest

from conftest import DEPARTMENTS, Site, item
from test_meetings import meeting

from visnyk.domain.site.scan import scan

EPOCH = "1795428000"  # 2026-11-23 09:00 Kyiv

DEPUTIES = """\
term: VIII скликання
composition: 5
deputies:
  - {id: bondar-olena, name: Бондар Олена Петрівна, faction: Фракція «Громада», elected: виборчий округ № 1, began: 2020-11-25}
  - {id: lysenko-vasyl, name: Лисенко Василь Степанович, faction: Фракція «Громада», elected: виборчий список, began: 2020-11-25, ended: 2026-06-30}
  - {id: moroz-yurii, name: Мороз Юрій Васильович, faction: Фракція «Рідне місто», elected: виборчий округ № 2, began: 2020-11-25}
  - {id: petrenko-ivan, name: Петренко Іван Григорович, faction: Фракція «Рідне місто», elected: виборчий список, began: 2020-11-25}
  - {id: hrytsenko-maksym, name: Гриценко Максим Олегович, faction: Фракція «Нова ініціатива», elected: виборчий список, began: 2020-11-25}
  - {id: humeniuk-ostap, name: Гуменюк Остап Васильович, faction: Фракція «Громада», elected: виборчий список, began: 2026-07-16}
"""
SESSION = meeting("Шістдесят дев'ята сесія", "2026-10-16 10:00", "2026-10-29 10:00", ends="2026-10-29 16:00",
                  agenda=[("Про програму", "acts/2026/d-family.md"), ("Земельні питання", None)])
DRAFT = item(title="Проєкт рішення про програму", date="2026-10-12 11:00", act_kind="draft_decision")


def votes(*questions: str, date: str = "2026-10-29 17:00") -> str:
    return "\n".join(["meeting: meetings/2026/session-69.md", f"date: {date}", "questions:", *questions, ""])


def question(title="Про програму (в цілому)", agenda="1", time="2026-10-29 10:40", result="прийнято",
             choices=(("bondar-olena", "за"), ("moroz-yurii", "за"), ("petrenko-ivan", "за"),
                      ("hrytsenko-maksym", "проти"), ("humeniuk-ostap", "відсутній")), extra=()) -> str:
    lines = [f'  - title: "{title}"', f"    agenda: {agenda}", f"    time: {time}", f"    result: {result}", *extra,
             "    votes:"]
    return "\n".join(lines + [f"      {who}: {choice}" for who, choice in choices])


def council_site(tmp_path, vote_text: str) -> Site:
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("deputies.yml", DEPUTIES)
    s.write("acts/2026/d-family.md", DRAFT)
    s.write("meetings/2026/session-69.md", SESSION)
    s.write("votes/2026-10-29.yml", vote_text)
    return s


def checked(s: Site, monkeypatch) -> list[str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return [str(p) for p in scan(str(s.content)).problems]


def test_a_valid_meeting_checks_clean_and_its_result_is_computed(tmp_path, monkeypatch):
    s = council_site(tmp_path, votes(question(), question(title="Земельне питання", agenda="2", time="2026-10-29 11:00",
                                                        result="не прийнято",
                                                        choices=(("bondar-olena", "за"), ("moroz-yurii", "за"),
                                                                 ("petrenko-ivan", "утримався"),
                                                                 ("hrytsenko-maksym", "не голосував"),
                                                                 ("humeniuk-ostap", "за")),
                                                        extra=["    threshold: 4"])))
    assert checked(s, monkeypatch) == []


BAD = [
    # (what the question says, the message expected at its line)
    (question(choices=(("bondar-olena", "за"), ("moroz-yurii", "за"), ("petrenko-ivan", "за"),
                       ("hrytsenko-maksym", "проти"), ("humeniuk-ostap", "відсутній"), ("shevchenko-taras", "за"))),
     "votes/2026-10-29.yml:14: питання 1: депутата shevchenko-taras немає в реєстрі deputies.yml"),
    (question(choices=(("bondar-olena", "за"), ("moroz-yurii", "за"), ("petrenko-ivan", "за"),
                       ("hrytsenko-maksym", "проти"), ("humeniuk-ostap", "відсутній"), ("lysenko-vasyl", "за"))),
     "votes/2026-10-29.yml:14: питання 1: на 2026-10-29 депутат Лисенко Василь Степанович без повноважень"),
    (question(choices=(("bondar-olena", "за"), ("moroz-yurii", "за"), ("petrenko-ivan", "за"),
                       ("hrytsenko-maksym", "проти"), ("humeniuk-ostap", "відсутній"), ("bondar-olena", "проти"))),
     "votes/2026-10-29.yml:14: депутат bondar-olena має два голоси в одному питанні"),
    (question(choices=(("bondar-olena", "за"), ("moroz-yurii", "так"), ("petrenko-ivan", "за"),
                       ("hrytsenko-maksym", "проти"), ("humeniuk-ostap", "відсутній"))),
     "votes/2026-10-29.yml:10: питання 1: невідомий варіант голосу «так» (moroz-yurii)"),
    (question(choices=(("bondar-olena", "за"), ("moroz-yurii", "за"), ("petrenko-ivan", "за"),
                       ("hrytsenko-maksym", "проти"))),
     "votes/2026-10-29.yml:8: питання 1: немає голосу депутата Гуменюк Остап Васильович (humeniuk-ostap)"),
    (question(extra=["    totals: {за: 4, проти: 1}"]),
     "votes/2026-10-29.yml:8: питання 1: у підсумках «за» 4, а в поіменних голосах 3"),
    (question(result="не прийнято"),
     "votes/2026-10-29.yml:7: питання 1: у файлі «не прийнято», а за підрахунком «прийнято»: «за» 3 при потрібних 3"),
    (question(time="2026-10-30 10:40"),
     "votes/2026-10-29.yml:6: питання 1: голосування 2026-10-30 10:40 не в день засідання (2026-10-29)"),
    (question(time="2026-10-29 17:30"),
     "votes/2026-10-29.yml:2: результати оприлюднено (2026-10-29 17:00) раніше, ніж закінчилося голосування"),
    (question(agenda="3"),
     "votes/2026-10-29.yml:5: питання 1: у порядку денному засідання meetings/2026/session-69.md немає пункту 3"),
    (question(extra=["    threshold: 6"], result="не прийнято"),
     "votes/2026-10-29.yml:8: питання 1: поріг — 6 голосів «за», а загальний склад ради — 5 депутатів (deputies.yml)"),
    (question(choices=(("bondar-olena", "[за]"), ("moroz-yurii", "за"), ("petrenko-ivan", "за"),
                       ("hrytsenko-maksym", "проти"), ("humeniuk-ostap", "відсутній"))),
     "votes/2026-10-29.yml:9: питання 1: невідомий варіант голосу не одне слово (список чи набір полів) (bondar-olena)"),
]


@pytest.mark.parametrize("bad, expected", BAD, ids=[
    "unknown-deputy", "outside-mandate", "two-choices", "unknown-word", "missing-deputy", "totals", "stated-result",
    "outside-day", "published-before", "no-agenda-item", "threshold-above-composition", "choice-not-a-word"])
def test_each_contradiction_is_a_ukrainian_problem_with_file_and_line(tmp_path, monkeypatch, bad, expected):
    s = council_site(tmp_path, votes(bad))
    problems = checked(s, monkeypatch)
    assert any(p.startswith(expected) for p in problems), problems


def test_all_problems_at_once_and_the_build_says_the_same_lines(tmp_path, monkeypatch):
    s = council_site(tmp_path, votes(*(bad for bad, _ in BAD[3:8])))
    problems = checked(s, monkeypatch)
    assert len(problems) == 5, problems
    result = s.build(epoch=EPOCH)
    assert result.returncode == 1
    for line in problems:
        assert line in result.stderr
    assert "Traceback" not in result.text


def test_a_vote_published_the_next_day_is_a_warning_in_check(tmp_path, monkeypatch):
    s = council_site(tmp_path, votes(question(), date="2026-10-30 09:15"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    found = scan(str(s.content))
    assert [str(p) for p in found.problems] == []
    assert [str(w) for w in found.warnings if w.path.startswith("votes/")] == [
        "votes/2026-10-29.yml:2: результати поіменного голосування оприлюднено 2026-10-30, а голосували 2026-10-29: "
        "із запізненням на 1 день — закон вимагає оприлюднити їх у день голосування "
        "(ст. 59 Закону «Про місцеве самоврядування в Україні»)"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    decision = item(title="Рішення про програму", date="2026-10-29 16:30", act_kind="council_decision",
                    adopted="2026-10-29", draft="acts/2026/d-family.md")
    s = council_site(tmp_path_factory.mktemp("votes"), votes(
        question(), question(title="Земельне питання", agenda="2", time="2026-10-29 11:00", result="не прийнято",
                             choices=(("bondar-olena", "за"), ("moroz-yurii", "відсутній"), ("petrenko-ivan", "проти"),
                                      ("hrytsenko-maksym", "не голосував"), ("humeniuk-ostap", "за"))),
        date="2026-10-30 09:15"))
    s.write("acts/2026/r-family.md", decision)
    result = s.build(epoch=EPOCH)
    assert result.returncode == 0, result.text
    return s, result


def page(built, rel: str):
    from lxml import html as lxml_html
    return lxml_html.fromstring((built[1].output / rel).read_text(encoding="utf-8"))


def words(node) -> str:
    return " ".join(node.text_content().split())


def test_the_vote_page_gives_question_totals_result_and_every_deputy_by_faction(built):
    doc = page(built, "votes/2026-10-29/1/index.html")
    main = words(doc.find(".//main"))
    assert "Про програму (в цілому)" in doc.findtext(".//h1")
    meta = {words(div.find("dt")): words(div.find("dd")) for div in doc.findall(".//main//dl/div")}
    assert meta["Потрібно голосів «за»"] == "3 із 5" and meta["Результат"] == "прийнято"
    assert meta["Пункт порядку денного"] == "1. Про програму"
    assert "за: 3 проти: 1 утримався: 0 не голосував: 0 відсутній: 1" in main
    rows = [[words(c) for c in tr] for tr in doc.findall(".//table/tbody/tr")]
    assert rows == [  # factions alphabetically, names within each; Лисенко's mandate had ended
        ["Бондар Олена Петрівна", "Фракція «Громада»", "за"],
        ["Гуменюк Остап Васильович", "Фракція «Громада»", "відсутній"],
        ["Гриценко Максим Олегович", "Фракція «Нова ініціатива»", "проти"],
        ["Мороз Юрій Васильович", "Фракція «Рідне місто»", "за"],
        ["Петренко Іван Григорович", "Фракція «Рідне місто»", "за"],
    ]
    second = page(built, "votes/2026-10-29/2/index.html")
    assert "не прийнято" in [words(dd) for dd in second.findall(".//main//dd")]


def test_the_deputy_page_counts_attendance_and_lists_every_choice(built):
    doc = page(built, "deputies/moroz-yurii/index.html")
    assert doc.findtext(".//h1") == "Мороз Юрій Васильович"
    assert [[words(c) for c in tr] for tr in doc.findall(".//table/tbody/tr")] == [["2026", "1", "1"]]
    main = words(doc.find(".//main"))
    assert "Поіменні голосування: 2 питання" in main
    # A deputy's gender is not in the registry: the page says nothing that needs it («голосував(ла)», «присутній(я)»).
    said = [main, *(words(th) for th in doc.findall(".//th")), *(m.get("content", "") for m in doc.findall(".//meta"))]
    assert not re.search(r"\w\((?:ла|я)\)", " ".join(said)), said
    assert [words(th) for th in doc.findall(".//table/thead/tr/th")] == ["Рік", "Присутність", "Відсутність"]
    index = page(built, "deputies/index.html")
    assert [words(h) for h in index.findall(".//main//h2")] == [
        "Фракція «Громада» (3)", "Фракція «Нова ініціатива» (1)", "Фракція «Рідне місто» (2)"]
    assert "повноваження припинено 30 червня 2026 року" in words(index.find(".//main"))


def test_the_meeting_shows_each_agenda_items_result_and_the_acts_link_to_their_vote(built):
    output = built[1].output
    by_title = {page(built, p.relative_to(output).as_posix()).findtext(".//h1"): p.relative_to(output).as_posix()
                for p in output.glob("*/2026/*/index.html")}
    meeting_page = words(page(built, by_title["Шістдесят дев'ята сесія"]).find(".//main"))
    assert "Про програму (в цілому): прийнято («за» 3 із потрібних 3)" in meeting_page
    assert "Земельне питання: не прийнято («за» 2 із потрібних 3)" in meeting_page
    for title in ("Проєкт рішення про програму", "Рішення про програму"):
        links = [a.get("href") for a in page(built, by_title[title]).findall(".//main//a")]
        assert any(h and h.rstrip("/").endswith("votes/2026-10-29/1") for h in links), (title, links)


def test_the_day_of_the_vote_rule_in_compliance_data_and_page(built):
    import json

    import jsonschema

    output = built[1].output
    data = json.loads((output / "stats/compliance.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((output / "stats/compliance.schema.json").read_text(encoding="utf-8")))
    assert data["roll_calls"] == [{
        "source": "votes/2026-10-29.yml", "rule": "roll_call", "department": "info", "published": "2026-10-30",
        "event_date": "2026-10-29", "questions": 2, "on_time": False, "late_by": 1,
        "title": "Шістдесят дев'ята сесія", "url": "votes/#2026-10-29"}]
    assert "votes/2026-10-29.yml,roll_call,,info,2026-10-30,2026-10-29,,false,1," in (
        output / "stats/compliance.csv").read_text(encoding="utf-8")
    text = words(page(built, "stats/compliance/index.html").find(".//main"))
    assert "Із 1 засідання в день голосування оприлюднено 0, із запізненням — 1." in text
    assert "2 питання · оприлюднено 30 жовтня 2026 року — із запізненням на 1 день" in text
    # By year and by the department that announced the meeting, counted as its report counts them (2 questions).
    # (each year a <details>, its summary saying what was late)
    section = page(built, "stats/compliance/index.html").get_element_by_id("roll-calls-2026")
    assert section.tag == "details" and words(section.find("summary")) == "2026 рік: із запізненням — 1"
    assert words(section.find("p")) == ("Оприлюднено результати 2 поіменних голосувань: усі — із запізненням, "
                                        "не в день голосування.")
    rows = [[words(c) for c in tr] for tr in section.findall(".//tbody/tr")]
    assert len(rows) == 1 and rows[0][1:] == ["0", "2"], rows


def csv_text(delimiter=";", rows=None) -> str:
    header = ["meeting", "date", "question", "title", "agenda", "time", "threshold", "result", "deputy", "choice"]
    common = ["meetings/2026/session-69.md", "2026-10-29 17:00"]
    first = ["1", "Про програму (в цілому)", "1", "2026-10-29 10:40", "", "прийнято"]
    second = ["2", "Земельне питання; ділянка, 5", "2", "2026-10-29 11:00", "4", "не прийнято"]
    rows = rows or [
        common + first + ["bondar-olena", "за"], common + first + ["moroz-yurii", "за"],
        common + first + ["petrenko-ivan", "за"], common + first + ["hrytsenko-maksym", "проти"],
        common + first + ["humeniuk-ostap", "відсутній"],
        common + second + ["bondar-olena", "за"], common + second + ["moroz-yurii", "за"],
        common + second + ["petrenko-ivan", "утримався"], common + second + ["hrytsenko-maksym", "не голосував"],
        common + second + ["humeniuk-ostap", "за"],
    ]
    import csv
    import io
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue()


@pytest.mark.parametrize("delimiter, bom", [(";", True), (",", False)], ids=["excel-semicolon-bom", "comma"])
def test_a_csv_as_a_spreadsheet_saves_it_is_read_like_the_yaml(tmp_path, monkeypatch, delimiter, bom):
    from visnyk.domain.votes import rollcall

    s = council_site(tmp_path, votes(question()))
    (s.content / "votes/2026-10-29.yml").unlink()
    s.write("votes/2026-10-29.csv", (b"\xef\xbb\xbf" if bom else b"") + csv_text(delimiter).encode())
    assert checked(s, monkeypatch) == []
    roll, problems = rollcall.load(["deputies.yml", "votes/2026-10-29.csv"],
                                   lambda p: (s.content / p).read_bytes(), scan(str(s.content)).items)
    assert problems == []
    (first, second), = [f.questions for f in roll.files]
    assert (first.result, first.threshold, second.title, second.threshold, second.result) == (
        "прийнято", 3, "Земельне питання; ділянка, 5", 4, "не прийнято")


def test_a_csv_row_that_contradicts_is_named_by_its_row(tmp_path, monkeypatch):
    common = ["meetings/2026/session-69.md", "2026-10-29 17:00"]
    first = ["1", "Про програму", "1", "2026-10-29 10:40", "", "прийнято"]
    rows = [common + first + [who, "за"] for who in ("bondar-olena", "moroz-yurii", "petrenko-ivan", "humeniuk-ostap")]
    rows += [common + first + ["hrytsenko-maksym", "так"], common + first + ["bondar-olena", "проти"]]
    rows += [[common[0], "2026-10-30 09:00", *first, "hrytsenko-maksym", "за"]]
    s = council_site(tmp_path, "")
    (s.content / "votes/2026-10-29.yml").unlink()
    s.write("votes/2026-10-29.csv", csv_text(",", rows))
    assert checked(s, monkeypatch) == [
        "votes/2026-10-29.csv:8: date «2026-10-30 09:00» не такий, як у рядку 2 («2026-10-29 17:00») — "
        "один файл — одне засідання"]
    rows.pop()
    s.write("votes/2026-10-29.csv", csv_text(",", rows))
    problems = checked(s, monkeypatch)
    assert any(p.startswith("votes/2026-10-29.csv:6: питання 1: невідомий варіант голосу «так»") for p in problems)
    assert any(p.startswith("votes/2026-10-29.csv:7: депутат bondar-olena має два голоси в одному питанні") for p in problems)


def table_schema_problems(text: str, schema: dict, keys: dict | None = None) -> list[str]:
    """A CSV held to its Table Schema (the constraints the schema uses: type, required, unique, enum, minimum,
    pattern, primaryKey, a foreign key into `keys`) — frictionless is not a dependency of the site."""
    import csv
    import datetime as dt
    import io
    import re

    rows = list(csv.DictReader(io.StringIO(text)))
    problems = []
    if rows and list(rows[0]) != [f["name"] for f in schema["fields"]]:
        problems.append(f"columns {list(rows[0])}")
    seen: dict[str, set] = {}
    for number, row in enumerate(rows, start=2):
        for f in schema["fields"]:
            value, c = row[f["name"]], f.get("constraints", {})
            if c.get("required") and value == "":
                problems.append(f"{number}: {f['name']} empty")
            if f["type"] == "integer" and not re.fullmatch(r"-?\d+", value):
                problems.append(f"{number}: {f['name']}={value!r} not an integer")
            if f["type"] == "datetime" and dt.datetime.fromisoformat(value).tzinfo is None:
                problems.append(f"{number}: {f['name']} without an offset")
            if "enum" in c and value not in c["enum"]:
                problems.append(f"{number}: {f['name']}={value!r} not in enum")
            if "minimum" in c and int(value) < c["minimum"]:
                problems.append(f"{number}: {f['name']} below minimum")
            if "pattern" in c and not re.fullmatch(c["pattern"], value):
                problems.append(f"{number}: {f['name']} does not match")
        key = tuple(row[k] for k in schema["primaryKey"])
        if key in seen.setdefault("pk", set()):
            problems.append(f"{number}: primary key {key} twice")
        seen["pk"].add(key)
        for fk in schema.get("foreignKeys", ()):
            if row[fk["fields"][0]] not in keys[fk["reference"]["resource"]]:
                problems.append(f"{number}: {fk['fields'][0]} points nowhere")
    return problems


def test_open_data_follows_its_schemas_and_agrees_with_the_pages(built):
    import csv
    import io
    import json

    import jsonschema

    folder = built[1].output / "votes"
    read = lambda name: (folder / name).read_text(encoding="utf-8")  # noqa: E731
    motions, votes_text = read("motions.csv"), read("votes.csv")
    assert table_schema_problems(motions, json.loads(read("motions.schema.json"))) == []
    uids = {row["uid"] for row in csv.DictReader(io.StringIO(motions))}
    assert table_schema_problems(votes_text, json.loads(read("votes.schema.json")), {"motions": uids}) == []
    rows = list(csv.DictReader(io.StringIO(motions)))
    assert [(r["uid"], r["votingFor"], r["absent"], r["threshold"], r["votingResult"]) for r in rows] == [
        ("2026-10-29-1", "3", "1", "3", "прийнято"), ("2026-10-29-2", "2", "1", "3", "не прийнято")]
    assert sum(1 for _ in csv.DictReader(io.StringIO(votes_text))) == 10
    data = json.loads(read("popolo.json"))
    jsonschema.validate(data, json.loads(read("popolo.schema.json")))
    first = data["vote_events"][0]
    assert first["result"] == "pass" and {"option": "yes", "value": 3} in first["counts"]
    assert {"voter_id": "moroz-yurii", "option": "yes", "group_id": "faction-3"} in first["votes"]
    assert {"person_id": "lysenko-vasyl", "organization_id": "faction-1", "role": "депутат",
            "label": "виборчий список", "start_date": "2020-11-25", "end_date": "2026-06-30"} in data["memberships"]


def test_the_department_that_announced_the_meeting_reports_the_results_it_published(built):
    october = words(page(built, "reports/2026/10/info/index.html").find(".//main"))
    assert ("Оприлюднено результати 2 поіменних голосувань: усі — із запізненням, не в день голосування."
            in october)
    assert "поіменн" not in words(page(built, "reports/2026/10/finansy/index.html").find(".//main"))
    council = words(page(built, "reports/2026/10/index.html").find(".//main"))
    assert "Оприлюднено результати 2 поіменних голосувань" in council


@pytest.mark.parametrize("on_time, late, expected", [
    (1, 0, "Оприлюднено результати 1 поіменного голосування — у день голосування."),
    (21, 0, "Оприлюднено результати 21 поіменного голосування: усі — у день голосування."),
    (10, 2, "Оприлюднено результати 12 поіменних голосувань: 10 — у день голосування; "
            "2 — із запізненням, не в день голосування."),
    (0, 0, None),
])
def test_the_report_sentence_agrees_with_its_number(on_time, late, expected):
    from visnyk.domain.votes.rollcall import report_sentence

    assert report_sentence(on_time, late) == expected


def test_the_vote_table_sorts_in_the_browser_without_a_server(built, browser):
    from conftest import serving

    with serving(built[1].output) as base:
        tab = browser.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(f"{base}/votes/2026-10-29/1/")
        names = lambda: tab.eval_on_selector_all("table.sortable tbody th", "cells => cells.map(c => c.textContent)")  # noqa: E731
        assert names()[:2] == ["Бондар Олена Петрівна", "Гуменюк Остап Васильович"]  # by faction
        tab.click("table.sortable thead th:nth-child(3) button")  # by choice: «відсутній» first
        assert names()[0] == "Гуменюк Остап Васильович"
        assert tab.get_attribute("table.sortable thead th:nth-child(3)", "aria-sort") == "ascending"
        tab.click("table.sortable thead th:nth-child(1) button")
        assert names()[0] == "Бондар Олена Петрівна" and names()[1] == "Гриценко Максим Олегович"
        tab.click("table.sortable thead th:nth-child(1) button")
        assert tab.get_attribute("table.sortable thead th:nth-child(1)", "aria-sort") == "descending"
        assert names()[0] == "Петренко Іван Григорович"
        assert errors == []
        tab.close()


def test_search_finds_a_deputy_by_the_name_in_another_case(built, browser):
    from conftest import serving
    from test_search import search, watched_page

    with serving(built[1].output) as base:
        tab, problems = watched_page(browser)
        tab.goto(f"{base}/search/")
        search(tab, "Мороза")  # genitive: «голосування Мороза»
        links = tab.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
        assert any(h.rstrip("/").endswith("deputies/moroz-yurii") for h in links), links
        search(tab, "Гриценка")
        links = tab.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
        assert any(h.rstrip("/").endswith("deputies/hrytsenko-maksym") for h in links), links
        tab.close()
    assert problems == []


# Issue 25 §9 on the demo: a deputy's page is found by the name in any case form — the surname (a female -енко
# surname does not decline), the first name and the patronymic — with the dative in -ові among them.
NAME_FORMS = {
    "petrenko-ivan": ("Петренкові", "Петренку", "Петренком", "Петренка", "Григоровичу", "Григоровичем"),
    "kravchenko-oleh": ("Олегові", "Олега", "Олегом", "Кравченкові", "Вікторовичу"),
    "tkachenko-nataliia": ("Ткаченко", "Наталії", "Наталією", "Олегівні", "Олегівною"),
    "bondar-olena": ("Олені Бондар", "Оленою Петрівною", "Бондар"),
    "moroz-yurii": ("Морозові", "Морозу", "Юрієві", "Юрію", "Юрієм"),
    "kovalenko-andrii": ("Коваленкові", "Андрієві", "Андрієм"),
}


def test_every_case_form_of_a_name_stems_to_the_start_of_a_word_on_the_deputys_page():
    """Without Pagefind's fallback to a shorter word (which depends on how its index is cut): each form's query
    stem begins a stem the deputy's page is indexed with — the name's own words and names.search_forms."""
    from visnyk.domain.language.names import search_forms
    from visnyk.domain.language.stemmer import WORD, normalize, stem_query, stem_word

    forms = {
        "Петренко Іван Григорович": "Петренка Петренкові Петренку Петренком Іванові Івану Іваном Григоровичу "
                                    "Григоровичеві Григоровичем Григоровича",
        "Мороз Юрій Васильович": "Морозові Морозу Морозом Юрієві Юрію Юрієм Юрія Васильовичем",
        "Коваль Ігор Дмитрович": "Ковалеві Ковалю Ковалем Коваля Ігореві Ігорю Ігорем Ігоря",
        "Романенко Дмитро Олегович": "Дмитрові Дмитру Дмитром Дмитра Олеговичеві",
        "Ткаченко Наталія Олегівна": "Ткаченко Наталії Наталією Наталію Олегівни Олегівні Олегівною",
        "Іваненко Олена": "Іваненко Олени Олені Оленою Олену",
        "Кравченко Олег Вікторович": "Олегові Олегу Олега Олегом Кравченкові Вікторовичу",
    }
    for name, written in forms.items():
        indexed = [stem_word(w) for w in WORD.findall(normalize(name)) + search_forms(name)]
        missed = [f for f in written.split() if not any(i.startswith(stem_query(f)) for i in indexed)]
        assert missed == [], name


def test_search_on_the_demo_finds_a_deputy_by_any_case_form(served, browser):
    from test_search import search, watched_page

    tab, problems = watched_page(browser)
    tab.goto(f"{served}/search/")
    missed = {}
    for deputy, forms in NAME_FORMS.items():
        for form in forms:
            search(tab, form)
            links = tab.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
            if not any(h.rstrip("/").endswith(f"deputies/{deputy}") for h in links):
                missed[form] = links[:5]
    tab.close()
    assert missed == {}
    assert problems == []


def test_results_dated_after_the_build_clock_are_a_problem_not_a_schedule(tmp_path, monkeypatch):
    s = council_site(tmp_path, votes(question(), date="2026-12-01 10:00"))  # the clock: 2026-11-23 09:00
    assert checked(s, monkeypatch) == [
        "votes/2026-10-29.yml:2: дата оприлюднення 2026-12-01 10:00 ще не настала — результати голосування "
        "розміщують у день голосування: вкажіть, коли їх справді розміщено"]


def parses_counted(monkeypatch) -> list[str]:
    """The votes files rollcall parses (load_votes), in order, from now on."""
    from visnyk.domain.votes import rollcall

    parsed: list[str] = []
    real = rollcall.load_votes

    def counting(path, *args):
        parsed.append(path)
        return real(path, *args)

    monkeypatch.setattr(rollcall, "load_votes", counting)
    return parsed


def test_a_terms_votes_are_read_again_only_when_their_bytes_registry_or_meeting_change(monkeypatch):
    """The live preview builds again after every save: a votes file is parsed again only when its bytes, the
    deputies' registry or the meeting it names changed (a new item object), and its verdict is the same as a
    first reading's — a meeting saved without the agenda item a question names is a problem at once."""
    from visnyk.domain.common.clock import parse_date
    from visnyk.domain.content.items import parse_item
    from visnyk.domain.votes import rollcall

    parsed = parses_counted(monkeypatch)
    clock = parse_date("2026-11-23 09:00")
    files = {"deputies.yml": DEPUTIES.encode(), "votes/2026-10-29.yml": votes(question()).encode()}
    session = parse_item("meetings/2026/session-69.md", SESSION.encode()).item
    draft = parse_item("acts/2026/d-family.md", DRAFT.encode()).item

    def load(items):
        roll, problems = rollcall.load(sorted(files), files.get, items, clock)
        return [str(p) for p in problems], [q.title for _f, q in roll.questions()]

    first = load([session, draft])
    assert first == ([], ["Про програму (в цілому)"]) and parsed == ["votes/2026-10-29.yml"]
    assert load([session, draft]) == first and len(parsed) == 1  # nothing changed: not parsed again
    files["votes/2026-10-29.yml"] = votes(question(title="Про програму (остаточно)")).encode()
    assert load([session, draft])[1] == ["Про програму (остаточно)"] and len(parsed) == 2  # its bytes
    files["deputies.yml"] = DEPUTIES.replace("Бондар Олена Петрівна", "Бондар Олена").encode()
    assert load([session, draft])[1] == ["Про програму (остаточно)"] and len(parsed) == 3  # the registry
    resaved = parse_item("meetings/2026/session-69.md", SESSION.encode()).item
    assert load([resaved, draft])[1] == ["Про програму (остаточно)"] and len(parsed) == 4  # the meeting, resaved
    files["votes/2026-10-29.yml"] = votes(question(), question(title="Земельне питання", agenda="2")).encode()
    assert load([resaved, draft]) == ([], ["Про програму (в цілому)", "Земельне питання"]) and len(parsed) == 5
    shorter = parse_item("meetings/2026/session-69.md", SESSION.replace('  - {text: "Земельні питання"}\n', "").encode()).item
    assert load([shorter, draft])[0] == [
        "votes/2026-10-29.yml:15: питання 2: у порядку денному засідання meetings/2026/session-69.md немає пункту 2 "
        "(пунктів: 1) — вкажіть номер пункту порядку денного, до якого належить питання"] and len(parsed) == 6
    assert load([resaved, draft])[0] == [] and len(parsed) == 7


def test_votes_read_ahead_are_taken_only_for_the_bytes_registry_and_meeting_the_build_has(monkeypatch):
    """A cold build's (or a preview start's) workers read the votes files before the build has its items, each
    meeting they name parsed there (rollcall.read_ahead): the build takes such an answer only when the file's bytes,
    the registry's and the meeting it looked up (an equal item) are the build's, and reads the file itself
    otherwise — the verdict is a reading's in this process, whatever a worker saw."""
    from visnyk.domain.common.clock import parse_date
    from visnyk.domain.content.items import parse_item
    from visnyk.domain.votes import rollcall

    parsed = parses_counted(monkeypatch)
    clock = parse_date("2026-11-23 09:00")
    path, where = "votes/2026-10-29.yml", "meetings/2026/session-69.md"
    shorter = SESSION.replace('  - {text: "Земельні питання"}\n', "")
    files = {"deputies.yml": DEPUTIES.encode(), path: votes(question(), question(title="Земельне питання", agenda="2")).encode()}
    draft = parse_item("acts/2026/d-family.md", DRAFT.encode()).item

    def item(text: str):
        return parse_item(where, text.encode()).item

    def round_(worker_sees: dict, build_sees: dict, meetings: list):
        """Read ahead with what a worker saw, then loaded with what the build has: (problems, titles, parsed here)."""
        monkeypatch.setattr(rollcall, "_KEPT", rollcall._Kept())
        worker_files = {**files, "votes/deleted.yml": files[path], **worker_sees}  # deleted before the build read it
        meeting_text = worker_sees.get(where, SESSION)
        rollcall.ahead(rollcall.read_ahead([path, "votes/deleted.yml"], worker_files.get,
                                           lambda key: item(meeting_text) if key == where and meeting_text else None))
        parsed.clear()
        roll, problems = rollcall.load(sorted(files), {**files, **build_sees}.get, [*meetings, draft], clock)
        assert rollcall._KEPT.ahead == {}  # what was not taken is let go
        return [str(p) for p in problems], [q.title for _f, q in roll.questions()], len(parsed)

    both = ["Про програму (в цілому)", "Земельне питання"]
    assert round_({}, {}, [item(SESSION)]) == ([], both, 0)  # the same bytes and an equal meeting: taken
    assert rollcall.taken_ahead() == 1
    changed = votes(question(title="Про програму (остаточно)")).encode()
    assert round_({}, {path: changed}, [item(SESSION)]) == ([], ["Про програму (остаточно)"], 1)  # saved since
    renamed = DEPUTIES.replace("Бондар Олена Петрівна", "Бондар Олена").encode()
    assert round_({}, {"deputies.yml": renamed}, [item(SESSION)])[1:] == (both, 1)  # the registry saved since
    gone = ("votes/2026-10-29.yml:15: питання 2: у порядку денному засідання meetings/2026/session-69.md немає "
            "пункту 2 (пунктів: 1) — вкажіть номер пункту порядку денного, до якого належить питання")
    assert round_({}, {}, [item(shorter)]) == ([gone], [], 1)  # the meeting the build has lost the agenda item
    assert round_({where: shorter}, {}, [item(SESSION)]) == ([], both, 1)  # … or the worker saw it without it
    assert round_({where: ""}, {}, [item(SESSION)]) == ([], both, 1)  # the worker could not read the meeting
    missing = round_({}, {}, [])  # the build has no such meeting (a draft, a date out of range…)
    assert missing[2] == 1 and any("засідання meetings/2026/session-69.md не знайдено" in p for p in missing[0])
    assert rollcall.taken_ahead() == 0


def test_a_worker_reads_only_the_registry_and_meetings_the_content_walk_found(tmp_path):
    """The parse-ahead worker (adapters/rebuild/reading.py) reads the meeting a votes file names only if the walk
    found it: a path written in a votes file is never opened on its say-so (a file the walk refused — a link, a
    pipe — or one outside the folder); the build reads the file itself then and meets the problem there."""
    from visnyk.adapters.rebuild import reading

    for name, text in {"deputies.yml": DEPUTIES, "votes/2026-10-29.yml": votes(question()),
                       "meetings/2026/session-69.md": SESSION}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = "votes/2026-10-29.yml"

    def problems(walked: set[str]) -> list[str]:
        _found, _judged, early = reading._parse(str(tmp_path), [], votes=[path], walked=frozenset(walked))()
        return [str(p) for p in early[path][3][1]]

    assert problems({path, "deputies.yml", "meetings/2026/session-69.md"}) == []
    assert any("засідання meetings/2026/session-69.md не знайдено" in p for p in problems({path, "deputies.yml"}))
    assert any("немає реєстру депутатів" in p for p in problems({path, "meetings/2026/session-69.md"}))
