"""The models the tests publish on the registry with the `hub` CLI, as real users make them.

- `efficientnet-lite0-imagenet` (an official model, bare name): the REAL ImageNet EfficientNet-Lite0
  (scripts/fetch-test-data.sh fetches its .pth), imported twice: tag `v1`, then `latest` (a second version).
- `alice/fashion-lite0`: `hub finetune` of it on real Fashion-MNIST images (a derivative: base_model).
- `alice/resnet50-hashed`, `alice/mobilenetv2-hashed`: torchvision's ResNet-50 and MobileNetV2 with every
  tensor a pure function of its name (scripts/golden/hashed_init.py: He-uniform weights, non-trivial
  batch-norm statistics), imported from a safetensors state dict. They need torch (only .venv-hf).
"""
import dataclasses
import os
import re
import sys

from fashion_mnist import FOLDER as FASHION_MNIST

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LITE0_SHA256 = "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db"
FASHION_LABELS = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                  "Ankle boot"]


@dataclasses.dataclass
class Published:
    """One published version: its hub name, HF repo id, tag and manifest digest."""
    name: str
    tag: str
    digest: str

    @property
    def repo_id(self):
        """The HF repo id: the hub name (an official model's is its bare name)."""
        return self.name

    @property
    def commit(self):
        """The HF commit id: the first 40 hex digits of the manifest digest."""
        return self.digest[len("sha256:"):][:40]

    @property
    def reference(self):
        return f"{self.name}:{self.tag}"


def digest_in(text):
    match = re.search(r"sha256:[0-9a-f]{64}", text)
    assert match, f"no digest in: {text}"
    return match.group(0)


def lite0_checkpoint():
    """The real EfficientNet-Lite0 .pth that scripts/fetch-test-data.sh downloaded and verified."""
    path = os.environ.get("HUB_REAL_WEIGHTS_PTH") or os.path.join(
        os.environ.get("HUB_WEIGHTS_CACHE", os.path.expanduser("~/.cache/hub-build/weights")),
        "efficientnet-lite0", "efficientnet-lite0-57934424.pth")
    assert os.path.exists(path), f"{path} is missing: run scripts/fetch-test-data.sh (make test does)"
    return path


class Publisher:
    """Imports, fine-tunes and pushes models through the `hub` CLI of a running `HubServer`."""

    def __init__(self, server):
        self.server = server
        self.admin = server.create_token("root", scope="admin")
        self.alice = server.create_token("alice")
        self.work = os.path.join(server.root, "checkpoints")
        os.makedirs(self.work, exist_ok=True)

    def write_text(self, name, text):
        path = os.path.join(self.work, name)
        with open(path, "w") as file:
            file.write(text)
        return path

    def import_and_push(self, checkpoint, arch, reference, token, *options):
        imported = self.server.run("import", checkpoint, "--arch", arch, "--name", reference, *options)
        pushed = self.server.run("push", reference, token=token)
        assert digest_in(imported.stdout) == digest_in(pushed.stdout)
        name, _, tag = reference.partition(":")
        return Published(name, tag or "latest", digest_in(pushed.stdout))

    def lite0(self):
        """The real EfficientNet-Lite0 as `efficientnet-lite0-imagenet`, versions `v1` and then `latest`."""
        checkpoint = lite0_checkpoint()
        versions = {}
        for tag, text in (("v1", "The first release."), ("latest", "The second release: same weights, new card.")):
            card = self.write_text(f"lite0-{tag}.md", f"# EfficientNet-Lite0 (ImageNet)\n\n{text}\n")
            versions[tag] = self.import_and_push(
                checkpoint, "efficientnet_lite0", f"efficientnet-lite0-imagenet:{tag}", self.admin,
                "--domain", "imagenet", "--license", "Apache-2.0", "--description", card, "--author", "Google")
        assert versions["v1"].digest != versions["latest"].digest
        return versions

    def finetuned(self, base):
        """`hub finetune` of `base` on 4 real Fashion-MNIST images per class (head only, 2 epochs)."""
        reference = "alice/fashion-lite0:latest"
        trained = self.server.run(
            "finetune", base.reference, "--data", FASHION_MNIST, "--limit-per-class", "4",
            "--strategy", "feature-extraction", "--epochs", "2", "--seed", "7", "--domain", "fashion",
            "--name", reference, "--quiet")
        pushed = self.server.run("push", reference, token=self.alice)
        assert digest_in(trained.stdout) == digest_in(pushed.stdout)
        return Published("alice/fashion-lite0", "latest", digest_in(pushed.stdout))

    def hashed_torchvision(self, arch, name):
        """torchvision's `arch` with 10 Fashion-MNIST labels and hashed weights, imported as `name`."""
        import torch  # noqa: F401  (only .venv-hf has torch)
        import torchvision
        from safetensors.torch import save_file
        sys.path.insert(0, os.path.join(REPOSITORY, "scripts", "golden"))
        from hashed_init import fill_module

        model = getattr(torchvision.models, arch)(weights=None, num_classes=10)
        fill_module(model)
        calibrate_batch_norm(model)
        state = {key: value.contiguous() for key, value in model.state_dict().items()
                 if not key.endswith("num_batches_tracked")}
        checkpoint = os.path.join(self.work, f"{arch}.safetensors")
        save_file(state, checkpoint)
        labels = self.write_text(f"{arch}-labels.txt", "\n".join(FASHION_LABELS) + "\n")
        return self.import_and_push(checkpoint, arch, f"{name}:latest", self.alice, "--labels", labels,
                                    "--domain", "synthetic", "--license", "MIT")

    def pull_output(self, reference, directory):
        """`hub pull REF --output DIR` with an empty cache of its own; returns DIR."""
        self.server.run("pull", reference, "--output", directory, cache=directory + ".cache")
        return directory


def calibrate_batch_norm(model):
    """Sets every batch norm's running statistics to those of 16 real Fashion-MNIST images (ImageNet
    normalisation, 224x224), as training would: with hashed statistics ResNet-50's residual sums grow to
    logits of 1e4, where float32 cannot hold 1e-3; calibrated, the logits are of order 10."""
    import torch
    from fashion_mnist import images

    pixels = torch.from_numpy(images("train", 16).copy()).float().div(255).unsqueeze(1).repeat(1, 3, 1, 1)
    pixels = torch.nn.functional.interpolate(pixels, size=(224, 224), mode="bilinear", align_corners=False)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None  # a cumulative average over the calibration batch
    model.train()
    with torch.no_grad():
        model((pixels - mean) / std)
    model.eval()


def manifest_digest_of(folder):
    """The digest `hub` gives the manifest.json in `folder` (sha256 of its bytes)."""
    import hashlib
    with open(os.path.join(folder, "manifest.json"), "rb") as file:
        return "sha256:" + hashlib.sha256(file.read()).hexdigest()
