"""A full five-year term of roll-call votes on top of a synthetic archive (issue 25 §7): 42 deputies (one
mandate ending mid-term and its successor), 40 plenary sessions a year with 80 questions each up to the bench
clock — 197 meetings, 15,760 questions, 661,920 individual votes — as `deputies.yml`, meeting items and `votes/*.yml` written into a
copy of the archive's content folder (its files hard-linked, so the copy costs no space)."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

DEPUTIES, SESSIONS_A_YEAR, QUESTIONS, YEARS = 42, 40, 80, 5
CHOICES = ("за",) * 14 + ("проти", "утримався", "не голосував", "відсутній")
LAST_DAY = dt.date(2026, 11, 1)  # before the bench clock (2026-11-23): no vote is in the future
FACTIONS = ("Фракція «Перша»", "Фракція «Друга»", "Фракція «Третя»", "Фракція «Четверта»")


def add_votes(content: Path, target: Path, seed: int = 25, department: str | None = None) -> int:
    """`content` hard-linked into `target` with a term of votes added; the number of votes written."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target, copy_function=os.link)
    rnd = random.Random(seed)
    department = department or _first_department(target / "departments.yml")
    lines = ["term: VIII скликання", f"composition: {DEPUTIES}", "deputies:"]
    ids = [f"deputat-{i:02d}" for i in range(DEPUTIES + 1)]
    for i, who in enumerate(ids):
        began, ended = ("2021-12-20" if i == DEPUTIES else "2021-11-25"), ("2021-12-10" if i == 0 else None)
        lines.append(f"  - {{id: {who}, name: Депутат Номер {i} Іванович, faction: \"{FACTIONS[i % 4]}\", "
                     f"elected: виборчий список, began: {began}{', ended: ' + ended if ended else ''}}}")
    (target / "deputies.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (target / "votes").mkdir()
    written = 0
    for year in range(2022, 2022 + YEARS):
        day = dt.date(year, 1, 13)
        for session in range(SESSIONS_A_YEAR):
            day += dt.timedelta(days=7 + (session % 3 == 0) * 2)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            if day >= LAST_DAY:
                break
            slug = f"sesiia-{day.isoformat()}"
            meeting = f"meetings/{year}/{slug}.md"
            agenda = "\n".join(f"  - {{text: \"Питання {q}\"}}" for q in range(1, QUESTIONS + 1))
            (target / "meetings" / str(year)).mkdir(parents=True, exist_ok=True)
            (target / meeting).write_text(
                f"---\ntitle: Сесія {day.isoformat()}\ndate: {day - dt.timedelta(days=14)} 10:00\n"
                f"department: {department}\nbody: council\nstarts: {day} 10:00\nends: {day} 20:00\n"
                f"venue: Сесійна зала\nagenda:\n{agenda}\n---\nПленарне засідання.\n", encoding="utf-8")
            out = [f"meeting: {meeting}", f"date: {day} 21:00", "questions:"]
            serving = [w for i, w in enumerate(ids) if (i != 0 or day <= dt.date(2021, 12, 10))
                       and (i != DEPUTIES or day >= dt.date(2021, 12, 20))]
            for q in range(1, QUESTIONS + 1):
                choices = [rnd.choice(CHOICES) for _ in serving]
                result = "прийнято" if choices.count("за") > DEPUTIES // 2 else "не прийнято"
                minute = 10 * 60 + q * 7
                out += [f"  - title: \"Про питання {q} сесії {day}\"", f"    agenda: {q}",
                        f"    time: {day} {minute // 60:02d}:{minute % 60:02d}", f"    result: {result}", "    votes:"]
                out += [f"      {w}: {c}" for w, c in zip(serving, choices)]
                written += len(serving)
            (target / "votes" / f"{day.isoformat()}.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return written


def _first_department(registry: Path) -> str:
    for line in registry.read_text(encoding="utf-8").splitlines():
        if line.lstrip("- ").startswith("slug:"):
            return line.split(":", 1)[1].strip()
    raise SystemExit(f"{registry}: no department")
