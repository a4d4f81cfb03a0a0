"""`virton_desktop.pve` is plain Python: importing every module of it loads no Qt at all."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# In a fresh interpreter (this one has Qt loaded already): import each module of the package,
# then list what of Qt and its binding generator is in sys.modules.
PROBE = """
import importlib, json, pkgutil, sys
import virton_desktop.pve as pve
names = [m.name for m in pkgutil.iter_modules(pve.__path__, pve.__name__ + ".")]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(json.dumps({"file": pve.__file__, "imported": names, "qt": qt}))
"""


def test_importing_every_pve_module_loads_no_pyside6():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    assert Path(found["file"]).is_relative_to(ROOT)  # this checkout, not an installed copy
    assert "virton_desktop.pve.errors" in found["imported"] and len(found["imported"]) > 10
    assert found["qt"] == [], "pve/ loaded Qt: {0}".format(found["qt"])
