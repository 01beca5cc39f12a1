"""timm loads hub models through HF_ENDPOINT and computes what hub's engine computes."""
import pytest

from engine_comparison import TOLERANCE, largest_difference

pytestmark = pytest.mark.torch


def timm_model(published):
    import timm
    return timm.create_model(f"hf-hub:{published.repo_id}", pretrained=True).eval()


@pytest.fixture(params=["resnet50", "mobilenetv2", "lite0"])
def published(request):
    if request.param == "lite0":
        return request.getfixturevalue("lite0")["latest"]
    return request.getfixturevalue(request.param)


def test_timm_and_hub_give_the_same_logits_and_top_1_on_the_same_input(server, published, tmp_path):
    model = timm_model(published)
    difference, timm_top1, hub_top1, hub_labels = largest_difference(
        model, server, f"{published.name}@{published.digest}", str(tmp_path / "input.safetensors"))
    print(f"{published.name}: largest |logit difference| {difference:.3g}, top-1 {timm_top1}")
    assert difference <= TOLERANCE, f"{published.name}: largest |logit difference| {difference}"
    assert hub_top1 == timm_top1
    assert hub_labels == [model.pretrained_cfg["label_names"][index] for index in timm_top1]


def test_timm_reads_the_preprocessing_from_the_manifest(lite0):
    model = timm_model(lite0["latest"])
    config = model.pretrained_cfg
    assert config["architecture"] == "tf_efficientnet_lite0"
    assert tuple(config["input_size"]) == (3, 224, 224)
    assert config["interpolation"] == "bicubic"
    assert int(224 / config["crop_pct"]) == 256  # resize the short side to 256, centre crop 224
    assert config["mean"] == pytest.approx((127 / 255,) * 3) and config["std"] == pytest.approx((128 / 255,) * 3)


def test_a_pinned_revision_loads_that_version(lite0):
    import timm
    import torch
    version = lite0["v1"]
    pinned = timm.create_model(f"hf-hub:{version.repo_id}@{version.commit}", pretrained=True).eval()
    head = timm_model(lite0["latest"]).state_dict()
    for name, tensor in pinned.state_dict().items():
        assert torch.equal(tensor, head[name]), name  # the two versions share their weights
