#!/usr/bin/env python3
"""Check that a screenshot of the main window is a real picture, not a blank or broken file.

    python packaging/check_screenshot.py out.png

Used by the installers' smoke tests (packaging/linux/smoke.sh, .github/workflows/packages.yml)
on the PNG that `virton-desktop --demo --screenshot out.png` wrote. Exit code 0 when the image
is at least 800x500 and has at least 16 distinct colours on a 7-pixel grid (a blank or
single-colour window has one or two).
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage  # noqa: E402


def main(path: str) -> int:
    image = QImage(path)
    if image.isNull():
        print("check_screenshot: {0} is not a readable image".format(path), file=sys.stderr)
        return 1
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    print("check_screenshot: {0}x{1}, {2} colours sampled".format(image.width(), image.height(), len(colours)),
          file=sys.stderr)
    if image.width() < 800 or image.height() < 500:
        print("check_screenshot: too small", file=sys.stderr)
        return 1
    if len(colours) < 16:
        print("check_screenshot: blank (fewer than 16 colours)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
