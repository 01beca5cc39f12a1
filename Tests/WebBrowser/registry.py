"""A real `hub serve` seeded with a catalogue (optionally `--private`), and the `hub` CLI pointed at it.

The server's data and output live in one temporary folder, removed by `stop()`; the CLI's home is
given (several registries share one, so a model fine-tuned once can be pushed to each).
"""
import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))

from hub_serve import HubError, HubServe  # noqa: E402  (after the path is set)

__all__ = ["HubError", "Registry"]


class Registry(HubServe):
    """`hub serve --port 0` on 127.0.0.1, seeded with a catalogue, optionally `--private`."""

    def __init__(self, binary, label, cli_home):
        super().__init__(binary, prefix=f"hub-web-{label}-", home=cli_home)

    def start(self, seed, private=False, timeout=120):
        """Starts the server and waits for `/healthz`."""
        return super().start(["--seed", seed] + (["--private"] if private else []), timeout=timeout)

    def run(self, *arguments, token=None, timeout=600):
        """Runs `hub ARGUMENTS` against this server (cache in the shared CLI home); its standard output."""
        return self.cli(arguments, os.path.join(self.home, "cache"), token=token, timeout=timeout).stdout

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
