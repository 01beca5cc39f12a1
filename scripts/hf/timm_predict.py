"""Loads a hub model with timm through HF_ENDPOINT and prints its top classes for images (make demo).

    HF_ENDPOINT=http://HOST:PORT/hf python scripts/hf/timm_predict.py MODEL IMAGE... [--top K]

timm reads config.json (architecture, labels, preprocessing) and the weights from the registry's
Hugging Face-compatible routes, exactly as it does from huggingface.co; preprocessing is timm's own
eval transform built from that config.
"""
import argparse
import sys
import types

# The torchvision wheel next to the CPU torch may be a CUDA build whose compiled ops cannot load; timm
# needs none of them (see scripts/hf/install-torchvision-shim.sh).
sys.modules.setdefault("torchvision._meta_registrations", types.ModuleType("torchvision._meta_registrations"))

import timm  # noqa: E402
import timm.data  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="the hub model, e.g. alice/fashion-effnet-lite0 (optionally @revision)")
    parser.add_argument("images", nargs="+")
    parser.add_argument("--top", type=int, default=1)
    arguments = parser.parse_args()
    model = timm.create_model(f"hf-hub:{arguments.model}", pretrained=True).eval()
    transform = timm.data.create_transform(**timm.data.resolve_data_config({}, model=model))
    labels = model.pretrained_cfg.get("label_names") or [f"class{index}" for index in range(model.num_classes)]
    for path in arguments.images:
        with torch.no_grad():
            probabilities = model(transform(Image.open(path).convert("RGB")).unsqueeze(0)).softmax(-1)[0]
        print(path)
        values, indices = probabilities.topk(min(arguments.top, len(labels)))
        for rank, (value, index) in enumerate(zip(values.tolist(), indices.tolist()), start=1):
            print(f"  {rank}. {labels[index]}  {100 * value:.1f}%")


if __name__ == "__main__":
    main()
