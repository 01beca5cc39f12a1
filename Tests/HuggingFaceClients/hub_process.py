"""The real `hub` binary: a `hub serve` on a free loopback port, and CLI runs against it.

Everything lives in one temporary folder (data directory, the CLI's cache and config, the server's
output), removed by `stop()`. The server logs one line per request (`[HubServer] GET /hf/... 200 ...`);
`requests_since(mark)` reads them, which is how tests count what a client sent.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))

from hub_serve import HubServe  # noqa: E402  (after the path is set)

REQUEST_LINE = re.compile(r"\[HubServer\] (GET|HEAD|POST|PUT|PATCH|DELETE) (\S+) (\d{3})")


class HubServer(HubServe):
    """`hub serve --port 0` on 127.0.0.1 with a fresh data directory, and the `hub` CLI pointed at it."""

    def __init__(self, binary):
        super().__init__(binary, prefix="hub-hf-clients-")

    def start(self, seed=None, timeout=120):
        """Starts the server, loading the seed catalogue `seed` (a folder) first when given."""
        return super().start(["--seed", seed] if seed else [], timeout=timeout)

    @property
    def hf_endpoint(self):
        """What users set as HF_ENDPOINT."""
        return self.url + "/hf"

    def run(self, *arguments, token=None, cache=None, check=True, timeout=900):
        """Runs `hub ARGUMENTS` against this server with its own cache (default: the shared CLI cache)."""
        return self.cli(arguments, cache or os.path.join(self.root, "cli-cache"), token=token, check=check,
                        timeout=timeout)

    def log_mark(self, settle=0.5):
        """The end of the request log once earlier responses are logged, for `requests_since`."""
        time.sleep(settle)
        return os.path.getsize(self.log_path)

    def requests_since(self, mark, settle=0.5):
        """(method, path, status) of every request logged after `mark`, under /hf/ or not.

        Waits `settle` seconds first: the server writes a line when the response is complete.
        """
        time.sleep(settle)
        with open(self.log_path, "rb") as log:
            log.seek(mark)
            text = log.read().decode("utf-8", "replace")
        return [match.groups() for match in REQUEST_LINE.finditer(text)]
