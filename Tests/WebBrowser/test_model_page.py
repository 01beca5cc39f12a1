"""The model page of the fine-tuned derivative, read against its manifest and its parent's.

Everything the page shows must be what `hub finetune` recorded: card, labels, data sets, metrics and the
per-class table, the confusion matrix and curves as SVG, versions and tags, the weight groups (frozen,
shared with the parent, the bytes a pull costs on top of the parent), and the commands to copy.
"""
import json

from scene import BASE, FINETUNED
from support import PageTest, model_path


def format_bytes(count):
    """Decimal units, three significant digits from kB up (13.7 MB, 512 B), as the pages print sizes."""
    value, unit = float(count), 0
    units = ["B", "kB", "MB", "GB", "TB"]
    while value >= 1000 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    if unit == 0:
        return f"{count} B"
    digits = 2 if value < 10 else 1 if value < 100 else 0
    return f"{value:.{digits}f} {units[unit]}"


class ModelPageTests(PageTest):

    def setUp(self):
        super().setUp()
        self.manifest = self.scene.finetuned["manifest"]
        self.open(model_path(FINETUNED))

    def section_text(self, section):
        return self.tab.text(f"section#{section}") or ""

    def table_rows(self, selector):
        return self.tab.evaluate(f"""[...document.querySelectorAll({json.dumps(selector + " tbody tr")})]
            .map(tr => [...tr.cells].map(td => td.innerText.trim()))""")

    def test_the_heading_names_the_model_and_its_version(self):
        self.assertEqual(self.tab.text("article.model h1 a"), FINETUNED)
        digest = self.scene.finetuned["latest"]
        self.assertEqual(self.tab.evaluate("document.querySelector('article.model').dataset.digest"), digest)
        self.assertIn(FINETUNED, self.tab.evaluate("document.title"))

    def test_the_card_is_rendered_markdown(self):
        card = self.tab.evaluate("""(() => { const c = document.querySelector("section#card");
            return {h1: [...c.querySelectorAll("h1")].map(h => h.textContent.trim()),
                    h2: [...c.querySelectorAll("h2")].map(h => h.textContent.trim()),
                    tables: c.querySelectorAll("table").length, code: c.querySelectorAll("code").length,
                    text: c.innerText}; })()""")
        self.assertIn(FINETUNED, card["h1"], "the card's '# name' is a heading, not text with a '#'")
        self.assertTrue(any(heading.startswith("Validation") for heading in card["h2"]), card["h2"])
        self.assertGreaterEqual(card["tables"], 2, "the card's per-class and confusion tables are tables")
        self.assertGreaterEqual(card["code"], 1)
        self.assertNotIn("|---|", card["text"])

    def test_labels_are_listed_in_output_order(self):
        self.assertEqual(self.tab.texts("section#labels ol.labels li"), self.manifest["labels"])

    def test_data_sets_show_name_split_and_size(self):
        rows = self.table_rows("section#datasets table")
        expected = [[dataset["name"], dataset["split"], f"{dataset['size']:,}"] for dataset in self.manifest["datasets"]]
        self.assertEqual([row[:3] for row in rows], expected)
        for dataset in self.manifest["datasets"]:  # the fingerprint's first hex digits at least
            self.assertIn(dataset["fingerprint"].removeprefix("sha256:")[:12], self.section_text("datasets"))

    def test_metrics_and_the_per_class_table(self):
        overall = [metric for metric in self.manifest["metrics"] if "/" not in metric["name"]]
        rows = self.table_rows("section#metrics table:not(.per-class)")
        self.assertEqual([row[0] for row in rows], [metric["name"] for metric in overall])
        for row, metric in zip(rows, overall):
            self.assertEqual(row[1], f"{metric['value']:.4f}", metric["name"])
            self.assertEqual(row[2:4], [metric["split"], metric["dataset"]])
        per_class = self.table_rows("section#metrics table.per-class")
        self.assertEqual([row[0] for row in per_class], self.manifest["labels"])
        values = {metric["name"]: metric["value"] for metric in self.manifest["metrics"]}
        for row in per_class:
            for column, kind in enumerate(("precision", "recall", "f1"), start=1):
                self.assertEqual(row[column], f"{values[f'{kind}/{row[0]}']:.4f}", f"{kind} of {row[0]}")

    def test_the_confusion_matrix_is_an_svg_of_the_recorded_counts(self):
        matrix = self.manifest.get("confusionMatrix")
        self.assertIsNotNone(matrix, "hub finetune records the confusion matrix in the manifest")
        svg = self.tab.evaluate("""(() => { const figures = [...document.querySelectorAll("section#metrics figure.chart svg")];
            return figures.map(svg => ({text: [...svg.querySelectorAll("text")].map(t => t.textContent.trim()),
                                        width: svg.getBoundingClientRect().width,
                                        height: svg.getBoundingClientRect().height})); })()""")
        self.assertEqual(len(svg), 2, "a confusion matrix and the training curves")
        texts = svg[0]["text"]
        for label in matrix["labels"]:
            self.assertIn(label, texts, "every class is named on the matrix")
        total = sum(sum(row) for row in matrix["counts"])
        self.assertGreater(total, 0)
        for chart in svg:
            self.assertGreater(chart["width"], 100)
            self.assertGreater(chart["height"], 100)

    def test_the_training_curves_are_an_svg_with_one_point_per_epoch(self):
        epochs = self.manifest["lineage"].get("epochs")
        self.assertTrue(epochs, "hub finetune records per-epoch metrics in the manifest")
        curves = self.tab.evaluate("""(() => { const svgs = [...document.querySelectorAll("section#metrics figure.chart svg")];
            const svg = svgs[svgs.length - 1];
            return svg && {paths: svg.querySelectorAll("path, polyline").length,
                           text: svg.textContent}; })()""")
        self.assertIsNotNone(curves)
        self.assertGreaterEqual(curves["paths"], 2, "a training and a validation curve at least")
        self.assertIn("epoch", curves["text"].lower())

    def test_versions_and_tags(self):
        rows = self.tab.evaluate("""[...document.querySelectorAll("section#versions tbody tr")].map(tr => ({
            current: tr.classList.contains("current"), href: tr.querySelector("a").getAttribute("href"),
            tags: [...tr.querySelectorAll("a.tag")].map(a => a.textContent.trim())}))""")
        self.assertEqual(len(rows), 2, "the pushed version and the draft")
        tags = {tag for row in rows for tag in row["tags"]}
        self.assertEqual(tags, {"latest", "v1", "draft"})
        current = [row for row in rows if row["current"]]
        self.assertEqual(len(current), 1)
        self.assertEqual(set(current[0]["tags"]), {"latest", "v1"})
        draft = next(row for row in rows if "draft" in row["tags"])
        self.tab.navigating(lambda: self.tab.click(f'section#versions a[href="{draft["href"]}"]'))
        self.assertNoProblems("the draft version")
        self.assertEqual(self.tab.evaluate("document.querySelector('article.model').dataset.digest"),
                         self.scene.finetuned["draft"])
        self.assertIn("earlier card", self.section_text("card"))

    def test_weight_groups_mark_frozen_and_shared_groups_and_the_cost_on_top_of_the_parent(self):
        parent = self.registry.json(f"/v1/models/_/{BASE}/manifests/{self.manifest['lineage']['parent'].split('@')[1]}")
        parent_digests = {weight["digest"] for weight in parent["weights"]}
        rows = self.table_rows("section#weights table.groups")
        self.assertEqual([row[0] for row in rows], [weight["group"] for weight in self.manifest["weights"]])
        frozen = set(self.manifest["frozen"])
        for row, weight in zip(rows, self.manifest["weights"]):
            self.assertEqual(row[1], format_bytes(weight["size"]), weight["group"])
            self.assertEqual(row[3] == "frozen", weight["group"] in frozen, weight["group"])
            self.assertEqual(row[4] == "shared", weight["digest"] in parent_digests, weight["group"])
        new = [weight for weight in self.manifest["weights"] if weight["digest"] not in parent_digests]
        self.assertTrue(new, "the trained groups are new")
        self.assertTrue(len(new) < len(self.manifest["weights"]), "the frozen groups are shared")
        cost = self.tab.text("section#weights .pull-cost")
        self.assertIn(format_bytes(sum(weight["size"] for weight in new)), cost)
        bar = self.tab.evaluate("""(() => { const svg = document.querySelector("section#weights svg.weight-bar");
            return svg && {rects: svg.querySelectorAll("rect").length, width: svg.getBoundingClientRect().width,
                           fills: [...new Set([...svg.querySelectorAll("rect")].map(r => r.getAttribute("fill")))]}; })()""")
        self.assertEqual(bar["rects"], len(self.manifest["weights"]))
        self.assertGreater(bar["width"], 300)
        self.assertGreaterEqual(len(bar["fills"]), 2, "shared and trained groups are drawn apart")

    def test_copy_paste_commands(self):
        commands = dict(zip(self.tab.evaluate("[...document.querySelectorAll('section#use pre')].map(p => p.id)"),
                            self.tab.texts("section#use pre")))
        self.assertIn(f"hub pull {FINETUNED}", commands["command-pull"])
        self.assertIn(f"hub finetune {FINETUNED}", commands["command-finetune"])
        self.assertEqual(self.tab.count("section#use button[data-copy]"), len(commands))

    def test_the_copy_button_puts_the_command_on_the_clipboard(self):
        self.tab.grant(self.registry.url, ["clipboardReadWrite", "clipboardSanitizedWrite"])
        self.tab.click("section#use button[data-copy='command-pull']")
        self.tab.wait_until("document.querySelector(\"button[data-copy='command-pull']\").textContent === 'Copied'")
        copied = self.tab.evaluate("navigator.clipboard.readText()", await_promise=True)
        self.assertEqual(copied, self.tab.text("pre#command-pull").strip())

    def test_the_architecture_and_input_are_described(self):
        text = self.section_text("architecture")
        self.assertIn(self.manifest["architecture"]["variant"], text)
        self.assertIn(self.manifest["input"]["channelOrder"], text)
        self.assertIn(str(self.manifest["input"]["preprocessing"]["resizeShortSide"]), text)

    def test_the_origin_names_the_parent_relation_strategy_and_hyperparameters(self):
        text = self.section_text("lineage")
        lineage = self.manifest["lineage"]
        self.assertIn(lineage["relation"], text)
        self.assertIn(lineage["strategy"], text)
        self.assertIn("epochs", text)
        parent_links = self.tab.attributes("section#lineage a", "href")
        self.assertTrue(any(model_path(BASE) in href for href in parent_links), parent_links)
