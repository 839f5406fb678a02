"""domain/site/scan.updated: the live preview's walk of the content folder after a save, without walking again.

Each step changes a real folder in tmp_path and compares what `updated` says with a fresh `walk`: the same
files (and the same object while the list is unchanged, so the file lists made from it are kept), or None
whenever only a new walk can tell (it would also report the problem a link or an SVG may carry)."""

from __future__ import annotations

import os
import random

from visnyk.domain.site.scan import IGNORED_NAMES, Walk, updated, walk


def _write(root, rel: str, text: str = "x") -> str:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return rel


def test_each_kind_of_change_agrees_with_a_fresh_walk_or_asks_for_one(tmp_path):
    for rel in ("news/2025/a.md", "news/2025/b.md", "files/2025/plan.pdf", "departments.yml"):
        _write(tmp_path, rel)
    found = walk(str(tmp_path))

    same = updated(found, str(tmp_path), [_write(tmp_path, "news/2025/a.md", "edited")])
    assert same is found  # an edited file: the very same walk

    added = updated(found, str(tmp_path), [_write(tmp_path, "news/2026/c.md")])  # a new file in a new year
    assert added == walk(str(tmp_path)) and "news/2026/c.md" in added.files

    (tmp_path / "news/2025/b.md").unlink()
    removed = updated(added, str(tmp_path), ["news/2025/b.md"])
    assert removed == walk(str(tmp_path)) and "news/2025/b.md" not in removed.files

    # Hidden files and the names walk leaves out: not part of the site either way.
    hidden = [_write(tmp_path, "news/2025/.a.md.swp"), _write(tmp_path, ".git/config"), _write(tmp_path, "news/" + IGNORED_NAMES[0])]
    assert updated(removed, str(tmp_path), hidden) is removed
    assert walk(str(tmp_path)) == removed

    # What only a walk can judge: a link (to a file or a folder), an SVG, a new folder, a folder removed.
    os.symlink("/etc/passwd", tmp_path / "files/2025/passwd.pdf")
    assert updated(removed, str(tmp_path), ["files/2025/passwd.pdf"]) is None
    assert walk(str(tmp_path)).problems  # …which the walk reports
    (tmp_path / "files/2025/passwd.pdf").unlink()
    (tmp_path / "linked").symlink_to(tmp_path / "news", target_is_directory=True)
    assert updated(removed, str(tmp_path), ["linked/2025/a.md"]) is None
    (tmp_path / "linked").unlink()
    assert updated(removed, str(tmp_path), [_write(tmp_path, "images/2025/logo.svg", "<svg/>")]) is None
    (tmp_path / "images/2025/logo.svg").unlink()
    (tmp_path / "news/2027").mkdir()
    assert updated(removed, str(tmp_path), ["news/2027"]) is None
    for path in sorted((tmp_path / "news/2026").iterdir()):
        path.unlink()
    (tmp_path / "news/2026").rmdir()
    assert updated(removed, str(tmp_path), ["news/2026"]) is None

    # A walk with problems is never updated.
    assert updated(Walk(removed.files, walk(str(tmp_path)).problems or (object(),)), str(tmp_path), []) is None


def test_random_saves_keep_it_equal_to_a_fresh_walk(tmp_path):
    chooser = random.Random(20261130)
    names = [f"{kind}/{year}/{n}.md" for kind in ("news", "acts") for year in (2024, 2025) for n in range(6)]
    names += [f"files/2025/doc{n}.pdf" for n in range(4)]
    found = walk(str(tmp_path))
    asked_for_walk = 0
    for _step in range(300):
        changed = []
        for rel in chooser.sample(names, chooser.randint(1, 3)):
            path = tmp_path / rel
            if path.exists() and chooser.random() < 0.5:
                path.unlink()
            else:
                _write(tmp_path, rel, str(chooser.random()))
            changed.append(rel)
        fresh = walk(str(tmp_path))
        told = updated(found, str(tmp_path), changed)
        if told is None:
            asked_for_walk += 1
            told = fresh
        assert told == fresh, (changed, sorted(set(told.files) ^ set(fresh.files)))
        assert (told is found) == (fresh.files == found.files)
        found = told
    assert asked_for_walk == 0  # files only, in folders that exist or are made for them: never a walk
