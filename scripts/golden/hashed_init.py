"""Deterministic parameter values that Swift recomputes bit for bit (Tests/EngineTests/GoldenWeights.swift).

Random generators of torch and Swift never agree, and storing the weights of whole networks would make
fixtures of hundreds of MB. Instead every tensor is a pure function of its state-dict name: element i of
tensor NAME is built from SplitMix64(fnv1a64(NAME) + (i + 1) * 0x9E3779B97F4A7C15), whose top 24 bits
give u in [-1, 1) exactly representable in float32; then, in float32:
  weights with 2+ dimensions: u * sqrt(6 / fan_in)        (He-uniform, fan_in = prod(shape[1:]))
  1-D "weight" (batch norm):  1 + 0.25 * u
  "bias", "running_mean":     0.1 * u
  "running_var":              1 + 0.5 * u
  anything else (inputs):     u
"""
import math

import numpy as np

GAMMA = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return np.uint64(h)


def unit_values(name, count):
    """count float32 values in [-1, 1), each k / 2^23 - 1 for a 24-bit k."""
    with np.errstate(over="ignore"):
        z = fnv1a64(name) + np.arange(1, count + 1, dtype=np.uint64) * GAMMA
        z = (z ^ (z >> np.uint64(30))) * MIX1
        z = (z ^ (z >> np.uint64(27))) * MIX2
        z = z ^ (z >> np.uint64(31))
    k = (z >> np.uint64(40)).astype(np.int64)
    return ((k * 2 - (1 << 24)).astype(np.float32) / np.float32(1 << 24)).astype(np.float32)


def hashed_tensor(name, shape):
    count = int(np.prod(shape)) if len(shape) else 1
    u = unit_values(name, count)
    leaf = name.rsplit(".", 1)[-1]
    if len(shape) >= 2:
        fan_in = int(np.prod(shape[1:]))
        values = u * np.float32(math.sqrt(6.0 / fan_in))
    elif leaf == "weight":
        values = np.float32(1) + np.float32(0.25) * u
    elif leaf in ("bias", "running_mean"):
        values = np.float32(0.1) * u
    elif leaf == "running_var":
        values = np.float32(1) + np.float32(0.5) * u
    else:
        values = u
    return values.astype(np.float32).reshape(shape)


def fill_module(module):
    """Sets every float parameter and buffer of a torch module to its hashed value."""
    import torch

    with torch.no_grad():
        for name, tensor in list(module.named_parameters()) + list(module.named_buffers()):
            if tensor.dtype.is_floating_point:
                tensor.copy_(torch.from_numpy(hashed_tensor(name, tuple(tensor.shape))))
