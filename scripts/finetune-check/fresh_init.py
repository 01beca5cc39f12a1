#!/usr/bin/env python3
"""Writes a freshly initialised checkpoint for a model already in a hub cache: same parameter names
and shapes as the model's weight blobs, new values, so that `hub import` of it gives the same network
untrained (the "from scratch" arm of scripts/finetune-check.sh; the CLI has no --from-scratch).

    fresh_init.py CACHE_DIR MODEL_NAME OUT.safetensors [SEED]

Initialisation follows the engine's own (Sources/Engine/Models/ModelInitialization.swift, torchvision's):
convolutions Kaiming-normal with fan-out (std sqrt(2 / (out/groups * kh * kw)); depthwise: groups = out),
BatchNorm weight 1, bias 0, running mean 0, running variance 1, the classifier normal with std
1/in_features and its bias uniform in +-1/sqrt(in_features), any other bias 0. Needs numpy.
"""
import json
import os
import struct
import sys

import numpy


def manifest_of(cache, name):
    namespace, _, repository = name.rpartition("/")
    with open(os.path.join(cache, "refs", namespace or "_", repository, "latest"), encoding="utf-8") as file:
        digest = json.load(file)["digest"].split(":", 1)[1]
    with open(os.path.join(cache, "manifests", "sha256", digest[:2], digest), encoding="utf-8") as file:
        return json.load(file)


def blob_header(cache, digest):
    hexdigest = digest.split(":", 1)[1]
    with open(os.path.join(cache, "blobs", "sha256", hexdigest[:2], hexdigest), "rb") as file:
        (length,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(length))
    header.pop("__metadata__", None)
    return header


def fresh(name, shape, rng):
    leaf = name.rsplit(".", 1)[-1]
    if leaf == "running_var":
        return numpy.ones(shape, numpy.float32)
    if leaf in ("running_mean", "num_batches_tracked"):
        return numpy.zeros(shape, numpy.float32)
    if len(shape) == 4:
        out_channels, _, kernel_h, kernel_w = shape
        per_group = 1 if "depthwise" in name else out_channels
        return rng.normal(0, (2 / (per_group * kernel_h * kernel_w)) ** 0.5, shape).astype(numpy.float32)
    if len(shape) == 2:
        return rng.normal(0, 1 / shape[1], shape).astype(numpy.float32)
    if leaf == "weight":  # BatchNorm scale
        return numpy.ones(shape, numpy.float32)
    if leaf == "bias" and "_fc" in name:
        return rng.uniform(-shape[0] ** -0.5, shape[0] ** -0.5, shape).astype(numpy.float32)
    return numpy.zeros(shape, numpy.float32)


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    cache, model, out = sys.argv[1], sys.argv[2], sys.argv[3]
    rng = numpy.random.default_rng(int(sys.argv[4]) if len(sys.argv) == 5 else 0)
    tensors = {}
    for group in manifest_of(cache, model)["weights"]:
        for name, entry in blob_header(cache, group["digest"]).items():
            if entry["dtype"] != "F32":
                sys.exit(f"fresh_init: {name} is {entry['dtype']}, only F32 is handled")
            tensors[name] = fresh(name, tuple(entry["shape"]), rng)
    header, offset = {}, 0
    for name in sorted(tensors):
        size = tensors[name].nbytes
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + size]}
        offset += size
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(out + ".part", "wb") as file:
        file.write(struct.pack("<Q", len(encoded)) + encoded)
        for name in sorted(tensors):
            file.write(numpy.ascontiguousarray(tensors[name], dtype="<f4").tobytes())
    os.replace(out + ".part", out)
    print(f"{len(tensors)} freshly initialised tensors ({offset / 1e6:.1f} MB) for {model} in {out}")


if __name__ == "__main__":
    main()
