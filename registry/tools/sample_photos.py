#!/usr/bin/env python3
"""Writes two public-domain photos for `hub predict`: chelsea.jpg (a tabby cat) and coffee.png (a cup).

    sample_photos.py WORK_DIR OUTPUT_DIR

Source: the PyPI package `scikit-image==0.26.0` ships `skimage/data/chelsea.png` and `coffee.png`; the
docstrings of `skimage.data.chelsea` and `.coffee` say "No copyright restrictions. CC0 by the photographer"
(Stefan van der Walt; Rachel Michetti, courtesy of Pikolo Espresso Bar). Only the two files are taken from
the wheel. chelsea is re-encoded as JPEG (quality 95) so that both decoders (libjpeg-turbo and libpng) are
exercised; coffee is copied as it is.
"""
import os
import shutil
import sys

from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wheel_files import extract  # noqa: E402

PACKAGE = "scikit-image==0.26.0"


def main(work, output):
    chelsea, coffee = extract(PACKAGE, os.path.join(work, "scikit-image"),
                              ["skimage/data/chelsea.png", "skimage/data/coffee.png"])
    os.makedirs(output, exist_ok=True)
    jpeg = os.path.join(output, "chelsea.jpg")
    Image.open(chelsea).convert("RGB").save(jpeg + ".part", format="JPEG", quality=95)
    os.replace(jpeg + ".part", jpeg)
    shutil.copyfile(coffee, os.path.join(output, "coffee.png"))
    print(jpeg)
    print(os.path.join(output, "coffee.png"))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
