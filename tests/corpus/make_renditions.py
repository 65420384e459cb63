"""Regenerate the corpus's generated renditions (form generated-docx / generated-pdf in labels.yaml).

    python tests/corpus/make_renditions.py

Only for texts whose documents were published or drafted as Word or PDF files that we do not have: the text is
kept line for line (a paragraph per line in Word; in the PDF wrapped at a fixed width, with the spaces around
digits and the page numbers that PDF text extraction gives), using the builders the other tests use.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.fixtures import docx_bytes, pdf_bytes  # noqa: E402

HERE = Path(__file__).resolve().parent

#: rendition → source text (relative to this folder)
RENDITIONS = {
    "gen-fz-2022-town-gaoguan.docx": "../../seeds/000_483c4875cc33e971.txt",
    "gen-fz-2020-town-taigong.docx": "../../seeds/003_f21613d978145004.txt",
    "gen-xxgk-2023-town-yangliu.pdf": "xxgk-2023-town-yangliu.txt",
}


def main() -> None:
    for name, source in RENDITIONS.items():
        lines = (HERE / source).read_text(encoding="utf-8").splitlines()
        data = docx_bytes(lines, table=False) if name.endswith(".docx") else pdf_bytes(lines)
        (HERE / name).write_bytes(data)
        print(f"{name} ← {source}")


if __name__ == "__main__":
    main()
