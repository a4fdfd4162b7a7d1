"""Make every icon file from resources/mentordesk.svg:

    uv run python resources/make_icons.py

writes resources/icons/mentordesk-<size>.png (16 … 1024), resources/mentordesk.ico
(Windows: 16–256) and resources/mentordesk.icns (macOS: 16–1024). The SVG is drawn
with Qt's SVG renderer (PySide6, already a dependency); Pillow (installed with
reportlab) writes the .ico and .icns. Commit the outputs: the builds use them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "mentordesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_pngs(out_dir: Path) -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"mentordesk-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        written[size] = path
    return written


def main() -> int:
    from PIL import Image

    pngs = render_pngs(HERE / "icons")
    largest = Image.open(pngs[1024])
    largest.save(HERE / "mentordesk.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(HERE / "mentordesk.icns")  # Pillow writes every size up to 1024 (@2x)
    print(f"Wrote {len(pngs)} PNGs, mentordesk.ico and mentordesk.icns in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
