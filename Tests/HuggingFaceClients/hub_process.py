"""The real `hub` binary: a `hub serve` on a free loopback port, and CLI runs against it.

Everything lives in one temporary folder (data directory, the CLI's cache and config, the server's
output), removed by `stop()`. The server logs one line per request (`[HubServer] GET /hf/... 200 ...`);
`requests_since(mark)` reads them, which is how tests count what a client sent.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

REQUEST_LINE = re.compile(r"\[HubServer\] (GET|HEAD|POST|PUT|PATCH|DELETE) (\S+) (\d{3})")


class HubError(AssertionError):
    """A `hub` command that should have succeeded did not."""


class HubServer:
    """`hub serve --port 0` on 127.0.0.1 with a fresh data directory, and the `hub` CLI pointed at it."""

    def __init__(self, binary, root=None):
        self.binary = os.path.abspath(binary)
        self.root = root or tempfile.mkdtemp(prefix="hub-hf-clients-")
        self.data = os.path.join(self.root, "data")
        self.log_path = os.path.join(self.root, "serve.log")
        self.process = None
        self.url = None

    def start(self, seed=None, timeout=120):
        """Starts the server from inside the temporary folder (so no ./registry/catalogue seeds it),
        loading the seed catalogue `seed` (a folder) first when given."""
        out_path = os.path.join(self.root, "serve.out")
        environment = self.base_environment()
        with open(out_path, "wb") as out, open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", "0"]
                + (["--seed", seed] if seed else []),
                stdout=out, stderr=log, stdin=subprocess.DEVNULL, cwd=self.root, env=environment)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(r"http://127\.0\.0\.1:\d+", open(out_path).read())
            if match:
                self.url = match.group(0)
                with urllib.request.urlopen(self.url + "/healthz", timeout=10) as answer:
                    assert answer.status == 200
                return self
            if self.process.poll() is not None:
                raise HubError(f"hub serve exited with {self.process.returncode}: {open(self.log_path).read()}")
            time.sleep(0.1)
        raise HubError(f"hub serve did not print its address within {timeout} s")

    def stop(self, keep=False):
        """Stops the server (SIGTERM, then SIGKILL after 20 s) and removes the folder unless `keep`."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)

    @property
    def hf_endpoint(self):
        """What users set as HF_ENDPOINT."""
        return self.url + "/hf"

    def base_environment(self):
        """A clean environment for `hub`: no registry, token or seed from the caller's."""
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith("HUB_") and not key.startswith("HF_")}
        environment["HOME"] = self.root
        environment["HUB_CONFIG"] = os.path.join(self.root, "config.json")
        return environment

    def create_token(self, user, scope="write"):
        """`hub admin token create`: a fresh token for `user` (scope read, write or admin)."""
        result = subprocess.run([self.binary, "admin", "token", "create", "--data", self.data, "--user", user,
                                 "--scope", scope], capture_output=True, text=True, env=self.base_environment())
        if result.returncode != 0:
            raise HubError(f"token create failed: {result.stderr}")
        return result.stdout.strip().splitlines()[-1]

    def run(self, *arguments, token=None, cache=None, check=True, timeout=900):
        """Runs `hub ARGUMENTS` against this server with its own cache (default: the shared CLI cache)."""
        environment = self.base_environment()
        environment["HUB_REGISTRY"] = self.url or "http://127.0.0.1:1"
        environment["HUB_CACHE"] = cache or os.path.join(self.root, "cli-cache")
        if token:
            environment["HUB_TOKEN"] = token
        result = subprocess.run([self.binary, *arguments], capture_output=True, text=True, env=environment,
                                cwd=self.root, timeout=timeout)
        if check and result.returncode != 0:
            raise HubError(f"hub {' '.join(arguments)} exited with {result.returncode}:\n{result.stderr}")
        return result

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
