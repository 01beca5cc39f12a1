"""Real images for the tests: Fashion-MNIST from the Debian package dataset-fashion-mnist (make deps)."""
import gzip
import os

import numpy

FOLDER = os.environ.get("HUB_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def images(split="t10k", count=2):
    """The first `count` images of `split` (train or t10k) as uint8 arrays [count, 28, 28]."""
    path = os.path.join(FOLDER, f"{split}-images-idx3-ubyte.gz")
    with gzip.open(path, "rb") as file:
        header = numpy.frombuffer(file.read(16), dtype=">u4")
        assert header[0] == 2051, f"{path} is not an IDX image file"
        rows, columns = int(header[2]), int(header[3])
        data = numpy.frombuffer(file.read(count * rows * columns), dtype=numpy.uint8)
    return data.reshape(count, rows, columns)


def pil_images(split="t10k", count=2):
    """The same images as RGB PIL images (grey copied to three channels)."""
    from PIL import Image
    return [Image.fromarray(image).convert("RGB") for image in images(split, count)]
