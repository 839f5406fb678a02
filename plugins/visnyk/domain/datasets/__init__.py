"""Open data: the council's data sets as the national portal (data.gov.ua, Cabinet resolution No. 835) wants them.

Each set the site publishes gets a passport (назва, опис, відповідальна особа й пошта, частота оновлення, правова
підстава, ключові слова, формати, ліцензія, дати створення й останнього оновлення), a structure (its fields in
Ukrainian, and a Table Schema for each CSV) and a place in a DCAT-AP catalogue (JSON-LD). The files themselves are
written by the capabilities that own their records (counting, the decision cycle); this package only describes
them, so a set's CSV, JSON and pages keep one source. No Pelican here.
"""
