#!/usr/bin/env python3
"""Render the application icon's PNG sizes and the Windows .ico from the SVG.

    python packaging/make_icons.py

Reads  virton_desktop/resources/icons/virton-desktop.svg
Writes virton_desktop/resources/icons/hicolor/<N>x<N>/apps/virton-desktop.png (N = SIZES)
       virton_desktop/resources/icons/virton-desktop.ico (16..256: bitmaps, 256 as PNG)

The outputs are committed; run this again after changing the SVG. Rendering uses Qt's
QSvgRenderer (offscreen, no display needed). The .ico container is written here rather than
with QImageWriter, whose ico handler stores one image per file: Windows wants several sizes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "virton_desktop" / "resources" / "icons"
SVG = ICONS / "virton-desktop.svg"
NAME = "virton-desktop"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's usual application sizes
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can describe


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """An icon entry as a 32-bit bitmap: BITMAPINFOHEADER, BGRA rows bottom-up, empty AND mask.

    The classic form every Windows tool reads (resource editors, Inno Setup's SetupIconFile);
    only the 256 px entry is PNG, as Windows itself does it.
    """
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # little-endian memory: B, G, R, A
    width, height = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = [bytes(image.constScanLine(y))[:width * 4] for y in range(height - 1, -1, -1)]
    mask = b"\0" * (((width + 31) // 32) * 4 * height)  # transparency comes from the alpha channel
    return header + b"".join(rows) + mask


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """An ICONDIR with one entry per size: bitmaps below 256 px, PNG at 256 px."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = 6 + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = png_bytes(images[size]) if size >= 256 else dib_bytes(images[size])
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage text/fonts need it)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in sorted(set(SIZES) | set(ICO_SIZES))}
    for size in SIZES:
        out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(png_bytes(images[size]))
        print(out.relative_to(ROOT))
    ico = ICONS / f"{NAME}.ico"
    ico.write_bytes(ico_bytes({s: images[s] for s in ICO_SIZES}))
    print(ico.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
