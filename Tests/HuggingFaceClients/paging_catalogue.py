"""A seed catalogue of more models than one page of `list_models` (the server's cap is 100 a page).

`hub import` of the real EfficientNet-Lite0 once, as `paging-copy-000`, then the same manifest under
`count` names (`paging-copy-NNN`, domain `paging`), all sharing its blobs. `hub serve --seed` publishes
them on first start, each exactly like an admin's push.
"""
import json
import os
import shutil

from published_models import lite0_checkpoint

NAME = "paging-copy-{:03d}"


def build(server, count):
    """Writes the catalogue under the server's folder; returns its path and the model ids it holds."""
    cache = os.path.join(server.root, "paging-cache")
    first = NAME.format(0)
    server.run("import", lite0_checkpoint(), "--arch", "efficientnet_lite0", "--name", first,
               "--domain", "paging", "--license", "Apache-2.0", cache=cache)
    manifests = []
    for directory, _, names in os.walk(os.path.join(cache, "manifests", "sha256")):
        manifests += [os.path.join(directory, name) for name in names]
    assert len(manifests) == 1, manifests
    with open(manifests[0], "rb") as file:
        original = file.read()
    quoted = json.dumps(first).encode()
    assert original.count(quoted) == 1, "the name must appear once, as the manifest's name"
    catalogue = os.path.join(server.root, "paging-catalogue")
    os.makedirs(os.path.join(catalogue, "manifests"))
    shutil.copytree(os.path.join(cache, "blobs", "sha256"), os.path.join(catalogue, "blobs", "sha256"))
    entries = []
    for index in range(count):
        name = NAME.format(index)
        with open(os.path.join(catalogue, "manifests", f"{name}.json"), "wb") as file:
            file.write(original.replace(quoted, json.dumps(name).encode()))
        entries.append({"reference": f"{name}:latest", "manifest": f"manifests/{name}.json"})
    with open(os.path.join(catalogue, "index.json"), "w") as file:
        json.dump({"schemaVersion": 1, "models": entries}, file)
    shutil.rmtree(cache)
    return catalogue, [NAME.format(index) for index in range(count)]
