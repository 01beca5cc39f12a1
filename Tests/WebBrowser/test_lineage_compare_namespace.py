"""The lineage graph, the compare page and the namespace page, read against the JSON API."""
import json
import re
import urllib.parse

from scene import BASE, COPIES, FINETUNED
from support import PageTest, model_path

SEED_DERIVATIVE = "community/fashion-mnist-effnet-lite0"


class LineagePageTests(PageTest):

    def graph(self):
        """The SVG graph's node links (href, title) and edge labels (text, title)."""
        return self.tab.evaluate("""(() => { const svg = document.querySelector("main svg");
            if (!svg) return null;
            return {nodes: [...svg.querySelectorAll("a")].map(a => ({href: a.getAttribute("href"),
                        title: (a.querySelector(":scope > title") || {}).textContent || ""})),
                    labels: [...svg.querySelectorAll(":scope > text")].map(t => ({text: t.textContent,
                        title: (t.querySelector("title") || {}).textContent || ""})),
                    width: svg.getBoundingClientRect().width}; })()""")

    def test_the_derivative_and_its_parent_are_linked_nodes_with_relation_and_strategy_on_the_edge(self):
        self.open(f"/lineage/{FINETUNED}")
        expected = self.registry.json(f"/v1/models/{FINETUNED}/lineage")
        graph = self.graph()
        self.assertIsNotNone(graph, "the lineage is an SVG")
        self.assertGreater(graph["width"], 200)
        for node in expected["nodes"]:
            links = [n for n in graph["nodes"] if n["href"] and n["href"].startswith(model_path(node["name"]))]
            self.assertTrue(links, f"{node['name']} is a link to its page: {graph['nodes']}")
            self.assertIn(node["name"], links[0]["title"])
            if node["headlineMetric"]:
                self.assertIn(node["headlineMetric"]["name"], links[0]["title"])
        for edge in expected["edges"]:
            label = " ".join(label["title"] or label["text"] for label in graph["labels"])
            self.assertIn(edge["relation"], label)
            self.assertIn(edge["strategy"], label)

    def test_a_node_opens_its_model_page(self):
        self.open(f"/lineage/{FINETUNED}")
        self.tab.navigating(lambda: self.tab.click(f'main svg a[href^="{model_path(BASE)}"]'))
        self.assertNoProblems("after the click")
        self.assertEqual(self.tab.text("article.model h1 a"), BASE)

    def test_a_wide_generation_is_capped_with_n_more(self):
        self.open(f"/lineage/{BASE}")
        children = self.registry.json(f"/v1/models/_/{BASE}/lineage?direction=descendants&depth=1")["nodes"]
        self.assertGreater(len(children), COPIES, "the base has many children")
        graph = self.graph()
        text = self.tab.evaluate("document.querySelector('main svg').textContent")
        hidden = sum(int(count) for count in re.findall(r"(\d+) more", text))
        shown = [node for node in graph["nodes"] if node["href"] and node["href"].startswith("/models/")
                 and not node["href"].startswith(model_path(BASE))]
        self.assertGreater(hidden, 0, "a generation of this size is folded")
        self.assertEqual(len(shown) + hidden, len(children) - 1, "every child is shown or counted")


class ComparePageTests(PageTest):

    def test_two_versions_side_by_side(self):
        first, second = f"{SEED_DERIVATIVE}:latest", f"{FINETUNED}:latest"
        self.open("/compare?" + urllib.parse.urlencode({"a": first, "b": second}))
        manifests = [self.registry.json(f"/v1/models/{name.split(':')[0]}/manifests/latest")
                     for name in (first, second)]
        heads = self.tab.attributes("table.compare-heads a", "href")
        self.assertTrue(heads[0].endswith(model_path(SEED_DERIVATIVE)) or model_path(SEED_DERIVATIVE) in heads[0], heads)
        self.assertIn(model_path(FINETUNED), heads[1])
        rows = self.rows("section#compare-metrics table:not(.per-class)")
        accuracy = next(row for row in rows if row[0] == "accuracy")
        values = [next(m["value"] for m in manifest["metrics"] if m["name"] == "accuracy") for manifest in manifests]
        self.assertEqual(accuracy[3:5], [f"{value:.4f}" for value in values])
        hyper = {row[0]: row[1:] for row in self.rows("section#compare-hyperparameters table")}
        self.assertEqual(hyper["epochs"], [str(manifest["lineage"]["hyperparameters"]["epochs"]) for manifest in manifests])
        self.assertIn("fashion-mnist", self.tab.text("section#compare-datasets"))
        digests = [{w["group"]: w["digest"] for w in manifest["weights"]} for manifest in manifests]
        same = sum(1 for group, digest in digests[0].items() if digests[1].get(group) == digest)
        groups = len(set(digests[0]) | set(digests[1]))
        self.assertIn(f"{same} of {groups} groups are the same blob", self.tab.text("section#compare-weights"))
        self.assertEqual(len(self.rows("section#compare-weights table")), groups)

    def rows(self, selector):
        return self.tab.evaluate(f"""[...document.querySelectorAll({json.dumps(selector + " tbody tr")})]
            .map(tr => [...tr.cells].map(td => td.innerText.trim()))""")

    def test_the_model_page_links_to_the_comparison_with_its_parent(self):
        self.open(model_path(FINETUNED))
        self.tab.navigating(lambda: self.tab.click("a.compare-parent"))
        self.assertNoProblems("compare with parent")
        self.assertEqual(self.tab.count("article.compare"), 1)
        self.assertIn(BASE, self.tab.text("table.compare-heads"))


class NamespacePageTests(PageTest):

    def test_a_namespace_lists_its_models_and_only_them(self):
        self.open("/namespaces/carol")
        names = self.tab.texts("ol.models li.model a.model-name")
        self.assertEqual(sorted(names), sorted(self.scene.copies))
        self.assertIn(str(COPIES), self.tab.text(".hits-head .count"))

    def test_a_users_namespace_shows_the_fine_tuned_model_with_its_parent(self):
        self.open("/namespaces/alice")
        self.assertEqual(self.tab.texts("ol.models li.model a.model-name"), [FINETUNED])
        self.assertIn(BASE, self.tab.text("ol.models li.model a.parent"))
