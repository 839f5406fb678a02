"""Lead images in a real build: responsive sizes in WebP and the original format, no EXIF, width/height and
lazy loading in the pages, Open Graph, byte-identical files from two cold builds, nothing of a scheduled item."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import DEPARTMENTS, Site, item

from visnyk.domain.media import images


def photo(width: int, height: int, orientation: int | None = None) -> bytes:
    """A JPEG as a phone writes it: EXIF with a GPS position and, optionally, an orientation."""
    image = Image.new("RGB", (width, height))
    image.paste((200, 60, 40), (0, 0, width // 2, height))  # left half red: shows which way it was turned
    image.paste((40, 90, 200), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0)}  # GPSInfo: where the photographer stood
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def drawing(width: int, height: int, fmt: str) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste((11, 58, 102, 255), (10, 10, width - 10, height - 10))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


ALT = "Новий сквер: лавки й доріжки"


def make_site(root: Path) -> Site:
    site = Site(root)
    site.write("departments.yml", DEPARTMENTS)
    site.write("images/2024/skver.jpg", photo(2400, 1600))
    site.write("images/2024/turned.jpg", photo(1600, 1200, orientation=6))  # a phone held upright
    site.write("images/2024/plan.png", drawing(800, 600, "PNG"))
    site.write("images/2024/mapa.webp", drawing(1000, 700, "WEBP"))
    site.write("images/2026/later.jpg", photo(900, 600))
    site.write("news/2024/skver.md", item(title="Сквер", slug="skver", image="images/2024/skver.jpg", image_alt=f'"{ALT}"'))
    site.write("news/2024/turned.md", item(title="Фото з телефона", date="2024-05-13 10:00", slug="turned",
                                           image="images/2024/turned.jpg", image_alt="Фото з телефона"))
    site.write("news/2024/plan.md", item(title="План", date="2024-05-12 10:00", slug="plan",
                                         image="/images/2024/plan.png", image_alt="Схема ремонту"))
    site.write("news/2024/mapa.md", item(title="Мапа", date="2024-05-11 10:00", slug="mapa",
                                         image="images/2024/mapa.webp", image_alt="Мапа маршруту"))
    site.write("news/2024/plain.md", item(title="Без зображення", date="2024-05-10 10:00", slug="plain"))
    # Scheduled after the build clock (2026-01-01): its picture must not appear before it does.
    site.write("news/2026/later.md", item(title="Пізніше", date="2026-06-01 10:00", slug="later",
                                          image="images/2026/later.jpg", image_alt="Пізніше"))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    site = make_site(root)
    build = site.build("--cache-path", str(root / "cache"), settings="publishconf.py",
                       env={"VISNYK_SITEURL": "https://rada.example"})
    assert build.returncode == 0, build.text
    return build


def made(build) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((build.output / "img").iterdir())}


def names(build, stem: str) -> list[tuple[int, str]]:
    return sorted((int(re.search(r"-(\d+)\.", n).group(1)), n.rsplit(".", 1)[1]) for n in made(build) if n.startswith(stem + "-"))


def test_sizes_and_formats(built):
    assert names(built, "skver") == [(480, "jpg"), (480, "webp"), (960, "jpg"), (960, "webp"), (1440, "jpg"), (1440, "webp")]
    assert names(built, "plan") == [(480, "png"), (480, "webp"), (800, "png"), (800, "webp")]  # never wider than the original
    assert names(built, "mapa") == [(480, "webp"), (960, "webp"), (1000, "webp")]  # WebP original: WebP only
    assert not names(built, "later")  # scheduled
    for name, data in made(built).items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.width == int(re.search(r"-(\d+)\.", name).group(1))
            assert image.format == {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[name.rsplit(".", 1)[1]]
            assert not image.getexif(), name  # no GPS position, no camera
            assert b"PhoneMaker" not in data
        if name.startswith("plan") and name.endswith(".png"):
            assert Image.open(io.BytesIO(data)).mode == "RGBA"  # transparency kept


def test_exif_orientation_is_applied(built):
    """A photo taken upright is stored landscape with "rotate 90°" in EXIF: it is published upright."""
    [(name, data)] = [(n, d) for n, d in made(built).items() if n.startswith("turned") and n.endswith("-480.jpg")]
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (480, 640)
        red, green, blue = image.convert("RGB").getpixel((240, 40))
        assert red > 150 and blue < 100  # the red half is now at the top
    assert 'width="1200" height="1600"' in built.page("news/2024/turned/")


def test_item_page_picture_width_height_and_eager_loading(built):
    page = built.page("news/2024/skver/")
    figure = page.split('<figure class="item-image">', 1)[1].split("</figure>", 1)[0]
    assert re.search(r'<source type="image/webp" srcset="[^"]*skver-\w+-480\.webp 480w, [^"]*-960\.webp 960w, '
                     r'[^"]*-1440\.webp 1440w" sizes="\(min-width: 48rem\) 46rem, calc\(100vw - 2rem\)">', figure)
    assert re.search(r'<img src="https://rada\.example/img/skver-\w+-960\.jpg" srcset="[^"]*-480\.jpg 480w, ', figure)
    assert f'width="1440" height="960" alt="{ALT}" fetchpriority="high" decoding="async"' in figure
    assert 'loading="lazy"' not in figure  # the lead image is what the reader came for: no lazy loading
    assert "Без зображення" not in page


def test_list_thumbnail_is_lazy_and_alt_is_escaped(built):
    page = built.page("news/")
    thumbs = re.findall(r'<span class="item-thumb">(.*?)</span>', page, re.S)
    assert len(thumbs) == 4  # skver, turned, plan, mapa; none for the item without one
    for thumb in thumbs:
        assert 'loading="lazy"' in thumb and 'fetchpriority' not in thumb
        assert " 960w" not in thumb  # only the smallest size in a list
    assert f'alt="{ALT}"' in page


def test_open_graph_and_json_ld_name_the_largest_jpeg(built):
    page = built.page("news/2024/skver/")
    og = dict(re.findall(r'<meta property="(og:image[^"]*)" content="([^"]*)">', page))
    assert re.fullmatch(r"https://rada\.example/img/skver-\w{12}-1440\.jpg", og["og:image"])
    assert (og["og:image:type"], og["og:image:width"], og["og:image:height"], og["og:image:alt"]) == \
        ("image/jpeg", "1440", "960", ALT)
    assert f'"image": "{og["og:image"]}"' in page
    assert (built.output / og["og:image"].removeprefix("https://rada.example/")).is_file()


def test_two_cold_builds_write_byte_identical_images(tmp_path, built):
    site = make_site(tmp_path)
    again = site.build("--cache-path", str(tmp_path / "cache"), settings="publishconf.py",
                       env={"VISNYK_SITEURL": "https://rada.example"})
    assert again.returncode == 0, again.text
    assert made(again) == made(built)


def test_a_warm_image_cache_gives_the_same_files(tmp_path):
    site = make_site(tmp_path)
    cache = tmp_path / "cache"
    first = site.build("--cache-path", str(cache), output=tmp_path / "one")
    files = sorted(p.name for p in (cache / "visnyk-images").iterdir())
    assert "index.json" in files and len(files) == 1 + 6 + 6 + 4 + 3
    second = site.build("--cache-path", str(cache), output=tmp_path / "two")
    assert first.returncode == second.returncode == 0
    assert made(first) == made(second)


def test_widths_never_exceed_the_original():
    assert images.widths(4000) == (480, 960, 1440)
    assert images.widths(1440) == (480, 960, 1440)
    assert images.widths(1000) == (480, 960, 1000)
    assert images.widths(300) == (300,)
