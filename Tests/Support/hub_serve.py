"""A real `hub serve` on a free loopback port with a fresh data directory, and the `hub` CLI pointed at
it: what the Python suites (Tests/HuggingFaceClients, Tests/WebBrowser) share.

The server's data and output live in one temporary folder, removed by `stop()`. The server runs in a
process group of its own, so `stop()` reaches anything it started.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request


class HubError(AssertionError):
    """A `hub` command or request that should have succeeded did not."""


class HubServe:
    """`hub serve --port 0` on 127.0.0.1; `home` is the CLI's home (default: the server's folder)."""

    def __init__(self, binary, prefix, home=None):
        self.binary = os.path.abspath(binary)
        self.root = tempfile.mkdtemp(prefix=prefix)
        self.home = home or self.root
        self.data = os.path.join(self.root, "data")
        self.log_path = os.path.join(self.root, "serve.log")
        self.process = None
        self.url = None

    def start(self, arguments=(), timeout=120):
        """Starts the server from inside its folder (so no ./registry/catalogue seeds it) with the extra
        `arguments`, and waits until it answers `/healthz`."""
        out_path = os.path.join(self.root, "serve.out")
        with open(out_path, "wb") as out, open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", "0", *arguments],
                stdout=out, stderr=log, stdin=subprocess.DEVNULL, cwd=self.root, env=self.environment(),
                start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(out_path) as out:
                match = re.search(r"http://127\.0\.0\.1:\d+", out.read())
            if match:
                self.url = match.group(0)
                with urllib.request.urlopen(self.url + "/healthz", timeout=10) as answer:
                    if answer.status != 200:
                        raise HubError(f"/healthz answered {answer.status}")
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
        """A clean environment for `hub`: no registry, token, seed or Hugging Face setting from the
        caller's; the CLI's home and config in `home`."""
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith("HUB_") and not key.startswith("HF_")}
        environment["HOME"] = self.home
        environment["HUB_CONFIG"] = os.path.join(self.home, "config.json")
        return environment

    def create_token(self, user, scope="write"):
        """`hub admin token create`: a fresh token for `user` (scope read, write or admin)."""
        result = subprocess.run([self.binary, "admin", "token", "create", "--data", self.data, "--user", user,
                                 "--scope", scope], capture_output=True, text=True, env=self.environment())
        if result.returncode != 0:
            raise HubError(f"token create failed: {result.stderr}")
        return result.stdout.strip().splitlines()[-1]

    def cli(self, arguments, cache, token=None, check=True, timeout=900):
        """Runs `hub ARGUMENTS` against this server with the CLI cache `cache`; the finished process."""
        environment = self.environment()
        environment["HUB_REGISTRY"] = self.url or "http://127.0.0.1:1"
        environment["HUB_CACHE"] = cache
        if token:
            environment["HUB_TOKEN"] = token
        result = subprocess.run([self.binary, *arguments], capture_output=True, text=True, env=environment,
                                cwd=self.root, timeout=timeout)
        if check and result.returncode != 0:
            raise HubError(f"hub {' '.join(arguments)} exited with {result.returncode}:\n{result.stderr}")
        return result
