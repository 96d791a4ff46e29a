"""PyInstaller runtime hook: the bundled graphviz-pure `dot` sits in the bundle's folder of
libraries; put it on PATH so the layout finds it as it finds an installed one."""

import os
import sys

os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")  # noqa: SLF001
