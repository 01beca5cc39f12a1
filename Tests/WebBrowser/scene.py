"""What the browser tests look at, built for real once per run and stopped at the end (also on failure).

- `public`: a registry seeded with the seed catalogue, plus
  - `alice/fashion-tiny`: fine-tuned by `hub finetune` from the seed's EfficientNet-Lite0 on a small
    Fashion-MNIST subset (Debian's dataset-fashion-mnist) and published by `hub push`; its version is
    also tagged `v1`, and a second version (`draft`: the same weights, another card) is published
    through the JSON API, so the model has two versions and three tags;
  - `mallory/xss-probe`: the hostile model of hostile.py, published through the JSON API;
  - `carol/fashion-copy-01` ... `-16`: the same weights with other cards and accuracies (JSON API), so
    that a search has more than one page.
- `gallery`: the seed catalogue and `alice/fashion-tiny` only, for the screenshots in docs/web/.
- `private`: the seed catalogue behind `--private`, for sign-in and sign-out.
The last two start on first use. One headless Chromium serves every test; each test opens its own tabs.
"""
import json
import os
import shutil
import tempfile
import time

from devtools import Browser
from hostile import canonical_bytes, hostile_manifest
from registry import HubError, Registry
from tab import Tab

FINETUNED = "alice/fashion-tiny"
HOSTILE = "mallory/xss-probe"
BASE = "efficientnet-lite0-imagenet"
COPIES = 16  # with the seed's 5 and the two above: more than the 20 hits of one search page
FASHION_MNIST = os.environ.get("HUB_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
FINETUNE_ARGUMENTS = ["--data", FASHION_MNIST, "--limit-per-class", "5", "--epochs", "2",
                      "--strategy", "top-k", "--unfreeze", "1", "--domain", "fashion,grayscale",
                      "--seed", "7", "--name", FINETUNED]


class Scene:
    """The registries, the models on them, the browser, and where screenshots go."""

    def __init__(self, binary, seed, screenshots, keep=False):
        self.binary = binary
        self.seed = seed
        self.screenshots = screenshots
        self.keep = keep
        self.registries = []
        self.cli_home = tempfile.mkdtemp(prefix="hub-web-cli-")
        self.browser = None
        self.public = None
        self._gallery = None
        self._private = None
        self.timings = {}
        self.finetuned = {}
        self.hostile = {}

    # --- building --------------------------------------------------------------------------------
    def start(self):
        """Starts the public registry and the browser, fine-tunes and publishes the models."""
        started = time.monotonic()
        self.public = self._registry("public").start(self.seed)
        self.alice = self.public.create_token("alice")
        self.mallory = self.public.create_token("mallory")
        self.timings["public registry"] = time.monotonic() - started
        self.browser = Browser()
        moment = time.monotonic()
        self.public.run("finetune", BASE, *FINETUNE_ARGUMENTS, token=self.alice)
        self.timings["hub finetune"] = time.monotonic() - moment
        moment = time.monotonic()
        self.public.run("push", FINETUNED, token=self.alice)
        self.timings["hub push"] = time.monotonic() - moment
        self.finetuned = self._publish_versions()
        self.hostile = self._publish_hostile()
        self.copies = self._publish_copies()
        self.timings["scene"] = time.monotonic() - started
        return self

    def _publish_versions(self):
        """Tags the pushed version `v1` and publishes a `draft` version beside it; their digests."""
        manifest_bytes = self._manifest_bytes(self.public, FINETUNED, "latest")
        latest = self._put_manifest(self.public, FINETUNED, "v1", manifest_bytes, self.alice)
        draft = json.loads(manifest_bytes)
        draft["description"] = "# Draft\nThe same weights with an earlier card."
        draft_digest = self._put_manifest(self.public, FINETUNED, "draft", canonical_bytes(draft), self.alice)
        return {"latest": latest, "draft": draft_digest, "manifest": json.loads(manifest_bytes)}

    def _publish_copies(self):
        """carol's COPIES models (the fine-tuned weights, each with its own card and accuracy), so that
        the search has more than one page; their names."""
        token = self.public.create_token("carol")
        names = []
        for number in range(1, COPIES + 1):
            manifest = dict(self.finetuned["manifest"], name=f"carol/fashion-copy-{number:02d}",
                            description=f"# Copy {number}\nThe fine-tuned weights under another name.")
            manifest["metrics"] = [dict(manifest["metrics"][0], value=round(0.1 + number / 40, 3))] + manifest["metrics"][1:]
            self._put_manifest(self.public, manifest["name"], "latest", canonical_bytes(manifest), token)
            names.append(manifest["name"])
        return names

    def _publish_hostile(self):
        manifest = hostile_manifest(self.finetuned["manifest"], HOSTILE)
        digest = self._put_manifest(self.public, HOSTILE, "latest", canonical_bytes(manifest), self.mallory)
        return {"digest": digest, "manifest": manifest}

    @staticmethod
    def _manifest_bytes(registry, name, reference):
        namespace, _, short = name.rpartition("/")
        status, _, body = registry.request("GET", f"/v1/models/{namespace or '_'}/{short}/manifests/{reference}",
                                           headers={"Hub-Intent": "info"})
        if status != 200:
            raise HubError(f"manifest of {name}:{reference} answered {status}")
        return body

    @staticmethod
    def _put_manifest(registry, name, tag, body, token):
        namespace, _, short = name.rpartition("/")
        status, headers, answer = registry.request(
            "PUT", f"/v1/models/{namespace}/{short}/manifests/{tag}", body=body, token=token,
            headers={"Content-Type": "application/vnd.hub.model.manifest.v1+json"})
        if status not in (200, 201):
            raise HubError(f"publishing {name}:{tag} answered {status}: {answer.decode(errors='replace')}")
        return headers["hub-content-digest"]

    def _registry(self, label):
        registry = Registry(self.binary, label, self.cli_home)
        self.registries.append(registry)
        return registry

    # --- the registries started on first use ------------------------------------------------------
    @property
    def gallery(self):
        """The seed catalogue and the fine-tuned model (the CLI's cached copy, pushed again)."""
        if self._gallery is None:
            registry = self._registry("gallery").start(self.seed)
            registry.run("push", FINETUNED, token=registry.create_token("alice"))
            self._gallery = registry
        return self._gallery

    @property
    def private(self):
        """(registry, read token of alice): the seed catalogue behind `--private`."""
        if self._private is None:
            registry = self._registry("private").start(self.seed, private=True)
            self._private = (registry, registry.create_token("alice", scope="read"))
        return self._private

    # --- helpers for tests --------------------------------------------------------------------------
    def tab(self, width=1200, height=900):
        """A new browser tab; the caller closes it."""
        return Tab.open(self.browser, width, height)

    def screenshot_path(self, name):
        """Where the screenshot `name`.png goes."""
        os.makedirs(self.screenshots, exist_ok=True)
        return os.path.join(self.screenshots, f"{name}.png")

    def stop(self):
        """Stops the browser and every registry (keeping their folders with HUB_WEB_KEEP=1)."""
        if self.browser:
            self.browser.close()
        for registry in self.registries:
            registry.stop(keep=self.keep)
        if not self.keep:
            shutil.rmtree(self.cli_home, ignore_errors=True)
