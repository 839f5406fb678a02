

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    decision = item(title="Рішення про програму", date="2026-10-29 16:30", act_kind="council_decision",
                    adopted="2026-10-29", draft="acts/2026/d-family.md")
    s = council_site(tmp_path_factory.mktemp("votes"), votes(
        question(), question(title="Земельне питання", agenda="2", time="2026-10-29 11:00", result="не прийнято",
                             choices=(("bondar-olena", "за"), ("moroz-yurii", "відсутній"), ("petrenko-ivan", "проти"),
                                      ("hrytsenko-maksym", "не голосував"), ("humeniuk-ostap", "за")))))
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
    assert "Потрібно голосів «за» 3 із 5" in main and "Результат прийнято" in main
    assert "за: 3 проти: 1 утримався: 0 не голосував: 0 відсутній: 1" in main
    rows = [[words(c) for c in tr] for tr in doc.findall(".//table/tbody/tr")]
    assert rows == [  # factions alphabetically, names within each; Лисенко's mandate had ended
        ["Бондар Олена Петрівна", "Фракція «Громада»", "за"],
        ["Гуменюк Остап Васильович", "Фракція «Громада»", "відсутній"],
        ["Гриценко Максим Олегович", "Фракція «Нова ініціатива»", "проти"],
        ["Мороз Юрій Васильович", "Фракція «Рідне місто»", "за"],
        ["Петренко Іван Григорович", "Фракція «Рідне місто»", "за"],
    ]
    second = words(page(built, "votes/2026-10-29/2/index.html").find(".//main"))
    assert "Результат не прийнято" in second


def test_the_deputy_page_counts_attendance_and_lists_every_choice(built):
    doc = page(built, "deputies/moroz-yurii/index.html")
    assert doc.findtext(".//h1") == "Мороз Юрій Васильович"
    assert [[words(c) for c in tr] for tr in doc.findall(".//table/tbody/tr")] == [["2026", "1", "1"]]
    main = words(doc.find(".//main"))
    assert "Як голосував(ла): 2 питання" in main
    index = page(built, "deputies/index.html")
    assert [words(h) for h in index.findall(".//main//h2")] == [
        "Фракція «Громада» (3)", "Фракція «Нова ініціатива» (1)", "Фракція «Рідне місто» (2)"]
    assert "повноваження припинено 30 червня 2026 року" in words(index.find(".//main"))


def test_the_meeting_shows_each_agenda_items_result_and_the_acts_link_to_their_vote(built):
    meeting_page = words(page(built, "meetings/2026/session-69/index.html").find(".//main"))
    assert "Про програму (в цілому): прийнято («за» 3 із потрібних 3)" in meeting_page
    assert "Земельне питання: не прийнято («за» 2 із потрібних 3)" in meeting_page
    for act in ("acts/2026/d-family.md", "acts/2026/r-family.md"):
        doc = page(built, f"acts/2026/{'proiekt-rishennia-pro-prohramu' if 'd-' in act else 'rishennia-pro-prohramu'}/index.html")
        links = [a.get("href") for a in doc.findall(".//main//a")]
        assert "/votes/2026-10-29/1/" in links, act
