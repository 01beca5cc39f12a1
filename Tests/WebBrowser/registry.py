"""A real `hub serve` on a free loopback port with a fresh data directory, and the `hub` CLI pointed at it.

The server's data and output live in one temporary folder, removed by `stop()`; the CLI's home is
given (several registries share one). The server runs in a process group of its own, so `stop()` reaches anything it started.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


class HubError(AssertionError):
    """A `hub` command or request that should have succeeded did not."""


class Registry:
    """`hub serve --port 0` on 127.0.0.1, seeded with a catalogue, optionally `--private`."""

    def __init__(self, binary, label, cli_home):
        self.binary = os.path.abspath(binary)
        self.cli_home = cli_home
        self.root = tempfile.mkdtemp(prefix=f"hub-web-{label}-")
        self.data = os.path.join(self.root, "data")
        self.log_path = os.path.join(self.root, "serve.log")
        self.process = None
        self.url = None

    def start(self, seed, private=False, timeout=120):
        """Starts the server from inside the temporary folder and waits for `/healthz`."""
        out_path = os.path.join(self.root, "serve.out")
        with open(out_path, "wb") as out, open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", "0",
                 "--seed", seed] + (["--private"] if private else []),
                stdout=out, stderr=log, stdin=subprocess.DEVNULL, cwd=self.root, env=self.environment(),
                start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(out_path) as out:
                match = re.search(r"http://127\.0\.0\.1:\d+", out.read())
            if match:
                self.url = match.group(0)
                status, _, _ = self.request("GET", "/healthz")
                if status != 200:
                    raise HubError(f"/healthz answered {status}")
                return self
            if self.process.poll() is not None:
                raise HubError(f"hub serve exited with {self.process.returncode}: {self.log()}")
            time.sleep(0.1)
        raise HubError(f"hub serve did not print its address within {timeout} s")

    def stop(self, keep=False):
        """Stops the server (SIGTERM, SIGKILL to its group after 20 s); removes the folder unless `keep`."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def log(self):
        """The server's log so far (its last 4,000 characters)."""
        with open(self.log_path, errors="replace") as log:
            return log.read()[-4000:]

    def environment(self):
        """A clean environment for `hub`: no registry, token or seed from the caller's; the CLI's home,
        config and cache in `cli_home` (shared by the registries of one run, so a model fine-tuned
        once can be pushed to each)."""
        environment = {key: value for key, value in os.environ.items() if not key.startswith("HUB_")}
        environment["HOME"] = self.cli_home
        environment["HUB_CONFIG"] = os.path.join(self.cli_home, "config.json")
        environment["HUB_CACHE"] = os.path.join(self.cli_home, "cache")
        return environment

    def create_token(self, user, scope="write"):
        """`hub admin token create`: a fresh token for `user`."""
        result = subprocess.run([self.binary, "admin", "token", "create", "--data", self.data, "--user", user,
                                 "--scope", scope], capture_output=True, text=True, env=self.environment())
        if result.returncode != 0:
            raise HubError(f"token create failed: {result.stderr}")
        return result.stdout.strip().splitlines()[-1]

    def run(self, *arguments, token=None, timeout=600):
        """Runs `hub ARGUMENTS` against this server; its standard output."""
        environment = self.environment()
        environment["HUB_REGISTRY"] = self.url
        if token:
            environment["HUB_TOKEN"] = token
        result = subprocess.run([self.binary, *arguments], capture_output=True, text=True, env=environment,
                                cwd=self.root, timeout=timeout)
        if result.returncode != 0:
            raise HubError(f"hub {' '.join(arguments)} exited with {result.returncode}:\n{result.stderr}")
        return result.stdout

    def request(self, method, path, body=None, token=None, headers=None):
        """One HTTP request (no redirects followed): (status, headers with lowercase names, body bytes)."""
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as answer:
                return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()

    def json(self, path, token=None):
        """GET `path` as JSON; fails unless 200."""
        status, _, body = self.request("GET", path, token=token)
        if status != 200:
            raise HubError(f"GET {path} answered {status}: {body[:300]!r}")
        return json.loads(body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments, **keywords):
        return None
