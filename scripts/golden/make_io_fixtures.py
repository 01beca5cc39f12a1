#!/usr/bin/env python3
"""Writes the small input/output fixtures of Tests/EngineTests (checkpoints, images, IDX files).

Not run by `make test`: the fixtures it writes are committed (a few kB). Re-run after changing it:
    pip install "torch==2.13.0+cpu" numpy safetensors pillow
    python3 scripts/golden/make_io_fixtures.py [output-dir]   # default Tests/EngineTests/Fixtures/io

Every expected value comes from the reference implementation (torch, safetensors, Pillow), never from
the Swift code under test.
"""
import collections
import gzip
import json
import os
import struct
import sys
import zipfile

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "Tests", "EngineTests", "Fixtures", "io")


def path(name):
    return os.path.join(OUT, name)


def safetensors_fixtures():
    g = torch.Generator().manual_seed(1)
    tensors = {
        "a.f32": torch.randn(2, 3, generator=g),
        "b.f16": torch.tensor([1.0, -2.5, 6.0e-8, 65504.0, float("inf"), -0.0, 1.0e-5], dtype=torch.float16),
        "c.bf16": torch.randn(2, 2, generator=g).to(torch.bfloat16),
        "d.i64": torch.tensor([7, -3], dtype=torch.int64),
        "e.scalar": torch.tensor(0.25),
    }
    save_file(tensors, path("mixed.safetensors"), metadata={"format": "pt", "note": "fixture"})
    # Float32 bit patterns: exact, and JSON has no infinity.
    expected = {name: {"shape": list(t.shape), "bits": t.float().flatten().view(torch.int32).tolist()}
                for name, t in tensors.items()}
    with open(path("mixed.expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)


def state_dict():
    """A state dict with the awkward cases: permuted and sliced views, shared storage, half, int64."""
    g = torch.Generator().manual_seed(2)
    base = torch.randn(4, 3, 3, 2, generator=g)
    big = torch.randn(10, generator=g)
    shared = torch.randn(6, generator=g)
    sd = collections.OrderedDict()
    sd["module.conv.weight"] = torch.nn.Parameter(torch.randn(2, 3, 3, 3, generator=g))
    sd["module.permuted.weight"] = base.permute(0, 3, 1, 2)       # strides (18, 1, 6, 2)
    sd["module.sliced"] = big[2:7]                                # storage offset 2
    sd["module.strided"] = big[1::3]                              # stride 3
    sd["module.shared.a"] = shared.view(2, 3)
    sd["module.shared.b"] = shared.view(3, 2).t()                 # same storage, transposed
    sd["module.half"] = torch.randn(3, generator=g).half()
    sd["module.bn.num_batches_tracked"] = torch.tensor(12, dtype=torch.int64)
    sd._metadata = collections.OrderedDict([("", {"version": 1})])
    return sd


def checkpoint_fixtures():
    sd = state_dict()
    expected = {k.removeprefix("module."): v.detach().float().contiguous() for k, v in sd.items()}
    save_file(expected, path("state.expected.safetensors"))
    torch.save({"epoch": 3, "state_dict": sd}, path("state_zip.pt"))
    torch.save({"epoch": 3, "state_dict": sd}, path("state_legacy.pt"), _use_new_zipfile_serialization=False)
    torch.save({"model": sd}, path("state_model_key.pt"))
    repack(path("state_zip.pt"), path("state_zip64.pt"), zipfile.ZIP_STORED, zip64=True)
    repack(path("state_zip.pt"), path("state_deflated.pt"), zipfile.ZIP_DEFLATED, zip64=False)
    torch.save(torch.nn.Linear(2, 1), path("whole_model.pt"))
    torch.save({"weight": Evil()}, path("refused_global.pt"))


class Evil:
    """Pickles as a call to os.system; a safe reader must refuse it without calling anything."""

    def __reduce__(self):
        return (os.system, ("echo this must never run",))


def repack(source, target, compression, zip64):
    """Re-writes a torch zip with Python's zipfile (zip64 records forced, or deflated entries)."""
    saved = zipfile.ZIP64_LIMIT
    if zip64:
        zipfile.ZIP64_LIMIT = 16  # every size/offset above 16 bytes then takes the zip64 form
    try:
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", compression) as zout:
            for item in zin.infolist():
                zout.writestr(item.filename, zin.read(item.filename))
    finally:
        zipfile.ZIP64_LIMIT = saved


def synthetic_photo(width, height, seed):
    """Smooth gradients, an edge and noise: enough structure to tell resampling filters apart."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    r = 128 + 100 * np.sin(x / 5.0) * np.cos(y / 7.0)
    g = 255 * x / max(width - 1, 1)
    b = np.where(x + y > (width + height) / 2, 220.0, 30.0)
    image = np.stack([r, g, b], axis=-1) + rng.normal(0, 12, (height, width, 3))
    return Image.fromarray(np.clip(image, 0, 255).round().astype(np.uint8), "RGB")


def as_tensor(image):
    """[H, W, 3] uint8 (stored as U8: a quarter of the size of F32)."""
    return torch.from_numpy(np.asarray(image.convert("RGB"), dtype=np.uint8).copy())


def image_fixtures():
    photo = synthetic_photo(37, 23, seed=3)
    photo.save(path("photo.png"))
    photo.save(path("photo.jpg"), quality=90)
    photo.convert("L").save(path("gray.png"))
    photo.convert("L").save(path("gray.jpg"), quality=90)
    rgba = photo.copy()
    rgba.putalpha(Image.fromarray((np.arange(37 * 23) % 256).astype(np.uint8).reshape(23, 37)))
    rgba.save(path("rgba.png"))
    photo.convert("P", palette=Image.ADAPTIVE, colors=16).save(path("palette.png"))
    with open(path("photo.jpg"), "rb") as f:
        jpeg = f.read()
    with open(path("truncated.jpg"), "wb") as f:
        f.write(jpeg[: len(jpeg) // 2])
    with open(path("photo.png"), "rb") as f:
        png = bytearray(f.read())
    png[len(png) // 2] ^= 0xFF  # breaks the IDAT checksum
    with open(path("corrupt.png"), "wb") as f:
        f.write(png)
    with open(path("not_an_image.png"), "w") as f:
        f.write("just text\n")
    decoded = {name: as_tensor(Image.open(path(name))) for name in
               ["photo.png", "photo.jpg", "gray.png", "gray.jpg", "rgba.png", "palette.png"]}
    save_file(decoded, path("decoded.expected.safetensors"))

    filters = {"nearest": Image.NEAREST, "bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC}
    resized = {}
    for name, flag in filters.items():
        for (w, h) in [(20, 12), (50, 31), (37, 10), (9, 23), (80, 64)]:
            resized[f"{name}.{w}x{h}"] = as_tensor(photo.resize((w, h), flag))
    save_file(resized, path("resize.expected.safetensors"))
    save_file(pipelines(photo), path("pipeline.expected.safetensors"))


def torchvision_resize(image, short, resample):
    """torchvision.transforms.Resize(short) on a PIL image (torchvision itself does not import here)."""
    w, h = image.size
    size = (short, int(short * h / w)) if w <= h else (int(short * w / h), short)
    return image.resize(size, resample)


def torchvision_center_crop(image, height, width):
    w, h = image.size
    top, left = int(round((h - height) / 2.0)), int(round((w - width) / 2.0))
    return image.crop((left, top, left + width, top + height))


def pipelines(photo):
    """The two normalisations end to end, as NCHW batches of one."""
    lite = torchvision_center_crop(torchvision_resize(photo, 16, Image.BICUBIC), 12, 12)
    lite = (as_tensor(lite).permute(2, 0, 1).float() - 127.0) / 128.0
    net = torchvision_center_crop(torchvision_resize(photo, 20, Image.BILINEAR), 16, 14)
    net = as_tensor(net).permute(2, 0, 1).float() / 255.0
    mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    net = ((net - mean) / std).flip(0)  # BGR channel order
    return {"lite": lite.unsqueeze(0).contiguous(), "imagenet_bgr": net.unsqueeze(0).contiguous()}


def idx_bytes(array, type_code):
    header = bytes([0, 0, type_code, array.ndim]) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def idx_fixtures():
    images = (np.arange(3 * 4 * 5) * 7 % 256).astype(np.uint8).reshape(3, 4, 5)
    labels = np.array([9, 0, 3], dtype=np.uint8)
    floats = np.array([[0.5, -1.25, 3.0e7], [1.0e-3, 0.0, -7.0]], dtype=np.float32)
    shorts = np.array([-300, 5, 32767, -32768], dtype=np.int16)
    with gzip.GzipFile(path("tiny-images-idx3-ubyte.gz"), "wb", mtime=0) as f:
        f.write(idx_bytes(images, 0x08))
    with open(path("tiny-labels-idx1-ubyte"), "wb") as f:
        f.write(idx_bytes(labels, 0x08))
    with open(path("tiny-floats-idx2-float"), "wb") as f:
        f.write(idx_bytes(floats, 0x0D))
    with open(path("tiny-shorts-idx1-short"), "wb") as f:
        f.write(idx_bytes(shorts, 0x0B))
    whole = gzip.compress(idx_bytes(images, 0x08), mtime=0)
    with open(path("truncated-idx3-ubyte.gz"), "wb") as f:
        f.write(whole[: len(whole) - 20])
    with open(path("trailing-idx1-ubyte"), "wb") as f:
        f.write(idx_bytes(labels, 0x08) + b"\x00")
    expected = {"images": images.flatten().tolist(), "labels": labels.tolist(),
                "floats": floats.flatten().tolist(), "shorts": shorts.tolist()}
    fashion = "/usr/share/datasets/fashion-mnist"
    with gzip.open(os.path.join(fashion, "t10k-images-idx3-ubyte.gz")) as f:
        test_images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(10000, 28, 28)
    with gzip.open(os.path.join(fashion, "t10k-labels-idx1-ubyte.gz")) as f:
        test_labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    expected["fashion_t10k"] = {
        "first_labels": test_labels[:20].tolist(),
        "label_counts": np.bincount(test_labels, minlength=10).tolist(),
        "pixel_sum": int(test_images.astype(np.int64).sum()),
        "image_0_row_14": test_images[0, 14].tolist(),
    }
    with open(path("idx.expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    safetensors_fixtures()
    checkpoint_fixtures()
    image_fixtures()
    idx_fixtures()
    print("wrote", sorted(os.listdir(OUT)))
