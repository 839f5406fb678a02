"""The picture files themselves (/images/…, /files/…) in a real build: published without GPS, camera, EXIF,
XMP or text chunks, with the same pixels, upright in a real browser, byte-identical from build to build, and
not before the first item that uses them; a damaged one stops `build` and `check` alike, at the line that
uses it."""

from __future__ import annotations

import io
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageOps, PngImagePlugin

from conftest import DEPARTMENTS, ROOT, Site, item, ran, serving

from visnyk.domain.media import originals

GPS = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}  # where the photographer stood
SECRETS = (b"PhoneMaker", b"SN-4711", b"xmpmeta", b"Ivan Petrenko", b"2024:05:14")
AFTER_LATER = "1780380000"  # 2026-06-02 06:00 UTC: the scheduled item (2026-06-01 10:00 Kyiv) is out


def exif(orientation: int | None = None) -> Image.Exif:
    found = Image.Exif()
    found[0x010F] = "PhoneMaker"  # Make
    found[0xA431] = "SN-4711"  # BodySerialNumber
    found[0x0132] = "2024:05:14 09:12:00"  # DateTime
    found[0x8825] = GPS  # GPSInfo
    if orientation:
        found[0x0112] = orientation
    return found


def halves(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: shows which way a picture was turned."""
    image = Image.new(mode, (width, height))
    image.paste((200, 60, 40) + ((255,) if mode == "RGBA" else ()), (0, 0, width // 2, height))
    image.paste((40, 90, 200) + ((128,) if mode == "RGBA" else ()), (width // 2, 0, width, height))
    return image


def jpeg(width=300, height=200, orientation=None, **options) -> bytes:
    out = io.BytesIO()
    halves(width, height).save(out, "JPEG", quality=90, exif=exif(orientation), comment=b"Ivan Petrenko",
                               **options)
    return out.getvalue()


def png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ivan Petrenko")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>SN-4711</x:xmpmeta>")
    out = io.BytesIO()
    halves(120, 80, "RGBA").save(out, "PNG", pnginfo=info, exif=exif())
    data = out.getvalue()
    # tIME (last modification), before IEND, as an editing program writes it.
    time_chunk = b"tIME" + bytes([7, 232, 5, 14, 9, 12, 0])
    chunk = len(time_chunk[4:]).to_bytes(4, "big") + time_chunk + zlib.crc32(time_chunk).to_bytes(4, "big")
    return data[:-12] + chunk + data[-12:]


def webp(lossless: bool) -> bytes:
    out = io.BytesIO()
    halves(120, 80, "RGBA").save(out, "WEBP", lossless=lossless, exif=exif().tobytes(),
                                 xmp=b"<x:xmpmeta>Ivan Petrenko</x:xmpmeta>")
    return out.getvalue()


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGBA").tobytes()


ORIGINALS = {
    "images/2024/gps.jpg": jpeg(1600, 1000),  # a lead image
    "images/2024/progressive.jpg": jpeg(progressive=True, icc_profile=b""),  # linked with {static}
    "images/2024/turned.jpg": jpeg(orientation=6),  # a phone held upright; linked with {static}
    "images/2024/notes.png": png(),  # used by nothing: published as before, cleaned
    "images/2024/lossy.webp": webp(lossless=False),
    "images/2024/lossless.webp": webp(lossless=True),
    "files/2024/foto.jpg": jpeg(),  # an attachment
    "images/2026/later.jpg": jpeg(),  # only the scheduled item uses it
    "images/2026/plan.png": png(),  # only the scheduled item links it
    "images/2026/draft.png": png(),  # only a draft uses it
    "images/2026/both.jpg": jpeg(),  # the scheduled item and a published one
}
HELD = ("images/2026/later.jpg", "images/2026/plan.png", "images/2026/draft.png")


def make_site(root: Path) -> Site:
    site = Site(root)
    site.write("departments.yml", DEPARTMENTS)
    for path, data in ORIGINALS.items():
        site.write(path, data)
    body = ("Фото з телефона:\n\n![Сквер]({static}/images/2024/turned.jpg)\n\n"
            "![Сквер]({static}../../images/2024/progressive.jpg)\n\n[Мапа]({static}/images/2024/lossy.webp) "
            "і [ще]({static}/images/2024/lossless.webp)\n\n![Обидва]({static}/images/2026/both.jpg)\n")
    site.write("news/2024/skver.md", item(title="Сквер", slug="skver", image="images/2024/gps.jpg",
                                          image_alt="Сквер", body=body,
                                          attachments="\n  - {file: files/2024/foto.jpg, title: Фото}"))
    # Scheduled after the build clock (2026-01-01): its pictures wait for it.
    site.write("news/2026/later.md", item(title="Пізніше", date="2026-06-01 10:00", slug="later",
                                          image="images/2026/later.jpg", image_alt="Пізніше",
                                          body="![План]({static}/images/2026/plan.png) ![Обидва]({static}/images/2026/both.jpg)\n"))
    site.write("news/2024/draft.md", item(title="Чернетка", slug="draft", status="draft",
                                          image="images/2026/draft.png", image_alt="Чернетка"))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("originals")
    build = make_site(root).build("--cache-path", str(root / "cache"))
    assert build.returncode == 0, build.text
    return build


def published(build) -> dict[str, bytes]:
    return {path: (build.output / path).read_bytes() for path in ORIGINALS if (build.output / path).is_file()}


def test_no_camera_metadata_in_any_published_picture(built):
    found = published(built)
    assert sorted(found) == sorted(set(ORIGINALS) - set(HELD))
    for path, data in found.items():
        for secret in SECRETS:
            assert secret not in data, (path, secret)
        assert data != ORIGINALS[path]
        with Image.open(io.BytesIO(data)) as image:
            assert set(image.getexif()) <= ({0x0112} if path.endswith("turned.jpg") else set()), path
            kept = set(image.info) - ({"exif"} if path.endswith("turned.jpg") else set())
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "Author", "comment"} & kept, (path, image.info)
    assert b"eXIf" not in found["images/2024/notes.png"] and b"tIME" not in found["images/2024/notes.png"]
    assert b"tEXt" not in found["images/2024/notes.png"] and b"iTXt" not in found["images/2024/notes.png"]
    for name in ("lossy", "lossless"):
        data = found[f"images/2024/{name}.webp"]
        assert b"EXIF" not in data and b"XMP " not in data
        assert data[20] & 0x0C == 0, "VP8X still announces EXIF or XMP"
        assert int.from_bytes(data[4:8], "little") == len(data) - 8


def test_same_pixels_not_re_encoded(built):
    """Lossless: every picture decodes to exactly the pixels of the file the editor committed."""
    for path, data in published(built).items():
        assert pixels(data) == pixels(ORIGINALS[path]), path
    # The JPEG scan data is the editor's, byte for byte: nothing was encoded again.
    original, cleaned = ORIGINALS["images/2024/gps.jpg"], published(built)["images/2024/gps.jpg"]
    scan = original[original.index(b"\xff\xda"):]
    assert cleaned.endswith(scan)


def test_a_photo_taken_upright_keeps_only_its_orientation(built):
    data = published(built)["images/2024/turned.jpg"]
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {0x0112: 6}
        assert len(image.info["exif"]) == 32  # "Exif", one IFD entry: nothing else fits
        upright = ImageOps.exif_transpose(image)
        assert upright.size == (200, 300)
        red, _green, blue = upright.convert("RGB").getpixel((100, 20))
        assert red > 150 and blue < 100  # the red half is at the top


def test_a_photo_taken_upright_stands_up_in_a_real_browser(built, browser):
    """What a citizen sees opening /images/…/turned.jpg: Chromium turns it by the orientation we kept."""
    with serving(built.output) as base:
        page = browser.new_page(viewport={"width": 400, "height": 400})
        page.set_content(f'<body style="margin:0"><img id="i" src="{base}/images/2024/turned.jpg"></body>')
        page.wait_for_function("document.getElementById('i').complete && document.getElementById('i').naturalWidth")
        size = page.evaluate("[document.getElementById('i').naturalWidth, document.getElementById('i').naturalHeight]")
        shot = Image.open(io.BytesIO(page.screenshot(clip={"x": 0, "y": 0, "width": 200, "height": 300})))
        page.close()
        ran("browser", "Playwright")
    assert size == [200, 300]
    top, bottom = shot.convert("RGB").getpixel((100, 20)), shot.convert("RGB").getpixel((100, 280))
    assert top[0] > 150 and top[2] < 100, top  # red at the top
    assert bottom[2] > 150 and bottom[0] < 100, bottom  # blue at the bottom


def test_scheduled_pictures_wait_for_their_item(built, tmp_path):
    for path in HELD:
        assert not (built.output / path).exists(), path
    assert (built.output / "images/2026/both.jpg").is_file()  # a published item uses it too
    assert not [p for p in (built.output / "img").iterdir() if p.name.startswith("later-")]
    later = make_site(tmp_path).build("--cache-path", str(tmp_path / "cache"), epoch=AFTER_LATER)
    assert later.returncode == 0, later.text
    assert (later.output / "images/2026/later.jpg").is_file()
    assert (later.output / "images/2026/plan.png").is_file()
    assert not (later.output / "images/2026/draft.png").exists()  # a draft is never published
    assert published(later)["images/2026/later.jpg"] == published(built)["images/2026/both.jpg"]  # same bytes in


def test_two_builds_are_byte_identical(built, tmp_path):
    again = make_site(tmp_path).build("--cache-path", str(tmp_path / "cache"))
    assert again.returncode == 0, again.text
    assert published(again) == published(built)


def damaged_site(root: Path) -> Site:
    site = Site(root)
    site.write("departments.yml", DEPARTMENTS)
    whole = jpeg()
    site.write("images/2024/cut.jpg", whole[: len(whole) // 2])  # an upload that stopped half-way
    site.write("images/2024/stray.png", png()[:-30])  # used by nothing
    site.write("images/2024/fake.webp", b"<html><script>alert(1)</script></html>")
    site.write("news/2024/cut.md", item(title="Обрізане", slug="cut",
                                        body="Текст.\n\nФото:\n\n![Фото]({static}/images/2024/cut.jpg)\n"))
    site.write("news/2024/fake.md", item(title="Підробка", slug="fake", date="2024-05-13 10:00",
                                         body="[Мапа]({static}/images/2024/fake.webp)\n"))
    return site


def test_a_damaged_picture_stops_build_and_check_at_the_line_that_uses_it(tmp_path):
    site = damaged_site(tmp_path)
    build = site.build()
    assert build.returncode != 0 and "Traceback" not in build.text
    check = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(site.content)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    expected = [
        "images/2024/stray.png:1: зображення images/2024/stray.png пошкоджене: файл обривається посередині зображення",
        "news/2024/cut.md:11: зображення images/2024/cut.jpg пошкоджене: файл обривається посередині зображення",
        "news/2024/fake.md:7: файл images/2024/fake.webp не є зображенням JPEG, PNG чи WebP, хоч так названий (або пошкоджений)",
    ]
    for text in (build.text, check.stderr):
        found = sorted(line.strip().split(" — ")[0] for line in text.splitlines() if "зображенням" in line or "пошкоджене" in line)
        assert found == expected, text
    assert not (build.output / "images").exists()


def test_jpeg_segments_a_decoder_needs_stay():
    """ICC profile, Adobe's colour transform and the JFIF header stay; the JFIF thumbnail and an MPO's second
    picture after the end of the first go."""
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("CMYK", (40, 30), (0, 100, 200, 20)).save(out, "JPEG", icc_profile=icc, exif=exif())
    data = out.getvalue()
    cleaned = originals.clean_jpeg(data + jpeg(20, 10))  # a second picture glued after EOI, as MPO does
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.mode == "CMYK" and image.info["icc_profile"] == icc and "adobe" in image.info
        assert not image.getexif()
    assert pixels(cleaned) == pixels(data) and cleaned.endswith(b"\xff\xd9") and cleaned.count(b"\xff\xd8") == 1
    thumb = jpeg()
    jfif = thumb.index(b"JFIF\0") - 4
    with_thumbnail = (thumb[:jfif] + b"\xff\xe0\x00\x13JFIF\0\x01\x01\x00\x00\x01\x00\x01\x01\x01" + bytes(3)
                      + thumb[jfif + 18:])
    assert pixels(with_thumbnail) == pixels(thumb)
    assert b"\xff\xe0\x00\x10JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00" in originals.clean_jpeg(with_thumbnail)


def test_what_follows_the_picture_is_not_published():
    """A cropping tool that wrote the cropped PNG over the old file left the uncropped one after IEND
    ("aCropalypse"); a JPEG may carry stray bytes between segments, which decoders skip: both are dropped."""
    cropped, uncropped = png(), b"IDAT" + bytes(range(256)) * 40
    cleaned = originals.clean_png(cropped + uncropped)
    assert cleaned.endswith(b"IEND\xaeB`\x82") and uncropped not in cleaned
    assert pixels(cleaned) == pixels(cropped)
    data = jpeg()
    tables = data.index(b"\xff\xdb")
    with_junk = data[:tables] + b"\x00\x00junk" + data[tables:]
    assert pixels(with_junk) == pixels(data)
    assert b"junk" not in originals.clean_jpeg(with_junk)
    assert pixels(originals.clean_jpeg(with_junk)) == pixels(data)


@pytest.mark.parametrize("data", [jpeg(), png(), webp(True), webp(False)], ids=["jpeg", "png", "webp-ll", "webp"])
def test_every_cut_is_a_problem_never_a_crash(data):
    """Any prefix of a picture: cleaned bytes that decode, or a problem in Ukrainian; never an exception."""
    for end in range(0, len(data), max(1, len(data) // 200)):
        verdict = originals.clean("images/x", data[:end])
        assert isinstance(verdict, tuple) or pixels(verdict) is not None
        if isinstance(verdict, tuple):
            assert verdict[0].startswith(("зображення images/x пошкоджене", "файл images/x не є"))


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def with_camera_metadata(data: bytes) -> bytes:
    """The same picture, pixels untouched, with what a phone or an editing program adds: Exif with GPS, XMP,
    a comment or text chunks."""
    tiff = exif().tobytes()  # b"Exif\0\0" and the TIFF structure
    xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>Ivan Petrenko</x:xmpmeta>"
    if data.startswith(b"\xff\xd8"):
        segments = b""
        for marker, body in ((b"\xff\xe1", tiff), (b"\xff\xe1", b"http://ns.adobe.com/xap/1.0/\0" + xmp),
                             (b"\xff\xfe", b"Ivan Petrenko")):
            segments += marker + (len(body) + 2).to_bytes(2, "big") + body
        return data[:2] + segments + data[2:]
    assert data.startswith(b"\x89PNG"), "a demo picture of a kind this test does not dress: add it"
    chunks = (png_chunk(b"eXIf", tiff[6:]) + png_chunk(b"tEXt", b"Author\0Ivan Petrenko")
              + png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + xmp))
    return data[:-12] + chunks + data[-12:]


@pytest.mark.timeout(600)  # a whole build of the demo content
def test_the_demo_pictures_are_published_without_camera_metadata(tmp_path):
    """The demo's own pictures carry none, so a build of them cannot show cleaning: here each is given Exif
    with GPS, XMP and a comment or text chunks, and the stock build of the demo publishes them without."""
    import shutil

    from conftest import DEMO_EPOCH

    site = Site(tmp_path)
    shutil.copytree(ROOT / "content", site.content)
    dressed = {}
    for path in sorted(site.content.rglob("*")):
        if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"):
            original = path.read_bytes()
            path.write_bytes(with_camera_metadata(original))
            dressed[path.relative_to(site.content).as_posix()] = original
    assert len(dressed) >= 3, dressed.keys()
    for rel in dressed:  # the input carries every secret, as Pillow reads it
        data = (site.content / rel).read_bytes()
        assert b"PhoneMaker" in data and b"xmpmeta" in data and b"Ivan Petrenko" in data, rel
        with Image.open(io.BytesIO(data)) as image:
            assert image.getexif().get_ifd(0x8825) and image.getexif()[0x010F] == "PhoneMaker", rel
        assert pixels(data) == pixels(dressed[rel]), rel
    build = site.build(epoch=DEMO_EPOCH)
    assert build.returncode == 0, build.text[-3000:]
    for rel, original in dressed.items():
        out = build.output / rel
        assert out.is_file(), rel
        data = out.read_bytes()
        for secret in (*SECRETS, b"Exif\0\0", b"eXIf", b"tEXt", b"iTXt", b"http://ns.adobe.com/xap"):
            assert secret not in data, (rel, secret)
        with Image.open(out) as image:
            assert not image.getexif(), rel
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "Author", "comment"} & set(image.info), (rel, image.info)
        assert pixels(data) == pixels(original), rel
