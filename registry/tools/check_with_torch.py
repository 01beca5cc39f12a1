#!/usr/bin/env python3
"""Checks the built catalogue's official models against PyTorch (not part of the build: needs torch).

    check_with_torch.py HUB CATALOGUE PHOTO...
    (needs torch; a CPU wheel `torch==2.13.0+cpu` is on disk on the development machines)

Serves CATALOGUE with `hub serve --port 0` on a temporary data folder, runs `hub predict --json --top 3`
for each EfficientNet-Lite model on the photos, and compares with the plain-torch reference network of
scripts/golden/reference_models.py loaded with the same .pth (scripts/fetch-weights.sh) and the
preprocessing the manifest states (short side resized with Pillow's bicubic, centre crop,
(pixel - 127) / 128). The top-3 labels must be equal and each probability within 1e-3. Exits 1 if not.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from PIL import Image

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPOSITORY, "scripts", "golden"))
from reference_models import EfficientNetLite  # noqa: E402


def preprocess(path, resize, crop):
    image = Image.open(path).convert("RGB")
    w, h = image.size
    size = (resize, int(resize * h / w)) if w <= h else (int(resize * w / h), resize)
    image = image.resize(size, Image.BICUBIC)
    w, h = image.size
    top, left = int(round((h - crop) / 2.0)), int(round((w - crop) / 2.0))
    image = image.crop((left, top, left + crop, top + crop))
    pixels = torch.from_numpy(np.asarray(image, dtype=np.float32).copy()).permute(2, 0, 1)
    return ((pixels - 127) / 128).unsqueeze(0)


def torch_top3(manifest, checkpoint, photo):
    model = EfficientNetLite(1000, manifest["architecture"]["variant"])
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.eval()
    preprocessing = manifest["input"]["preprocessing"]
    with torch.no_grad():
        probabilities = torch.softmax(model(preprocess(photo, preprocessing["resizeShortSide"],
                                                       preprocessing["centerCrop"][0])), 1)[0]
    top = torch.topk(probabilities, 3)
    return [(manifest["labels"][int(i)], float(v)) for v, i in zip(top.values, top.indices)]


def main(hub, catalogue, photos):
    index = json.load(open(os.path.join(catalogue, "index.json")))
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        server = subprocess.Popen([hub, "serve", "--data", os.path.join(work, "data"), "--port", "0", "--seed", catalogue],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            registry = server.stdout.readline().split()[-1]
            env = dict(os.environ, HUB_REGISTRY=registry, HUB_CACHE=os.path.join(work, "cache"))
            for entry in index["models"]:
                manifest = json.load(open(os.path.join(catalogue, entry["manifest"])))
                variant = manifest["architecture"]["variant"]
                if not variant.startswith("efficientnet_lite") or manifest.get("lineage", {}).get("parent"):
                    continue
                checkpoint = subprocess.run([os.path.join(REPOSITORY, "scripts", "fetch-weights.sh"), variant[13:]],
                                            check=True, stdout=subprocess.PIPE, text=True).stdout.split()[-1]
                answer = subprocess.run([hub, "predict", manifest["name"], *photos, "--top", "3", "--json", "--quiet"],
                                        check=True, stdout=subprocess.PIPE, text=True, env=env).stdout
                for prediction, photo in zip(json.loads(answer), photos):
                    ours = [(c["label"], c["probability"]) for c in prediction["classes"]]
                    theirs = torch_top3(manifest, checkpoint, photo)
                    same = [a[0] for a in ours] == [b[0] for b in theirs] and \
                        all(abs(a[1] - b[1]) <= 1e-3 for a, b in zip(ours, theirs))
                    failures += 0 if same else 1
                    shown = ", ".join(f"{label} {probability * 100:.1f}%" for label, probability in ours)
                    print(f"{'ok  ' if same else 'DIFF'} {manifest['name']} {os.path.basename(photo)}: hub {shown}"
                          + ("" if same else f"; torch {theirs}"))
        finally:
            server.terminate()
            server.wait(timeout=60)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:])
