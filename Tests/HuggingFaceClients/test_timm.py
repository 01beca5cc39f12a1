"""timm loads hub models through HF_ENDPOINT and computes what hub's engine computes."""
import json

import pytest

from fashion_mnist import pil_images

pytestmark = pytest.mark.torch

TOLERANCE = 1e-3  # largest absolute logit difference between timm (PyTorch) and hub's engine


def timm_model(published):
    import timm
    model = timm.create_model(f"hf-hub:{published.repo_id}", pretrained=True)
    return model.eval()


def preprocessed_input(model, path):
    """Two real Fashion-MNIST images through timm's own eval transform from the served config.json,
    saved as one float32 tensor [2, 3, H, W]."""
    import timm.data
    import torch
    from safetensors.torch import save_file

    config = timm.data.resolve_data_config({}, model=model)
    transform = timm.data.create_transform(**config)
    batch = torch.stack([transform(image) for image in pil_images("t10k", 2)]).contiguous()
    save_file({"input": batch}, path)
    return batch


def hub_logits(server, published, path):
    result = server.run("predict", f"{published.name}@{published.digest}", "--input-tensor", path, "--logits",
                        "--top", "1", "--json", cache=path + ".cache")
    return json.loads(result.stdout)


@pytest.fixture(params=["resnet50", "mobilenetv2", "lite0"])
def published(request):
    if request.param == "lite0":
        return request.getfixturevalue("lite0")["latest"]
    return request.getfixturevalue(request.param)


def test_timm_and_hub_give_the_same_logits_and_top_1_on_the_same_input(server, published, tmp_path):
    import torch
    model = timm_model(published)
    path = str(tmp_path / "input.safetensors")
    batch = preprocessed_input(model, path)
    with torch.no_grad():
        expected = model(batch)
    predictions = hub_logits(server, published, path)
    assert len(predictions) == 2
    labels = model.pretrained_cfg["label_names"]
    for row, prediction in enumerate(predictions):
        logits = torch.tensor(prediction["logits"])
        difference = (logits - expected[row]).abs().max().item()
        assert difference <= TOLERANCE, f"{published.name} row {row}: max |difference| {difference}"
        assert int(logits.argmax()) == int(expected[row].argmax())
        assert prediction["classes"][0]["label"] == labels[int(expected[row].argmax())]


def test_timm_reads_the_preprocessing_from_the_manifest(lite0):
    model = timm_model(lite0["latest"])
    config = model.pretrained_cfg
    assert model.default_cfg["architecture"] == "tf_efficientnet_lite0"
    assert tuple(config["input_size"]) == (3, 224, 224)
    assert config["interpolation"] == "bicubic"
    assert 224 / config["crop_pct"] // 1 == 256  # resize 256, centre crop 224
    assert config["mean"] == pytest.approx((127 / 255,) * 3) and config["std"] == pytest.approx((128 / 255,) * 3)


def test_a_pinned_revision_loads_that_version(lite0):
    import timm
    import torch
    version = lite0["v1"]
    pinned = timm.create_model(f"hf-hub:{version.repo_id}@{version.commit}", pretrained=True).eval()
    head = timm_model(lite0["latest"])
    for name, tensor in pinned.state_dict().items():
        assert torch.equal(tensor, head.state_dict()[name]), name  # same weights, two versions
