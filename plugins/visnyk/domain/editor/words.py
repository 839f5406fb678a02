"""The web editor's own words (issue 28): hints that say what to type with an example, in the editor's terms —
no folder names, no codes, no English — and the phrases of Decap's interface we say differently.

The contract's hints (`content/fields.py`) speak to someone writing the file by hand («з images/»,
«зі списку в content/departments.yml»); the editor chooses from lists and uploads from the computer.
"""

from __future__ import annotations

# Decap's datetime widget has two buttons under each date: «Зараз» (now) and «Скинути» (clear).
BUTTONS = "кнопка «Зараз» ставить поточний час, «Скинути» очищує поле"
WHEN = "день, місяць, рік і час у порядку мови вашого браузера (українською ДД.ММ.РРРР ГГ:ХХ), київський час"
DAY = "день, місяць і рік у порядку мови вашого браузера (українською ДД.ММ.РРРР)"
ACT_ADDRESS = "адреса сторінки акта, як у рядку браузера після назви сайту, із закінченням, як у зразку: {example}"

HINTS: dict[str, str] = {
    "title": "як на сторінці, без крапки в кінці: Сквер «Згода» відкрито після ремонту",
    "date": f"{WHEN}: 12.12.2025 10:00; з датою в майбутньому матеріал з'явиться на сайті в цей день; {BUTTONS}",
    "department": "оберіть зі списку підрозділ, від імені якого матеріал: наприклад, Відділ інформаційної діяльності",
    "act_kind": "оберіть зі списку: рішення міської ради, розпорядження міського голови, проєкт рішення…",
    "number": "як у документі, без знака №: 245 або 12-р",
    "adopted": f"{DAY}: 10.12.2025 — коли акт ухвалили чи підписали (лише для ухвалених актів)",
    "consideration": f"{DAY}: 20.12.2025 — коли розглянуть проєкт, якщо його немає в порядку денному засідання",
    "draft": ACT_ADDRESS.format(example="acts/2026/proiekt-rishennia-pro-biudzhet.md"),
    "in_force_from": f"{DAY}: 01.01.2026 — лише якщо акт набирає чинності не з дня ухвалення",
    "amends": "кожен змінений акт окремим пунктом; " + ACT_ADDRESS.format(example="acts/2025/pro-taryfy.md"),
    "repeals": "кожен скасований акт окремим пунктом; " + ACT_ADDRESS.format(example="acts/2024/pro-pravyla.md"),
    "body": "оберіть зі списку, хто засідає: сесія міської ради, виконавчий комітет, постійна комісія…",
    "starts": f"{WHEN}: 20.12.2025 10:00; {BUTTONS}",
    "ends": f"{WHEN}: 20.12.2025 13:00, якщо відомо; {BUTTONS}",
    "venue": "де відбудеться: Сесійна зала, вул. Соборна, 1",
    "agenda": "кожне питання окремим пунктом: Про бюджет громади на 2026 рік",
    "protocol": "протокол цього засідання, коли його оприлюднено (акт виду «протокол»); "
                + ACT_ADDRESS.format(example="acts/2025/protokol-zasidannia-sesii.md"),
    "video": "відеозапис цього засідання, коли його оприлюднено: адреса сторінки відео, як у рядку браузера після "
             "назви сайту, із закінченням, як у зразку: videos/2025/zapys-sesii.md",
    "video_url": "скопіюйте адресу відео з рядка браузера: https://www.youtube.com/watch?v=…",
    "period": "місяць або рік, за який звіт: 2025-11 (за листопад 2025) або 2025 (за рік)",
    "activities": "цифри, які знають лише у відділі, кожна окремим пунктом: Брали участь у прийомах міського голови — 2",
    "head": "лише якщо підписує не керівник підрозділу: Ірина Мельник",
    "head_title": "посада повністю: Заступник начальника відділу (назву підрозділу сайт допише сам)",
    "tags": "кожна тема окремим пунктом, з малої літери: бюджет, освіта, прийом громадян",
    "summary": "одне-два речення для списків і пошуку: У сквері «Згода» поставили нові лавки й освітлення.",
    "image": "фото з вашого комп'ютера (JPEG, PNG або WebP): угорі сторінки, у списках і в соцмережах",
    "image_alt": "що на фото, одним реченням, для тих, хто його не бачить: Діти граються на новому майданчику",
    "attachments": "документи до матеріалу з вашого комп'ютера, кожен з назвою: рішення у PDF, таблиця в Excel",
    "modified": f"лише якщо матеріал суттєво змінили після публікації: {WHEN}: 14.12.2025 09:30; {BUTTONS}",
    "text": "що сталося, де й коли, абзацами через порожній рядок; кнопки вгорі роблять жирний, курсив, списки й посилання: «Сквер відкрили 12 грудня. Тепер там нові лавки й освітлення.»",
}
# Report numbers: the same field name as an act's number, other words.
REPORT_NUMBER = "як звіт зареєстровано в діловодстві: 01-15/112"
SUBFIELD_HINTS = {
    "file": "документ з вашого комп'ютера: PDF, Word чи Excel",
    "title": "як назвати файл на сторінці: Рішення № 245 (PDF)",
    "text": "Брали участь у прийомах міського голови, або речення з {n} на місці числа: Розглянуто {n} звернень",
    "forms": "три форми слова після 1, 2 і 5, усі три або жодної: прийом, прийоми, прийомів",
    "count": "ціле число, цифрами: 12",
    "question": "як у порядку денному: Про бюджет громади на 2026 рік",
    "agenda_act": "якщо є проєкт рішення: " + ACT_ADDRESS.format(example="acts/2026/proiekt-rishennia.md"),
}

# Decap's Ukrainian phrases we replace (merged into its own in admin/visnyk.js): its English switch of the
# text editor, its word «Колекція» for a list of items, and what it leaves in English.
PHRASES: dict = {
    "collection": {
        "sidebar": {"collections": "Розділи", "allCollections": "Усі розділи", "searchAll": "Пошук у всіх розділах",
                    "searchIn": "Шукати в розділі"},
        "collectionTop": {"newButton": "+ %{collectionLabel}","searchResultsInCollection": "Знайдено за «%{searchTerm}» у розділі «%{collection}»",
                          "searchResults": "Знайдено за «%{searchTerm}»"},
    },
    "editor": {
        "editorToolbar": {"backCollection": "До списку: %{collectionLabel}", "status": "Стан: %{status}"},
        "editorWidgets": {"markdown": {"richText": "Звичайний вигляд", "markdown": "Розмітка"}},
    },
}
