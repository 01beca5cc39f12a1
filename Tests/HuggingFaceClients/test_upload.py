"""Uploads through the HF write routes become hub versions (HF_HUB_DISABLE_XET=1, as documented)."""
import importlib.util
import json

import huggingface_hub
import pytest
from huggingface_hub import HfApi, constants

from engine_comparison import TOLERANCE, largest_difference
from hub_process import HubServer
from published_models import FASHION_LABELS, FASHION_MNIST, digest_in, lite0_checkpoint, manifest_digest_of


CLIENT_VERSION = tuple(int(part) for part in huggingface_hub.__version__.split(".")[:2])


@pytest.fixture
def no_xet(monkeypatch):
    """HF_HUB_DISABLE_XET=1 where docs/huggingface.md says it is needed: huggingface_hub >= 1.20 uploads
    through Xet whenever hf_xet is installed, whatever the server says (the client reads the variable at
    import, so the constant is set here). Older clients run without it, hf_xet installed: they ask the
    server, which answers plain LFS."""
    assert importlib.util.find_spec("hf_xet") is not None  # the case users have
    if CLIENT_VERSION >= (1, 20):
        monkeypatch.setattr(constants, "HF_HUB_DISABLE_XET", True)


@pytest.fixture(scope="module")
def carol(server):
    return server.create_token("carol")


def versions(server, name):
    """The digests of every version of `name`, from hub's own API (GET /v1/models/{namespace}/{name})."""
    import urllib.request
    with urllib.request.urlopen(f"{server.url}/v1/models/{name}", timeout=30) as answer:
        return [version["digest"] for version in json.load(answer)["versions"]]


@pytest.fixture
def other_hub(server):
    """A second `hub serve` (its own data directory), stopped and removed after the test."""
    other = HubServer(server.binary).start()
    yield other
    other.stop()


def test_a_hub_pull_folder_uploads_to_the_same_digest_and_twice_makes_no_new_version(
        server, other_hub, carol, no_xet, tmp_path):
    # A model published on another hub, written out by `hub pull --output` there ...
    other_carol = other_hub.create_token("carol")
    imported = other_hub.run("import", lite0_checkpoint(), "--arch", "efficientnet_lite0", "--name",
                             "carol/lite0-roundtrip", "--domain", "imagenet", "--license", "Apache-2.0")
    digest = digest_in(imported.stdout)
    other_hub.run("push", "carol/lite0-roundtrip", token=other_carol)
    folder = str(tmp_path / "folder")
    other_hub.run("pull", "carol/lite0-roundtrip", "--output", folder, cache=str(tmp_path / "other-cache"))
    assert manifest_digest_of(folder) == digest
    # ... uploaded with upload_folder to this hub becomes the very same version.
    api = HfApi(token=carol)
    first = api.upload_folder(repo_id="carol/lite0-roundtrip", folder_path=folder, commit_message="from hub pull")
    assert first.oid == digest[len("sha256:"):][:40]
    pulled = server.run("pull", "carol/lite0-roundtrip", cache=str(tmp_path / "fresh"))
    assert digest_in(pulled.stdout) == digest
    mark = server.log_mark()
    if CLIENT_VERSION >= (1, 0):
        second = api.upload_folder(repo_id="carol/lite0-roundtrip", folder_path=folder, commit_message="again")
        assert second.oid == first.oid
    else:
        # 0.x sees that nothing changed, sends no commit, and then builds the commit URL itself as
        # {endpoint}/{repo}/commit/..., which its own parser cannot read under an endpoint with a path.
        with pytest.raises(ValueError, match="Unknown `repo_type`: 'hf'"):
            api.upload_folder(repo_id="carol/lite0-roundtrip", folder_path=folder, commit_message="again")
    sent = server.requests_since(mark)
    assert sent and not [path for method, path, _ in sent if method == "POST" and "/commit/" in path], sent
    assert versions(server, "carol/lite0-roundtrip") == [digest]


@pytest.mark.torch
def test_a_timm_model_pushed_with_push_to_hf_hub_is_a_hub_model_that_hub_finetune_trains(
        server, carol, no_xet, tmp_path, monkeypatch):
    import timm
    import torch
    from timm.models import push_to_hf_hub

    monkeypatch.setenv("HF_TOKEN", carol)
    torch.manual_seed(3)
    model = timm.create_model("mobilenetv2_100", pretrained=False, num_classes=10).eval()
    push_to_hf_hub(model, "carol/timm-mobilenetv2", model_config={"label_names": FASHION_LABELS},
                   commit_message="timm push_to_hf_hub")
    info = json.loads(server.run("info", "carol/timm-mobilenetv2", "--json", cache=str(tmp_path / "c1")).stdout)
    assert info["manifest"]["architecture"]["variant"] == "mobilenet_v2"
    assert info["manifest"]["labels"] == FASHION_LABELS
    # hub's engine runs the uploaded weights as timm does: the tensor names were mapped back.
    difference, timm_top1, hub_top1, _ = largest_difference(
        model, server, "carol/timm-mobilenetv2", str(tmp_path / "input.safetensors"))
    assert difference <= TOLERANCE and hub_top1 == timm_top1, difference
    cache = str(tmp_path / "c2")
    server.run("finetune", "carol/timm-mobilenetv2", "--data", FASHION_MNIST, "--limit-per-class", "4",
               "--strategy", "feature-extraction", "--epochs", "1", "--name", "carol/timm-finetuned", cache=cache)
    derived = json.loads(server.run("info", "carol/timm-finetuned", "--json", cache=cache).stdout)["manifest"]
    assert derived["lineage"]["parent"] == "carol/timm-mobilenetv2@" + info["digest"]
    # A head-only fine-tune keeps the uploaded model's backbone blobs: hub's deduplication applies to it.
    parent_blobs = {group["group"]: group["digest"] for group in info["manifest"]["weights"]}
    kept = [group["group"] for group in derived["weights"] if parent_blobs.get(group["group"]) == group["digest"]]
    assert derived["frozen"] and set(derived["frozen"]) <= set(kept)
