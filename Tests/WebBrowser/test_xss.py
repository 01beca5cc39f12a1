"""The hostile model's payloads (hostile.py) appear as text on every page that shows them and never run:
not with the Content-Security-Policy, and not without it either (escaping alone must hold)."""
import json
import urllib.parse

from hostile import MARKER, payloads
from scene import BASE, FINETUNED, HOSTILE
from support import PageTest, model_path

# Everything a payload would leave in the DOM if it got through as markup.
INJECTED = """(() => {
    const found = [];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            if (attribute.name.toLowerCase().startsWith("on")) found.push(`${element.tagName} ${attribute.name}`);
            if (/^(href|src|action|formaction|xlink:href)$/i.test(attribute.name)
                && /^\\s*(javascript|data|vbscript):/i.test(attribute.value)) found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
        }
    }
    for (const script of document.scripts) {
        if (script.getAttribute("src") !== "/static/hub.js") found.push(`script ${script.outerHTML.slice(0, 80)}`);
    }
    for (const selector of ["iframe", "object", "embed", "base", "style", "img[src='x']", "meta[http-equiv]", "form:not(.search):not(.sign-out)"]) {
        for (const element of document.querySelectorAll(selector)) found.push(`${selector}: ${element.outerHTML.slice(0, 80)}`);
    }
    if (document.documentElement.hasAttribute("%s")) found.push("ran: " + document.documentElement.getAttribute("%s"));
    return found;
})()""" % (MARKER, MARKER)


class HostileTextTests(PageTest):

    pages = [
        model_path(HOSTILE),
        "/?" + urllib.parse.urlencode({"q": "xss-probe"}),
        "/namespaces/mallory",
        f"/lineage/{HOSTILE}",
        f"/lineage/{BASE}",
        "/compare?" + urllib.parse.urlencode({"a": f"{HOSTILE}:latest", "b": f"{FINETUNED}:latest"}),
    ]

    def assertNothingRan(self, path):
        self.tab.evaluate("new Promise(resolve => setTimeout(resolve, 300))", await_promise=True)  # onerror, onload
        self.assertEqual(self.tab.evaluate(INJECTED), [], f"{path}: markup from a payload")
        self.assertEqual(self.tab.evaluate("document.title").count("XSS"), 0)
        self.assertNotIn("card-", self.tab.evaluate("document.title"), f"{path}: a javascript: URL ran")

    def test_payloads_never_run_under_the_content_security_policy(self):
        for path in self.pages:
            with self.subTest(path=path):
                self.open(path)
                self.assertNothingRan(path)

    def test_payloads_never_run_even_without_the_content_security_policy(self):
        self.tab.bypass_csp(True)
        for path in self.pages:
            with self.subTest(path=path):
                self.open(path)
                self.assertNothingRan(path)

    def test_on_the_model_page_every_payload_is_shown_as_text(self):
        self.open(model_path(HOSTILE))
        manifest = self.scene.hostile["manifest"]
        sections = {name: self.tab.text(f"section#{name}") or "" for name in ("card", "labels", "datasets", "metrics", "lineage")}
        for payload in payloads("card"):  # (markdown turns `...` into code: the backquotes go, the text stays)
            self.assertIn(payload.replace("`", ""), sections["card"], "raw HTML in a card is text")
        self.assertEqual(self.tab.texts("section#labels ol.labels li"), manifest["labels"])
        for dataset in manifest["datasets"]:
            self.assertIn(dataset["name"], sections["datasets"])
        for metric in manifest["metrics"]:
            if "/" not in metric["name"]:
                self.assertIn(metric["name"], sections["metrics"])
        self.assertIn(payloads("notes")[2], sections["lineage"])
        self.assertIn(manifest["author"], self.tab.text("article.model header"))
        self.assertIn("xss-card-end", sections["card"], "the card is rendered to its end")

    def test_card_links_keep_only_safe_urls(self):
        self.open(model_path(HOSTILE))
        hrefs = self.tab.evaluate("[...document.querySelectorAll('section#card a')].map(a => a.getAttribute('href'))")
        for href in hrefs:
            scheme = urllib.parse.urlsplit(href or "").scheme.lower()
            self.assertIn(scheme, ("", "http", "https"), f"card link {href!r}")
        sources = self.tab.evaluate("[...document.querySelectorAll('section#card img')].map(i => i.getAttribute('src'))")
        for source in sources:
            self.assertIn(urllib.parse.urlsplit(source or "").scheme.lower(), ("", "http", "https"), source)

    def test_the_hostile_labels_are_text_inside_the_confusion_matrix(self):
        self.open(model_path(HOSTILE))
        texts = self.tab.evaluate("""[...document.querySelectorAll("section#metrics figure.chart svg text")]
            .map(t => t.textContent)""")
        labels = self.scene.hostile["manifest"]["labels"]
        shown = [label for label in labels if any(label[:20] in text for text in texts)]
        self.assertTrue(shown, f"the matrix names its classes as text: {json.dumps(texts[:12])}")
