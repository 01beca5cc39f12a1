#!/usr/bin/env python3
"""PyTorch reference for the real EfficientNet-Lite0 weights (run by scripts/check-real-weights.sh).

    python3 scripts/golden/make_real_reference.py PTH OUTPUT_DIR
    (needs: pip install "torch==2.13.0+cpu" numpy safetensors scikit-image)

Writes into OUTPUT_DIR (outside the repository; nothing here is committed):
  state.safetensors       every tensor of PTH as torch.load reads it, contiguous float32: the engine's
                          own reader must give exactly these values (views and strides included);
  chelsea.png, coffee.png scikit-image's CC0 sample photos;
  reference.safetensors   for each photo: `input.<name>` after the documented preprocessing (RGB, short
                          side 256 bicubic, centre crop 224, (pixel - 127) / 128, done with Pillow as
                          torchvision would) and `logits.<name>` of the plain-torch EfficientNet-Lite0 in
                          eval mode; `__metadata__` holds each photo's top-1 class index.
"""
import os
import shutil
import sys

import numpy as np
import skimage
import torch
from PIL import Image
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_models import EfficientNetLite  # noqa: E402

PHOTOS = ["chelsea", "coffee"]


def preprocess(path):
    image = Image.open(path).convert("RGB")
    w, h = image.size
    size = (256, int(256 * h / w)) if w <= h else (int(256 * w / h), 256)
    image = image.resize(size, Image.BICUBIC)
    w, h = image.size
    top, left = int(round((h - 224) / 2.0)), int(round((w - 224) / 2.0))
    image = image.crop((left, top, left + 224, top + 224))
    pixels = torch.from_numpy(np.asarray(image, dtype=np.float32).copy()).permute(2, 0, 1)
    return ((pixels - 127.0) / 128.0).unsqueeze(0).contiguous()


def main(pth, out):
    os.makedirs(out, exist_ok=True)
    state = torch.load(pth, map_location="cpu", weights_only=True)
    save_file({k: v.float().contiguous() for k, v in state.items()}, os.path.join(out, "state.safetensors"))
    model = EfficientNetLite(1000, "efficientnet_lite0").eval()
    model.load_state_dict(state)
    tensors, metadata = {}, {}
    data = os.path.join(os.path.dirname(skimage.__file__), "data")
    for name in PHOTOS:
        shutil.copyfile(os.path.join(data, f"{name}.png"), os.path.join(out, f"{name}.png"))
        x = preprocess(os.path.join(out, f"{name}.png"))
        with torch.no_grad():
            logits = model(x)
        tensors[f"input.{name}"] = x
        tensors[f"logits.{name}"] = logits.contiguous()
        metadata[f"top1.{name}"] = str(int(logits.argmax()))
        top = logits.softmax(1).topk(3)
        print(name, "top-3", top.indices.tolist()[0], [round(p, 4) for p in top.values.tolist()[0]])
    save_file(tensors, os.path.join(out, "reference.safetensors"), metadata=metadata)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
