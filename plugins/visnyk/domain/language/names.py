"""Case forms of a person's name that the search stemmer (stemmer.py) leaves apart from the name itself.

The stemmer joins most forms of a name: «Петренка», «Петренку», «Петренком», «Олени», «Оленою», «Наталії»,
«Олегівною» lose their endings and meet «Петренко», «Олена», «Наталія», «Олегівна». It keeps, on purpose, the
endings "-ові" and "-ем" ("голові" and "голова", "проблем" and "проблема" must stay apart), and those are the
dative and instrumental of men's names: «Петренкові», «Олегові», «Юрієві», «Ковалеві», «Григоровичем»,
«Юрієм». Their stems («петренков», «юрієм») do not begin with the name's («петренк», «юрі»), so a query in
those forms found no deputy (Pagefind's fallback to a shorter indexed word depends on how its index is cut).

`search_forms` gives those forms of each word of a name, made by the rules of the Ukrainian declension, with no
dictionary (a surname need not be in one): the search index adds them to a deputy's page, unseen, so each form's
stem is on the page. A word that ends in a vowel other than «о» (a woman's name, «Олена», «Наталія», or a
surname that does not decline) gets none: its forms are the stemmer's. A form made for a name that does not take
it («Бондарові» for Олена Бондар) only makes that page found by one more spelling of the same surname.
"""

from __future__ import annotations

from .stemmer import VOWELS, WORD, normalize


def search_forms(name: str) -> list[str]:
    """The dative/locative and instrumental forms the stemmer does not join, for each word of `name`
    (lower-case, no apostrophes), in order, each once: "Петренко Іван Григорович" → петренкові, іванові,
    іваневі, іванем, григоровичові, григоровичеві, григоровичем."""
    forms: list[str] = []
    for word in WORD.findall(normalize(name)):
        last = word[-1]
        if last == "о":  # Петренко, Дмитро: -ові (the instrumental -ом is the stemmer's)
            made = [word[:-1] + "ові"]
        elif last == "й":  # Юрій, Андрій, Гордій: -єві, -єм
            made = [word[:-1] + "єві", word[:-1] + "єм"]
        elif last == "ь":  # Коваль, Шмідь: -еві, -ем
            made = [word[:-1] + "еві", word[:-1] + "ем"]
        elif last in VOWELS or len(word) < 2:
            made = []
        else:  # a consonant: hard (Мороз, Олег: -ові) or soft and mixed (Ігор, Бондар, Григорович: -еві, -ем)
            made = [word + "ові", word + "еві", word + "ем"]
        forms += [form for form in made if form not in forms]
    return forms
