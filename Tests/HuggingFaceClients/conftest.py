"""One real `hub serve` on loopback for the whole session, and the models published on it.

The server starts in `pytest_configure`, before any test module is imported, because huggingface_hub
reads HF_ENDPOINT (and its cache folders) once, at import. The hub binary is $HUB_BINARY, else
.build/debug/hub. HUB_TEST_KEEP=1 keeps the temporary folder (server data, log, caches) for inspection.
"""
import os
import shutil
import tempfile

import pytest

import paging_catalogue
from hub_process import HubServer
from published_models import REPOSITORY, Publisher

SESSION = {}
PAGING_MODELS = 101  # more than the 100 a page of list_models holds


def pytest_configure(config):
    binary = os.environ.get("HUB_BINARY", os.path.join(REPOSITORY, ".build", "debug", "hub"))
    server = HubServer(binary)
    SESSION["server"] = server
    try:
        catalogue, SESSION["paging"] = paging_catalogue.build(server, count=PAGING_MODELS)
        server.start(seed=catalogue)
    except BaseException:
        server.stop(keep=os.environ.get("HUB_TEST_KEEP") == "1")
        raise
    clients = tempfile.mkdtemp(prefix="hub-hf-clients-home-")
    SESSION["clients"] = clients
    os.environ["HF_ENDPOINT"] = server.hf_endpoint
    os.environ["HF_HOME"] = os.path.join(clients, "hf-home")
    os.environ["HF_HUB_CACHE"] = os.path.join(clients, "hf-cache")
    os.environ["TORCH_HOME"] = os.path.join(clients, "torch-home")
    os.environ.pop("HF_TOKEN", None)
    os.environ.pop("HF_HUB_OFFLINE", None)
    os.environ.pop("HF_HUB_DISABLE_XET", None)  # downloads must work with hf_xet installed; uploads set it


def pytest_unconfigure(config):
    keep = os.environ.get("HUB_TEST_KEEP") == "1"
    if "server" in SESSION:
        SESSION["server"].stop(keep=keep)
    if "clients" in SESSION and not keep:
        shutil.rmtree(SESSION["clients"], ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    """The running `HubServer`."""
    return SESSION["server"]


@pytest.fixture(scope="session")
def paging_models():
    """The ids of the models the seed catalogue published at start (more than one page)."""
    return SESSION["paging"]


@pytest.fixture(scope="session")
def publisher(server):
    """Publishes models on the server with the `hub` CLI (tokens for root, alice)."""
    return Publisher(server)


@pytest.fixture(scope="session")
def lite0(publisher):
    """{"v1": Published, "latest": Published}: the real EfficientNet-Lite0, official name."""
    return publisher.lite0()


@pytest.fixture(scope="session")
def finetuned(publisher, lite0):
    """alice/fashion-lite0: fine-tuned from the latest lite0 on Fashion-MNIST."""
    return publisher.finetuned(lite0["latest"])


@pytest.fixture(scope="session")
def resnet50(publisher):
    """alice/resnet50-hashed: torchvision's ResNet-50, 10 classes, deterministic weights (needs torch)."""
    return publisher.hashed_torchvision("resnet50", "alice/resnet50-hashed")


@pytest.fixture(scope="session")
def mobilenetv2(publisher):
    """alice/mobilenetv2-hashed: torchvision's MobileNetV2, 10 classes, deterministic weights (needs torch)."""
    return publisher.hashed_torchvision("mobilenet_v2", "alice/mobilenetv2-hashed")


@pytest.fixture
def pulled(publisher, tmp_path):
    """pulled(published) -> the folder `hub pull REF --output` wrote for that version."""
    def pull(published):
        return publisher.pull_output(f"{published.name}@{published.digest}", str(tmp_path / "pulled"))
    return pull
