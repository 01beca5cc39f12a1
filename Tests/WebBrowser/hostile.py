"""A hostile model: a real, valid manifest whose user-written text carries cross-site scripting payloads.

Every payload, if a browser ever ran it, sets the attribute `data-xss` on the page's root element to the
place it came from (`card-script`, `label-svg`, ...). The tests read that attribute (never set = nothing
ran) and look for the elements a payload would have created (`img[src=x]`, `svg[onload]`, a second
`<script>`, a `javascript:` link): none may exist, and the payload text must be on the page as text.

The manifest reuses a published model's weights (so the server's blob checks pass) and replaces its card,
labels, data-set names, metric names and other free text; the server validates and stores it like any
other upload.
"""
import copy
import json

MARKER = "data-xss"


def mark(place):
    """JavaScript that records that the payload from `place` ran."""
    return f"document.documentElement.setAttribute('{MARKER}','{place}')"


def payloads(place):
    """The payloads for one place: a script element, an image with onerror, and breakouts from double-
    and single-quoted attributes into an SVG with onload."""
    return [
        f"<script>{mark(place + '-script')}</script>",
        f'<img src=x onerror="{mark(place + "-img")}">',
        f'"><svg onload="{mark(place + "-svg")}">',
        f"'><svg/onload={mark(place + '-svg1').replace(chr(39), '`')}>",
    ]


def card():
    """Card markdown with raw HTML, javascript: and data: links and images, and an attribute breakout."""
    lines = ["# Hostile card", "", "A card that tries every way out of the markdown renderer.", ""]
    lines += [f"- {payload}" for payload in payloads("card")]
    lines += [
        "",
        "[a javascript link](javascript:document.title='card-link')",
        "[a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![an image](javascript:document.title='card-image')",
        '[a title breakout](https://example.com/ "x\\" onmouseover=\\"document.title=1")',
        f'<a href="javascript:{mark("card-raw-link")}">raw html link</a>',
        f'<iframe src="javascript:{mark("card-iframe")}"></iframe>',
        '<style>body { display: none }</style>',
        '<base href="https://example.com/">',
        "",
        "Plain text after the payloads: xss-card-end.",
    ]
    return "\n".join(lines)


def hostile_manifest(base, name):
    """The manifest of `name`: `base` (a published manifest, as a dict) with every free text hostile.

    Labels keep their number (the head's size) and stay distinct; per-class metric names, class counts
    and the confusion matrix (when the base has one) follow the new labels.
    """
    manifest = copy.deepcopy(base)
    manifest["name"] = name
    manifest["description"] = card()
    manifest["author"] = payloads("author")[1]
    manifest["domain"]["description"] = payloads("domain")[0]
    old_labels = manifest["labels"]
    hostile = payloads("label")
    new_labels = [hostile[index] if index < len(hostile) else f"{label} {payloads('label')[index % 4]} {index}"
                  for index, label in enumerate(old_labels)]
    renamed = dict(zip(old_labels, new_labels))
    manifest["labels"] = new_labels
    dataset_names = payloads("dataset")
    for index, dataset in enumerate(manifest.get("datasets", [])):
        dataset["name"] = dataset_names[index % len(dataset_names)]
        if "classCounts" in dataset:
            dataset["classCounts"] = {renamed.get(label, label): count for label, count in dataset["classCounts"].items()}
    metric_names = payloads("metric")
    metrics = [{"name": metric_names[0], "value": 0.5, "split": "validation", "dataset": dataset_names[0]}]
    for metric in manifest.get("metrics", []):
        prefix, _, label = metric["name"].partition("/")
        if label in renamed:
            metric = dict(metric, name=f"{prefix}/{renamed[label]}")
        metrics.append(dict(metric, dataset=dataset_names[1]))
    metrics += [{"name": text, "value": 0.25, "split": "test", "dataset": "plain"} for text in metric_names[1:]]
    manifest["metrics"] = metrics
    lineage = manifest.setdefault("lineage", {})
    lineage["notes"] = payloads("notes")[2]
    lineage["hyperparameters"] = dict(lineage.get("hyperparameters", {}),
                                      **{payloads("hyper-key")[0]: payloads("hyper-value")[1]})
    matrix = manifest.get("confusionMatrix")
    if isinstance(matrix, dict):
        matrix["labels"] = [renamed.get(label, label) for label in matrix.get("labels", [])]
        matrix["dataset"] = dataset_names[2]
    return manifest


def canonical_bytes(manifest):
    """The manifest as compact JSON with sorted keys (what hub's clients send)."""
    return json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
