"""An item's lead image (`image:` + `image_alt:`): judged as untrusted input, then resized for the web.

A file an editor commits may be anything: a photo straight from a 50-megapixel camera, a decompression bomb
(a few kilobytes that unpack to gigabytes), a truncated upload, an HTML page named .jpg. `Pictures.check`
reads each lead image once — size on disk, what the bytes really are, pixels from the header before any
decoding, then a full decode — and turns every failure into a Problem at the item's `image:` line. `check`,
`build` and plain `pelican` all call it from `scan.site_problems`, so they agree.

What passes is published as `img/NAME-DIGEST-WIDTH.EXT`: widths 480, 960 and 1440 px (never wider than the
original), each as WebP and in the original's format (JPEG or PNG; a WebP original gives WebP only). The
digest is of the original's bytes and of `ENCODING` below, so a name changes exactly when its bytes would,
and the encoder settings are fixed: the same original gives byte-identical files on every build (with the
pinned Pillow, whose wheel bundles the codecs). EXIF is dropped (it holds GPS positions and camera serial
numbers); the ICC colour profile is kept, because without it colours shift; the EXIF orientation is applied
first so a phone photo stands up.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from urllib.parse import unquote

from ..content.checks import resolve_link
from ..common.model import Item
from ..common.problems import Problem
from ..navigation.slugs import slugify

WIDTHS = (480, 960, 1440)
FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}  # extension → what the bytes must be
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "BMP": "BMP", "TIFF": "TIFF", "MPO": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel camera; 8,000 × 6,250
MAX_SIDE = 12_000
OUTPUT = "img"
# Everything that decides the bytes of a resized file: part of its name, so new settings make new names.
ENCODING = "v1 lanczos jpeg:q82,progressive,optimize webp:q80,m3 png:z6"

FIX_TYPE = "збережіть зображення як JPEG (.jpg, для фото), PNG (.png) або WebP (.webp)"


@dataclass(frozen=True)
class Original:
    """A lead image that passed: its size after the EXIF rotation, its format and its digest."""

    path: str  # content-relative, e.g. "images/2026/skver.jpg"
    width: int
    height: int
    format: str  # "JPEG", "PNG" or "WEBP"
    digest: str  # 12 hex digits of the original's bytes and ENCODING


@dataclass(frozen=True)
class Variant:
    url: str  # site-relative: "img/skver-1a2b3c4d5e6f-960.webp"
    width: int
    height: int
    format: str

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class Picture:
    """What a page needs to show a lead image: the variants, its size, its text alternative."""

    alt: str
    width: int  # of the largest variant: <img width/height> keep the space before the file arrives
    height: int
    webp: tuple[Variant, ...]
    fallback: tuple[Variant, ...]  # the original's format (JPEG or PNG); WebP for a WebP original

    @property
    def src(self) -> Variant:
        """The fallback for browsers without srcset: the middle size."""
        return self.fallback[min(1, len(self.fallback) - 1)]

    @property
    def largest(self) -> Variant:
        """For Open Graph and JSON-LD: widely read formats (JPEG or PNG) at the largest size."""
        return self.fallback[-1]



def lead_path(image: str) -> str:
    """An item's `image:` as a content-relative path ("/images/a.jpg" and "images/./a.jpg" are "images/a.jpg")."""
    return posixpath.normpath(image.lstrip("/"))


def widths(original_width: int) -> tuple[int, ...]:
    """480, 960, 1440 — those narrower than the original, and the original's own width when it is under 1440."""
    found = [w for w in WIDTHS if w < original_width]
    if original_width <= WIDTHS[-1]:
        found.append(original_width)
    return tuple(found)


def variants(original: Original) -> tuple[tuple[Variant, ...], tuple[Variant, ...]]:
    stem = slugify(posixpath.splitext(posixpath.basename(original.path))[0])[:40].strip("-") or "image"
    formats = ("WEBP",) if original.format == "WEBP" else ("WEBP", original.format)
    made = {f: [] for f in formats}
    for width in widths(original.width):
        height = max(1, round(original.height * width / original.width))
        for f in formats:
            made[f].append(Variant(f"{OUTPUT}/{stem}-{original.digest}-{width}.{EXTENSIONS[f]}", width, height, f))
    return tuple(made["WEBP"]), tuple(made[original.format])


def picture(original: Original, alt: str) -> Picture:
    webp, fallback = variants(original)
    return Picture(alt, fallback[-1].width, fallback[-1].height, webp, fallback)


def inspect(path: str, data: bytes) -> Original | tuple[str, str]:
    """The original, or (what is wrong, how to fix it) in Ukrainian. Never raises on any bytes."""
    from PIL import Image, ImageOps

    extension = posixpath.splitext(path)[1].lstrip(".").lower()
    expected = FORMATS.get(extension)
    if expected is None:
        return (f"головним зображенням (image) може бути JPEG, PNG або WebP, а не .{extension or '(без розширення)'}",
                FIX_TYPE + "; SVG і GIF можна вставити в текст матеріалу")
    if len(data) > MAX_BYTES:
        return too_many_bytes(path, data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Only these decoders are tried: not Pillow's ~40 formats, each one more parser to attack.
            with Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"]) as image:
                found = "JPEG" if image.format == "MPO" else image.format
                width, height = image.size
                if found != expected:
                    return (f"файл {path} має розширення .{extension}, але всередині {NAMES.get(found, found)}",
                            f"збережіть зображення як {NAMES[expected]} або дайте файлу розширення .{EXTENSIONS.get(found, '…')}"
                            if found in EXTENSIONS else FIX_TYPE)
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    return too_many_pixels(path, width, height)
                image.load()  # the whole decode: a truncated or corrupt file fails here, not while resizing
                upright = ImageOps.exif_transpose(image)
                width, height = upright.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return too_many_pixels(path)
        except Image.UnidentifiedImageError:
            return (f"файл {path} не є зображенням JPEG, PNG чи WebP (або пошкоджений)",
                    "відкрийте його в редакторі зображень і збережіть знову як .jpg або .png")
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as error:
            return (f"зображення {path} пошкоджене: його не вдається прочитати до кінця ({type(error).__name__})",
                    "збережіть зображення знову або завантажте файл ще раз")
    return Original(path, width, height, expected, digest_of(path, data))


def too_many_bytes(path: str, data: bytes) -> tuple[str, str]:
    """The limits' words, one place for a lead image and a body's picture."""
    return (f"файл {path} завеликий ({len(data) // (1024 * 1024)} МБ, можна до {MAX_BYTES // (1024 * 1024)} МБ)",
            "зменште зображення до 3000 пікселів завширшки або збережіть його з меншою якістю")


def too_many_pixels(path: str, width: int | None = None, height: int | None = None) -> tuple[str, str]:
    """Over the pixel or side limit (width and height read from the header), or a decompression bomb (none)."""
    if width is None or height is None:
        return (f"зображення {path} завелике для розпакування (понад {MAX_PIXELS // 1_000_000} мегапікселів)",
                "зменште його до 3000 пікселів завширшки")
    return (f"зображення {path} завелике: {width} × {height} пікселів (можна до "
            f"{MAX_PIXELS // 1_000_000} мегапікселів і {MAX_SIDE} пікселів з боку)",
            "зменште його до 3000 пікселів завширшки")


BODY_FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "AVIF"]  # what a body may show (<img>), besides SVG


def size_problem(path: str, data: bytes) -> tuple[str, str] | None:
    """A picture shown in a body (`<img src="{static}/…">`) is decoded by every reader's browser, not by us:
    the same limits as a lead image (bytes, pixels, a side), read from its header; None when within them or
    not a picture Pillow knows (what the bytes are is judged in domain/media/originals.py)."""
    from PIL import Image

    if len(data) > MAX_BYTES:
        return too_many_bytes(path, data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=BODY_FORMATS) as image:
                width, height = image.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return too_many_pixels(path)
        except Exception:  # noqa: BLE001 — not a picture Pillow reads: whatever it is, it is judged elsewhere
            return None
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        return too_many_pixels(path, width, height)
    return None


def digest_of(path: str, data: bytes) -> str:
    """Of the bytes, the extension (the same bytes named .png are judged again), the encoder settings and
    Pillow's version (which decides both the verdict and the resized bytes)."""
    from PIL import __version__ as pillow

    extension = posixpath.splitext(path)[1].lower()
    return hashlib.sha256(data + f"\0{extension}\0{ENCODING}\0{pillow}".encode()).hexdigest()[:12]


def render(data: bytes, wanted: Iterable[Variant]) -> dict[Variant, bytes]:
    """The resized files of one original, decoded once; deterministic: fixed encoder settings, no EXIF,
    no time stamps."""
    from PIL import Image, ImageOps

    made = {}
    with Image.open(io.BytesIO(data)) as opened:
        icc = opened.info.get("icc_profile")
        upright = ImageOps.exif_transpose(opened)
        alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
        upright = upright.convert("RGBA" if alpha else "RGB")
        extra = {"icc_profile": icc} if icc else {}
        sized = {}
        for variant in wanted:
            size = (variant.width, variant.height)
            if size not in sized:
                sized[size] = upright if upright.size == size else upright.resize(size, Image.Resampling.LANCZOS)
            image, out = sized[size], io.BytesIO()
            if variant.format == "WEBP":
                image.save(out, "WEBP", quality=80, method=3, **extra)  # 4: as small, up to 1.7× slower
            elif variant.format == "JPEG":
                image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True, **extra)
            else:
                image.save(out, "PNG", compress_level=6, **extra)  # "optimize" took 2.5 s for a photo
            made[variant] = out.getvalue()
    return made


def judge(path: str, data: bytes, passed: dict | None = None) -> Original | tuple[str, str]:
    """A lead image's verdict: the original, or (what is wrong, how to fix it); `passed`: digest → (width,
    height, format) of originals an earlier build passed, not decoded again."""
    digest = digest_of(path, data)
    if passed and digest in passed:
        width, height, format_ = passed[digest]
        return Original(path, width, height, format_, digest)
    return inspect(path, data)


LEAD = "lead image"  # what Pictures.check remembers a lead image's verdict as


def now(_path: str, _what: str, compute: Callable[[], object]) -> object:
    """A `remember` that remembers nothing: every verdict is computed (a full build reads each file once)."""
    return compute()


@dataclass
class Pictures:
    """The lead images of one build or check: each file read and judged once, whatever uses it."""

    read: Callable[[str], bytes | None]  # content-relative path → bytes, None when there is no such file
    # digest → (width, height, format) of originals that passed in an earlier build (adapters/content/images.py
    # keeps it with the resized files): the same bytes under the same name are not decoded again.
    passed: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    originals: dict[str, Original] = field(default_factory=dict)
    failed: dict[str, tuple[str, str]] = field(default_factory=dict)
    # remember(path, what, compute): a verdict that depends on the file at `path` alone, made by compute()
    # or kept from an earlier build of the same file (the live preview keeps them while the file is unchanged).
    remember: Callable[[str, str, Callable[[], object]], object] = now
    # path → the file's first bytes (domain/media/originals.py sniffs every published file); None: from `read`.
    head: Callable[[str], bytes | None] | None = None

    def check(self, items: Iterable[Item]) -> list[Problem]:
        problems = []
        for item in items:
            problems += self._body_pictures(item)
            if not item.image:
                continue
            path = lead_path(item.image)
            line = item.line_of("image")
            if path.split("/", 1)[0] != "images" or path.startswith(".."):
                problems.append(Problem(item.source, line, f"зображення {item.image} лежить поза текою images/",
                                        "покладіть його в content/images/ і напишіть image: images/рік/назва.jpg"))
                continue
            if path not in self.originals and path not in self.failed:
                found = self.remember(path, LEAD, lambda: self._judge(path))
                if found is None:
                    problems.append(Problem(item.source, line, f"файлу {path} немає",
                                            "перевірте назву та теку або додайте файл до репозиторію"))
                    continue
                if isinstance(found, Original):
                    self.passed[found.digest] = (found.width, found.height, found.format)
                    self.originals[path] = found
                else:
                    self.failed[path] = found
            if path in self.failed:
                message, fix = self.failed[path]
                problems.append(Problem(item.source, line, message, fix))
        return problems

    def _body_pictures(self, item: Item) -> list[Problem]:
        """The pictures a body shows (`<img src="{static}/…">`), held to the lead image's limits."""
        problems = []
        for link in item.links:
            if link.kind != "static" or link.element != "img":
                continue
            path = resolve_link(item.source, unquote(link.target.split("#", 1)[0].split("?", 1)[0]))
            if path.startswith("..") or posixpath.splitext(path)[1].lower() == ".svg":
                continue  # the link check names it; an SVG has its own limits (domain/media/svg.py)
            found = self.remember(path, "body picture", lambda: self._size(path))
            if found is not None:
                problems.append(Problem(item.source, link.line, *found))
        return problems

    def _size(self, path: str) -> tuple[str, str] | None:
        data = self.read(path)
        return None if data is None else size_problem(path, data)

    def _judge(self, path: str) -> Original | tuple[str, str] | None:
        """The file at path as a lead image (None: there is no such file)."""
        data = self.read(path)
        if data is None:
            return None
        return judge(path, data, self.passed)
