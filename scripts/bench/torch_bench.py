"""PyTorch's side of `hub-bench engine`: images/s of one reference network (scripts/golden/
reference_models.py, plain torch) at one batch size, forward (eval mode, no_grad) and a full
training step (train mode: forward, cross-entropy, backward, SGD with momentum), measured the way
the engine is: one warm-up call, then calls for about SECONDS (at least one). Prints one JSON line.

Usage: python3 scripts/bench/torch_bench.py MODEL BATCH [SECONDS] [THREADS] [IMAGE_SIZE]
"""
import json
import os
import resource
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
from reference_models import ARCHITECTURES  # noqa: E402


def rate(seconds, body):
    """Calls per second of body() after one warm-up call, timed for about `seconds` (at least one call)."""
    body()
    start = time.perf_counter()
    runs = 0
    while runs < 1 or time.perf_counter() - start < seconds:
        body()
        runs += 1
    return runs / (time.perf_counter() - start)


def main():
    model_name, batch = sys.argv[1], int(sys.argv[2])
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    size = int(sys.argv[5]) if len(sys.argv) > 5 else 224
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = ARCHITECTURES[model_name](1000)
    generator = torch.Generator().manual_seed(2)
    images = torch.rand(batch, 3, size, size, generator=generator) * 2 - 1
    labels = torch.arange(batch) % 1000

    model.eval()

    def forward():
        with torch.no_grad():
            model(images)

    forward_rate = batch * rate(seconds, forward)

    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)

    def train_step():
        optimizer.zero_grad()
        F.cross_entropy(model(images), labels).backward()
        optimizer.step()

    train_rate = batch * rate(seconds, train_step)
    print(json.dumps({
        "model": model_name, "batch": batch, "threads": torch.get_num_threads(), "torch": torch.__version__,
        "forwardImagesPerSecond": forward_rate, "trainImagesPerSecond": train_rate,
        "peakMemoryBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
