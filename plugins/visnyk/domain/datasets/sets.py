"""The sets the site publishes, one spec each: title, description, legal basis, keywords and the meaning of every
field in Ukrainian. The columns are the ones the owning modules write (opendata.py, compliance.py, ics.py); a
test reads every CSV against these fields with a Table Schema validator, so a column added there and not here
fails."""

from __future__ import annotations

from ..cycle.compliance import COLUMNS as COMPLIANCE_COLUMNS
from ..common.model import COUNTED_TYPES, ActKind
from ..counting.opendata import PERIOD_PATTERN, PUBLICATION_COLUMNS, REGISTER_COLUMNS
from ..legal import register as acts_register
from ..votes import opendata as votes_data
from . import deputies
from .passport import Field, Spec, Table
from .structure import fields_of

LAW = "Закон України «Про доступ до публічної інформації», ст. 10-1"
RESOLUTION = ("Положення про набори даних, які підлягають оприлюдненню у формі відкритих даних, затверджене "
              "постановою Кабінету Міністрів України від 21 жовтня 2015 р. № 835")
# The items of the list («Перелік наборів даних, які підлягають оприлюдненню у формі відкритих даних») named by
# their titles, as the portal and councils name them: the items' numbers differ between the resolution's editions.
LIST_ACTS = ("«Нормативно-правові акти, акти індивідуальної дії (крім внутрішньоорганізаційних), прийняті "
             "розпорядником інформації, проекти нормативно-правових актів, інформація, визначена законодавством про "
             "засади регуляторної політики» (розділ «Усі розпорядники інформації»)")
LIST_VOTES = ("«Поіменні результати голосування депутатів на пленарних засіданнях органу місцевого "
              "самоврядування» (розділ «Органи місцевого самоврядування»)")
LIST_DEPUTIES = ("«Дані про депутатів місцевих рад, у тому числі контактні дані та графік прийому» (розділ «Органи "
                 "місцевого самоврядування»)")
DATE = "РРРР-ММ-ДД (ISO 8601), київський час"
MOMENT = "РРРР-ММ-ДДTгг:хх:сс зі зміщенням київського часу (ISO 8601), напр. 2026-10-29T10:05:00+02:00"
TYPES = tuple(t.value for t in COUNTED_TYPES)
KINDS = tuple(k.value for k in ActKind)

PUBLICATIONS = Spec(
    key="publications",
    title="Кількість оприлюднених матеріалів за місяцями, типами й підрозділами",
    description="Скільки новин, оголошень, документів, оголошених засідань, відео й звітів оприлюднив на сайті "
                "кожен підрозділ ради за кожен місяць (за київським часом). Рядок є лише там, де кількість ≥ 1: "
                "між першим місяцем і місяцем дати даних відсутній рядок означає нуль.",
    legal_basis=f"{LAW}; {RESOLUTION}",
    keywords=("статистика", "публікації", "оприлюднення", "прозорість"),
    tables=(Table("stats/publications.csv", "stats/publications.tableschema.json", (
        Field("period", "yearmonth", "Місяць оприлюднення за київським часом, РРРР-ММ (ISO 8601)"),
        Field("type", "string", "Тип матеріалу: " + ", ".join(TYPES), values=TYPES),
        Field("department", "string", "Підрозділ ради (ідентифікатор латиницею з реєстру підрозділів)"),
        Field("count", "integer", "Кількість оприлюднених матеріалів, не менше 1", minimum=1),
    )),),
    list_item="",
)
assert tuple(f.name for f in PUBLICATIONS.fields) == PUBLICATION_COLUMNS

REGISTER = Spec(
    key="register",
    title="Реєстр оприлюднених матеріалів і актів",
    description="Кожна оприлюднена на сайті новина, оголошення, документ (рішення, розпорядження, проєкт рішення, "
                "протокол), оголошене засідання, відео й звіт: дата, тип, вид і номер акта, підрозділ, заголовок і "
                "постійна адреса сторінки.",
    legal_basis=f"{LAW}; ст. 15 (оприлюднення актів і проєктів рішень); {RESOLUTION}",
    keywords=("реєстр", "рішення", "розпорядження", "проєкти рішень", "новини", "оголошення"),
    tables=(Table("stats/register.csv", "stats/register.tableschema.json", (
        Field("date", "date", f"Дата оприлюднення, {DATE}"),
        Field("type", "string", "Тип матеріалу: " + ", ".join(TYPES), values=TYPES),
        Field("act_kind", "string", "Вид документа (лише для документів): " + ", ".join(KINDS), required=False,
              values=KINDS),
        Field("number", "string", "Номер документа, як його присвоєно", required=False),
        Field("department", "string", "Підрозділ ради (ідентифікатор латиницею з реєстру підрозділів)",
              required=False),
        Field("title", "string", "Заголовок"),
        Field("url", "string", "Адреса сторінки матеріалу"),
    )),),
    list_item=LIST_ACTS,
)
assert tuple(f.name for f in REGISTER.fields) == REGISTER_COLUMNS

RULES = ("draft", "adopted", "roll_call", "video", "protocol")
COMPLIANCE_KINDS = ("draft_decision", "council_decision", "executive_decision", "mayor_order", "regulatory_act")
COMPLIANCE = Spec(
    key="compliance",
    title="Дотримання строків оприлюднення проєктів рішень і ухвалених актів",
    description="Для кожного проєкту рішення — скільки робочих днів минуло від оприлюднення до розгляду "
                "(не менше 10); для кожного ухваленого акта — скільки робочих днів від ухвалення до оприлюднення "
                "(не більше 5); для результатів поіменного голосування — чи оприлюднено їх у день голосування; чи "
                "дотримано строк і на скільки днів запізнення. Акти без потрібної дати — з порожніми полями строку.",
    legal_basis=f"{LAW}; ст. 15 ч. 2 і ч. 3 (строки оприлюднення актів і проєктів); {RESOLUTION}",
    keywords=("строки оприлюднення", "проєкти рішень", "рішення", "доступ до публічної інформації"),
    tables=(Table("stats/compliance.csv", "stats/compliance.tableschema.json", (
        Field("source", "string", "Файл акта або результатів поіменного голосування в сховищі сайту (стабільний "
              "ідентифікатор запису)", pattern=r"acts/.+\.md|votes/.+\.(yml|yaml|csv)|meetings/.+\.md"),
        Field("rule", "string", "Правило: draft — проєкт рішення, adopted — ухвалений акт, roll_call — результати "
              "поіменного голосування (оприлюднюють у день голосування), video і protocol — відеозапис і протокол засідання "
              "(файл засідання в теці meetings/)", values=RULES),
        Field("act_kind", "string", "Вид документа; порожньо для результатів поіменного голосування",
              values=COMPLIANCE_KINDS, required=False),
        Field("department", "string", "Підрозділ ради", required=False),
        Field("published", "date", f"Дата оприлюднення, {DATE}"),
        Field("event_date", "date", f"Дата розгляду (draft) або ухвалення (adopted), {DATE}; порожньо — даних "
              "немає", required=False),
        Field("working_days", "integer", "Робочих днів між оприлюдненням і розглядом або ухваленням",
              required=False, minimum=0),
        Field("on_time", "boolean", "Чи дотримано строк (True / False); порожньо — даних немає", required=False),
        Field("late_by", "integer", "На скільки робочих днів пізніше строку", required=False, minimum=0),
        Field("title", "string", "Заголовок акта"),
        Field("url", "string", "Адреса сторінки акта"),
    )),),
    list_item="",
)
assert tuple(f.name for f in COMPLIANCE.fields) == COMPLIANCE_COLUMNS

MEETINGS = Spec(
    key="meetings",
    title="Календар засідань ради, виконавчого комітету й постійних комісій",
    description="Оголошені засідання з датою, часом, місцем і порядком денним у форматі iCalendar (RFC 5545), "
                "який відкривають календарі телефонів і поштових програм.",
    legal_basis=f"{LAW}; Закон України «Про місцеве самоврядування в Україні», ст. 46; {RESOLUTION}",
    keywords=("засідання", "сесія", "виконавчий комітет", "постійні комісії", "календар"),
    tables=(Table("meetings.ics", "", (
        Field("UID", "string", "Незмінний ідентифікатор засідання"),
        Field("SUMMARY", "string", "Назва засідання"),
        Field("DTSTART", "datetime", "Початок, київський час (Europe/Kyiv)"),
        Field("DTEND", "datetime", "Кінець (якщо не вказано — через 2 години після початку)"),
        Field("LOCATION", "string", "Місце проведення", required=False),
        Field("DESCRIPTION", "string", "Порядок денний і адреса сторінки засідання", required=False),
        Field("URL", "string", "Адреса сторінки засідання", required=False),
    )),),
    list_item="",
)

ACTS = Spec(
    key="acts",
    title=acts_register.TITLE,
    description="Кожне оприлюднене рішення ради, рішення виконавчого комітету, розпорядження голови й регуляторний "
                "акт: номер, дати ухвалення, оприлюднення й набрання чинності, вид, підрозділ, назва, правовий статус "
                "(чинний, зі змінами, втратив чинність) і акти, що його змінили або скасували.",
    legal_basis=f"{LAW}; ст. 15 ч. 1 п. 1 (оприлюднення нормативно-правових актів і актів індивідуальної дії); "
                f"Закон України «Про місцеве самоврядування в Україні», ст. 59; {RESOLUTION}",
    keywords=("рішення", "розпорядження", "регуляторні акти", "нормативно-правові акти", "правовий статус"),
    tables=(Table("acts/register.csv", "acts/register.schema.json", fields_of(acts_register.schema())),),
    list_item=LIST_ACTS,
)

VOTES = Spec(
    key="votes",
    title="Поіменні результати голосування депутатів на пленарних засіданнях ради",
    description="Дві таблиці в структурі, яку для цього набору радить портал data.gov.ua: motions — питання, "
                "поставлені на голосування (дата й час, засідання, пункт порядку денного, підсумки й результат), "
                "votes — голос кожного депутата в кожному питанні; а також ті самі дані у форматі Popolo (JSON).",
    legal_basis=f"{LAW}; Закон України «Про місцеве самоврядування в Україні», ст. 59 ч. 3 (результати "
                f"поіменного голосування оприлюднюють у день голосування); {RESOLUTION}",
    keywords=("поіменне голосування", "депутати", "сесія", "рішення ради"),
    tables=(Table("votes/motions.csv", "votes/motions.schema.json", fields_of(votes_data.motions_schema())),
            Table("votes/votes.csv", "votes/votes.schema.json", fields_of(votes_data.votes_schema()))),
    list_item=LIST_VOTES,
)

DEPUTIES = Spec(
    key="deputies",
    title="Депутати ради",
    description="Депутати ради поточного скликання: ідентифікатор (той самий, що в поіменних голосуваннях), "
                "прізвище, імʼя й по батькові, фракція, як обрано, дати початку й припинення повноважень і адреса "
                "сторінки депутата. Контактів і графіка прийому сайт поки не веде — їх у наборі немає.",
    legal_basis=f"{LAW}; Закон України «Про статус депутатів місцевих рад»; {RESOLUTION}",
    keywords=("депутати", "фракції", "скликання", "міська рада"),
    tables=(Table(deputies.CSV, deputies.SCHEMA, fields_of(deputies.schema())),),
    list_item=LIST_DEPUTIES,
)

SPECS = (ACTS, REGISTER, COMPLIANCE, VOTES, DEPUTIES, MEETINGS, PUBLICATIONS)
