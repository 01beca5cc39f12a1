#!/usr/bin/env python3
"""Golden values from PyTorch for Tests/EngineTests/Golden*.swift (not run by `make test`).

    pip install "torch==2.13.0+cpu" numpy safetensors
    python3 scripts/golden/make_fixtures.py [output-dir]     # default Tests/EngineTests/Fixtures/golden

Writes, all small enough to commit (< 1 MB together):
  layers.safetensors   per-layer cases: inputs, parameters, upstream gradients, outputs, input and
                       parameter gradients, updated batch-norm statistics; `__metadata__["cases"]`
                       describes each case (layer kind and options) as JSON.
  <arch>.safetensors   whole networks (ResNet-18/50, MobileNetV2, EfficientNet-Lite0, VGG-16) at
                       batch 2, 64x64 input, 10 classes, with the hashed parameter values of
                       hashed_init.py (so no weights are stored: Swift recomputes them bit for bit):
                       logits in eval and in training mode (batch statistics, dropout off), the
                       first convolution's weight gradient in eval mode (`grad.eval.*`), and in
                       training mode the gradients of the input's first image, the first convolution's
                       weight and the classifier bias for an upstream gradient hashed from "upstream".
                       Values are computed in float64; `__metadata__["float32_error"]` gives torch's
                       own float32 error for each, relative to the largest magnitude.
                       `__metadata__["parameters"]` lists every state-dict name and shape in order.
"""
import copy
import json
import os
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import save_file
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hashed_init import fill_module, hashed_tensor  # noqa: E402
from reference_models import ARCHITECTURES, SameConv2d  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "EngineTests", "Fixtures", "golden")
torch.set_num_threads(2)


def hashed(name, *shape):
    return torch.from_numpy(hashed_tensor(name, shape))


class LayerCases:
    """Runs each layer forward and backward and records everything under `<case>.<what>`."""

    def __init__(self):
        self.tensors, self.cases = {}, {}

    def add(self, case, module, x, options, mode="train"):
        fill_module(module)
        module.train(mode == "train")
        x = x.clone().requires_grad_(True)
        y = module(x)
        upstream = hashed(f"{case}.upstream", *y.shape)
        y.backward(upstream)
        self.tensors[f"{case}.input"] = x.detach()
        self.tensors[f"{case}.upstream"] = upstream
        self.tensors[f"{case}.output"] = y.detach()
        self.tensors[f"{case}.grad.input"] = x.grad
        for name, p in module.named_parameters():
            self.tensors[f"{case}.param.{name}"] = hashed(name, *p.shape)
            self.tensors[f"{case}.grad.{name}"] = p.grad
        for name, b in module.named_buffers():
            if b.dtype.is_floating_point:
                self.tensors[f"{case}.buffer.{name}"] = b.detach().clone()  # after the forward pass
        self.cases[case] = dict(options, mode=mode)

    def cross_entropy(self, case, smoothing):
        logits = (hashed(f"{case}.logits", 4, 5) * 3).requires_grad_(True)
        labels = torch.tensor([0, 3, 4, 1])
        loss = F.cross_entropy(logits, labels, label_smoothing=smoothing)
        loss.backward()
        self.tensors[f"{case}.input"] = logits.detach()
        self.tensors[f"{case}.labels"] = labels.float()
        self.tensors[f"{case}.output"] = loss.detach().reshape(1)
        self.tensors[f"{case}.grad.input"] = logits.grad
        self.cases[case] = {"kind": "cross_entropy", "label_smoothing": smoothing}


def conv(i, o, k, s=1, p=0, groups=1, bias=True):
    return nn.Conv2d(i, o, k, s, p, groups=groups, bias=bias), {
        "kind": "conv2d", "in": i, "out": o, "kernel": k, "stride": s, "padding": p, "groups": groups, "bias": bias}


def same_conv(i, o, k, s, groups):
    return SameConv2d(i, o, k, s, groups=groups, bias=False), {
        "kind": "conv2d", "in": i, "out": o, "kernel": k, "stride": s, "padding": "same", "groups": groups,
        "bias": False}


def layer_fixtures():
    c = LayerCases()
    x = lambda name, *shape: hashed(name, *shape)  # noqa: E731
    for case, (module, options), shape in [
        ("conv3x3", conv(3, 4, 3, 1, 1), (2, 3, 7, 7)),
        ("conv3x3_s2_nobias", conv(4, 5, 3, 2, 1, bias=False), (2, 4, 9, 8)),
        ("conv_grouped", conv(4, 6, 3, 1, 0, groups=2), (2, 4, 6, 6)),
        ("conv_pointwise", conv(6, 4, 1), (2, 6, 5, 5)),
        ("conv7x7_s2", conv(3, 4, 7, 2, 3, bias=False), (1, 3, 11, 11)),
        ("depthwise3x3_s1", conv(5, 5, 3, 1, 1, groups=5, bias=False), (2, 5, 6, 7)),
        ("depthwise3x3_s2", conv(5, 5, 3, 2, 1, groups=5, bias=False), (2, 5, 8, 7)),
        ("depthwise3x3_s2_even", conv(4, 4, 3, 2, 1, groups=4, bias=False), (1, 4, 8, 8)),
        ("depthwise3x3_s2_same", same_conv(5, 5, 3, 2, 5), (2, 5, 8, 7)),
        ("depthwise5x5_s2_same", same_conv(3, 3, 5, 2, 3), (1, 3, 9, 9)),
        ("conv3x3_s2_same", same_conv(3, 4, 3, 2, 1), (2, 3, 8, 8)),
    ]:
        c.add(case, module, x(f"{case}.x", *shape), options)
    c.add("batchnorm_train", nn.BatchNorm2d(3), x("bn.x", 4, 3, 3, 5) * 2 + 0.5,
          {"kind": "batchnorm2d", "channels": 3, "eps": 1e-5, "momentum": 0.1})
    c.add("batchnorm_eval", nn.BatchNorm2d(3, eps=1e-3), x("bn.x", 4, 3, 3, 5) * 2 + 0.5,
          {"kind": "batchnorm2d", "channels": 3, "eps": 1e-3, "momentum": 0.1}, mode="eval")
    c.add("relu", nn.ReLU(), x("act.x", 2, 3, 4, 4) * 8, {"kind": "relu"})
    c.add("relu6", nn.ReLU6(), x("act.x", 2, 3, 4, 4) * 8, {"kind": "relu6"})
    c.add("maxpool3x3_s2", nn.MaxPool2d(3, 2, 1), x("pool.x", 2, 2, 7, 7), {"kind": "maxpool2d", "kernel": 3, "stride": 2, "padding": 1})
    c.add("avgpool2x2", nn.AvgPool2d(2, 2), x("pool.x", 2, 2, 6, 8), {"kind": "avgpool2d", "kernel": 2, "stride": 2, "padding": 0})
    c.add("global_avgpool", nn.AdaptiveAvgPool2d(1), x("pool.x", 2, 3, 5, 4), {"kind": "global_avgpool"})
    c.add("adaptive_avgpool7", nn.AdaptiveAvgPool2d(7), x("pool.x", 1, 2, 3, 2), {"kind": "adaptive_avgpool", "size": 7})
    c.add("linear", nn.Linear(10, 4), x("fc.x", 3, 10), {"kind": "linear", "in": 10, "out": 4})
    c.cross_entropy("cross_entropy", 0.0)
    c.cross_entropy("cross_entropy_smoothed", 0.1)
    save_file({k: v.contiguous() for k, v in c.tensors.items()}, os.path.join(OUT, "layers.safetensors"),
              metadata={"cases": json.dumps(c.cases, sort_keys=True)})


def first_conv_name(model):
    return next(name for name, m in model.named_modules() if isinstance(m, nn.Conv2d)) + ".weight"


def run_network(model, x, dtype):
    """Eval logits and gradients (running statistics), then training-mode logits and gradients
    (batch statistics; dropout off: its masks are random)."""
    model = model.to(dtype)
    x = x.to(dtype)
    upstream = hashed("upstream", 2, 10).to(dtype)
    params = dict(model.named_parameters())
    conv_name = first_conv_name(model)
    bias_name = [n for n in params if n.endswith("bias")][-1]
    model.eval()
    logits_eval = model(x)
    logits_eval.backward(upstream)
    result = {"logits.eval": logits_eval.detach(), f"grad.eval.{conv_name}": params[conv_name].grad.clone()}
    model.zero_grad()
    model.train()
    for module in model.modules():
        if isinstance(module, nn.Dropout):
            module.eval()
    xg = x.clone().requires_grad_(True)
    logits_train = model(xg)
    logits_train.backward(upstream)
    result.update({
        "logits.train": logits_train.detach(), "grad.input0": xg.grad[0],
        f"grad.{conv_name}": params[conv_name].grad, f"grad.{bias_name}": params[bias_name].grad,
    })
    return result


def network_fixture(arch):
    """Stores the float64 result; `float32_error` records how far torch's own float32 run is from it
    (relative to the largest magnitude), which sets the scale of a fair tolerance."""
    model = ARCHITECTURES[arch](10)
    fill_module(model)
    names = [[n, list(t.shape)] for n, t in model.state_dict().items() if t.dtype.is_floating_point]
    x = hashed("input", 2, 3, 64, 64)
    exact = run_network(copy.deepcopy(model), x, torch.float64)
    single = run_network(model, x, torch.float32)
    errors = {}
    for name, value in exact.items():
        scale = max(1.0, value.abs().max().item())
        errors[name] = (single[name].double() - value).abs().max().item() / scale
    tensors = {name: value.float().contiguous() for name, value in exact.items()}
    save_file(tensors, os.path.join(OUT, f"{arch}.safetensors"),
              metadata={"parameters": json.dumps(names), "float32_error": json.dumps(errors),
                        "input": "hashed('input', [2, 3, 64, 64])", "upstream": "hashed('upstream', [2, 10])"})
    print(arch, "torch float32 relative error:", {k: f"{v:.1e}" for k, v in errors.items()})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    layer_fixtures()
    for arch in (sys.argv[2:] if len(sys.argv) > 2 else ARCHITECTURES):
        network_fixture(arch)
    print("wrote", sorted(os.listdir(OUT)))
