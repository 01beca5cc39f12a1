"""Runs the browser tests (test_*.py here, plain unittest) against one `Scene`, stopped at the end.

    python3 Tests/WebBrowser/run.py HUB_BINARY SEED_CATALOGUE [unittest options, e.g. -k xss]

$HUB_WEB_SCREENSHOTS: where screenshots go (default: a temporary folder, removed at the end;
`make web-screenshots` sets docs/web). HUB_WEB_KEEP=1 keeps the servers' folders for inspection.
"""
import os
import shutil
import signal
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import support  # noqa: E402  (after the path is set)
from scene import Scene  # noqa: E402


def main(arguments):
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary, seed, options = arguments[0], arguments[1], arguments[2:]
    screenshots = os.environ.get("HUB_WEB_SCREENSHOTS")
    scratch = None
    if not screenshots:
        scratch = tempfile.mkdtemp(prefix="hub-web-screenshots-")
        screenshots = scratch
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwinds through the finally below
    started = time.monotonic()
    scene = Scene(binary, seed, os.path.abspath(screenshots), keep=os.environ.get("HUB_WEB_KEEP") == "1")
    try:
        support.scene = scene.start()
        print(f"scene ready in {scene.timings['scene']:.1f} s (hub finetune {scene.timings['hub finetune']:.1f} s, "
              f"{scene.browser.version}) at {scene.public.url}", flush=True)
        program = unittest.main(module=None, argv=["web-test", "discover", "-s", HERE, "-t", HERE, *options],
                                exit=False, verbosity=2)
        result = program.result
        ok = result.wasSuccessful() and result.testsRun > 0
    finally:
        scene.stop()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"web test: {'passed' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
