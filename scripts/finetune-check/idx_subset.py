#!/usr/bin/env python3
"""Writes a class-balanced subset of an IDX image data set (the MNIST family) as IDX files.

    idx_subset.py IMAGES.gz LABELS.gz PER_CLASS OUT_DIR [SPLIT]

Keeps the first PER_CLASS images of every class, in file order (deterministic, no randomness),
and writes OUT_DIR/<SPLIT>-images-idx3-ubyte and OUT_DIR/<SPLIT>-labels-idx1-ubyte (SPLIT
defaults to t10k, the split `hub eval` prefers). Python standard library only.
"""
import gzip
import os
import struct
import sys


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as file:
        data = file.read()
    zero, kind, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or kind != 0x08:
        sys.exit(f"idx_subset: {path} is not an unsigned-byte IDX file")
    dimensions = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return dimensions, data[4 + 4 * rank:]


def write_idx(path, dimensions, payload):
    with open(path + ".part", "wb") as file:
        file.write(struct.pack(">HBB", 0, 0x08, len(dimensions)))
        file.write(struct.pack(">" + "I" * len(dimensions), *dimensions))
        file.write(payload)
    os.replace(path + ".part", path)


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    images_path, labels_path, per_class, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    split = sys.argv[5] if len(sys.argv) == 6 else "t10k"
    (count, rows, columns), pixels = read_idx(images_path)
    (label_count,), labels = read_idx(labels_path)
    if label_count != count:
        sys.exit(f"idx_subset: {count} images but {label_count} labels")
    plane = rows * columns
    taken, kept = {}, []
    for index, label in enumerate(labels):
        if taken.get(label, 0) < per_class:
            taken[label] = taken.get(label, 0) + 1
            kept.append(index)
    short = {label: n for label, n in taken.items() if n < per_class}
    if short:
        sys.exit(f"idx_subset: classes with fewer than {per_class} images: {short}")
    os.makedirs(out, exist_ok=True)
    write_idx(os.path.join(out, f"{split}-images-idx3-ubyte"), (len(kept), rows, columns),
              b"".join(pixels[i * plane:(i + 1) * plane] for i in kept))
    write_idx(os.path.join(out, f"{split}-labels-idx1-ubyte"), (len(kept),), bytes(labels[i] for i in kept))
    print(f"{len(kept)} images ({per_class} per class, {len(taken)} classes) from {images_path} into {out}")


if __name__ == "__main__":
    main()
