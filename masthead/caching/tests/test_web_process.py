"""A web worker loads only what serving pages needs: the voice engine (numpy, Piper, lameenc) stays out."""

import os
import subprocess
import sys

from masthead.caching.varnish import ROOT

HEAVY = ("numpy", "piper", "onnxruntime", "lameenc", "moto", "playwright")


def test_the_wsgi_application_does_not_import_the_voice_engine(tmp_path):
    code = (
        "import sys\nfrom masthead.wsgi import application\n"
        f"print(sorted(name for name in {HEAVY!r} if name in sys.modules))\n"
    )
    env = {**os.environ, "MASTHEAD_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "masthead.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
