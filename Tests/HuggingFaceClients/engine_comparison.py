"""The same preprocessed input through timm (PyTorch) and through hub's engine (`hub predict --input-tensor`)."""
import json

from fashion_mnist import pil_images

TOLERANCE = 1e-3  # largest absolute logit difference accepted between timm and hub's engine


def preprocessed_input(model, path):
    """Two real Fashion-MNIST images through timm's own eval transform for `model` (built from the
    served config.json), saved at `path` as one float32 tensor [2, 3, H, W]; returns the tensor."""
    import timm.data
    import torch
    from safetensors.torch import save_file

    transform = timm.data.create_transform(**timm.data.resolve_data_config({}, model=model))
    batch = torch.stack([transform(image) for image in pil_images("t10k", 2)]).contiguous()
    save_file({"input": batch}, path)
    return batch


def hub_predictions(server, reference, path):
    """`hub predict REF --input-tensor PATH --logits --json` with a cache of its own (so it pulls REF)."""
    result = server.run("predict", reference, "--input-tensor", path, "--logits", "--top", "1", "--json",
                        cache=path + ".cache")
    return json.loads(result.stdout)


def largest_difference(model, server, reference, path):
    """Runs both on the same input; returns (largest |logit difference|, timm's top-1 rows, hub's)."""
    import torch

    batch = preprocessed_input(model, path)
    with torch.no_grad():
        expected = model(batch)
    predictions = hub_predictions(server, reference, path)
    assert len(predictions) == len(batch)
    logits = torch.tensor([prediction["logits"] for prediction in predictions])
    return ((logits - expected).abs().max().item(), expected.argmax(-1).tolist(), logits.argmax(-1).tolist(),
            [prediction["classes"][0]["label"] for prediction in predictions])
