"""A ReportDocument as PDF: our Word file converted by LibreOffice (headless, `libreoffice-writer-nogui`).

Why LibreOffice rather than WeasyPrint or Chromium printing the web page: the PDF is then the Word
document itself — the same page breaks, page numbers, signature table and appendix — not a third
layout to keep in step; its PDF export embeds the fonts, writes a tagged PDF (PDF/UA) with the
document's title and language (uk-UA, from the .docx); and it installs on a fresh Debian machine from
apt. It takes a few seconds to start, so PDFs are made on request (`invoke report --format pdf`), not
in every build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile

INSTALL = "apt-get install libreoffice-writer-nogui"
EXPORT = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "UseLosslessCompression": {"type": "boolean", "value": "true"},
}


class PdfError(RuntimeError):
    pass


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx_paths: list[str], folder: str, timeout: int = 600) -> list[str]:
    """PDFs beside each other in `folder`, one per .docx, named as the .docx; one LibreOffice run."""
    binary = office()
    if binary is None:
        raise PdfError(f"для PDF потрібен LibreOffice: встановіть його ({INSTALL}) і повторіть")
    os.makedirs(folder, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="visnyk-lo-") as profile:
        command = [
            binary, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
            "--convert-to", "pdf:writer_pdf_Export:" + json.dumps(EXPORT, separators=(",", ":")),
            "--outdir", folder, *docx_paths,
        ]
        env = {**os.environ, "HOME": profile, "SAL_USE_VCLPLUGIN": "svp"}
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    made = [os.path.join(folder, os.path.splitext(os.path.basename(p))[0] + ".pdf") for p in docx_paths]
    missing = [p for p in made if not os.path.isfile(p)]
    if proc.returncode != 0 or missing:
        raise PdfError(f"LibreOffice не створив {', '.join(missing) or 'PDF'}: {proc.stderr.strip()[-500:]}")
    return made
