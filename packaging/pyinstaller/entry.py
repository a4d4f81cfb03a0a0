"""Entry point of the PyInstaller bundle (Linux and Windows).

`virton-desktop --demo` starts the demo cluster as `sys.executable -m virton_desktop.demo ...`
(see demo_process.py). In a bundle `sys.executable` is this program, not a Python
interpreter, so that one command line is recognised here and served by the demo module;
everything else is the app.
"""

import os
import sys


def _run_demo_child(argv: list[str]) -> int:
    if sys.stdout is None:  # a windowed (no console) Windows build has no sys.stdout; the pipe is fd 1
        sys.stdout = os.fdopen(1, "w", encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = os.fdopen(2, "w", encoding="utf-8")
    from virton_desktop.demo.__main__ import main as demo_main

    return demo_main(argv)


if __name__ == "__main__":
    if sys.argv[1:3] == ["-m", "virton_desktop.demo"]:
        sys.exit(_run_demo_child(sys.argv[3:]))
    from virton_desktop.app import main

    sys.exit(main())
