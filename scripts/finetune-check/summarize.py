#!/usr/bin/env python3
"""Prints the Markdown table of a scripts/finetune-check.sh run folder.

    summarize.py RUN_DIR

Reads RUN_DIR/environment.txt, arms.tsv (wall times measured by the script), reports/<arm>/metrics.json
(written by `hub finetune --report`) and eval/<arm>.json (`hub eval --json` on the test images).
"""
import csv
import json
import os
import sys


def percent(value):
    return "-" if value is None else f"{100 * value:.1f}%"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    run = sys.argv[1]
    with open(os.path.join(run, "environment.txt"), encoding="utf-8") as file:
        print("".join("    " + line for line in file))
    print("| arm | base | strategy and options | epochs (best) | trained groups | val acc | test acc | test top-5 "
          "| test macro-F1 | finetune wall | eval wall |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    with open(os.path.join(run, "arms.tsv"), encoding="utf-8") as file:
        arms = list(csv.DictReader(file, delimiter="\t"))
    for arm in arms:
        name = arm["arm"]
        with open(os.path.join(run, "reports", name, "metrics.json"), encoding="utf-8") as file:
            report = json.load(file)
        with open(os.path.join(run, "eval", name + ".json"), encoding="utf-8") as file:
            test = json.load(file)
        epochs = report["epochs"]
        groups = max((len(epoch.get("trainableGroups", [])) for epoch in epochs), default=0)
        ran = len(epochs)
        print(f"| {name} | {arm['base'].split('/')[-1]} | `{arm['arguments']}` | {ran} ({report['bestEpoch']}) "
              f"| {groups} of 19 | {percent(report['validation']['accuracy'])} ({report['validation']['count']}) "
              f"| **{percent(test['accuracy'])}** ({test['count']}) | {percent(test.get('top5Accuracy'))} "
              f"| {test['macroF1']:.3f} | {float(arm['finetune_seconds']):.0f} s | {float(arm['eval_seconds']):.0f} s |")
    print()
    for arm in arms:
        with open(os.path.join(run, "reports", arm["arm"], "metrics.json"), encoding="utf-8") as file:
            report = json.load(file)
        seconds = ", ".join(f"{epoch['seconds']:.0f}" for epoch in report["epochs"])
        cache = report.get("featureCache")
        cached = f"; feature cache {cache['computed']} computed, {cache['hits']} hits" if cache else ""
        print(f"- {arm['arm']}: trainer {report['seconds']:.0f} s, per epoch {seconds} s{cached}")


if __name__ == "__main__":
    main()
