"""Missing things are proper 404 pages (status 404, the page's own words, the site around them), and every
HTML answer carries the security headers."""
import urllib.parse

from scene import FINETUNED
from support import PageTest, model_path


class NotFoundTests(PageTest):

    def assertNotFoundPage(self, path, mentions):
        self.open(path, status=404)
        text = self.body_text()
        self.assertIn("not found", text.lower(), f"{path}: {text[:300]!r}")
        self.assertIn(mentions, text, f"{path} names what is missing")
        self.assertEqual(self.tab.count("header.site form.search input[name=q]"), 1, "the site's search box")
        self.assertEqual(self.tab.attributes("a.brand", "href"), [self.registry.url + "/"], "a way home")

    def test_a_missing_model_is_a_404_page(self):
        self.assertNotFoundPage("/models/nobody/no-such-model", "nobody/no-such-model")

    def test_a_missing_official_model_is_a_404_page(self):
        self.assertNotFoundPage("/models/no-such-model", "no-such-model")

    def test_a_missing_version_of_a_real_model_is_a_404_page(self):
        self.assertNotFoundPage(model_path(FINETUNED) + "?version=no-such-tag", "no-such-tag")

    def test_the_lineage_of_a_missing_model_is_a_404_page(self):
        self.assertNotFoundPage("/lineage/nobody/no-such-model", "nobody/no-such-model")

    def test_comparing_with_a_missing_model_is_a_404_page(self):
        query = urllib.parse.urlencode({"a": f"{FINETUNED}:latest", "b": "nobody/no-such-model:latest"})
        self.assertNotFoundPage(f"/compare?{query}", "nobody/no-such-model")

    def test_an_empty_namespace_is_a_404_page(self):
        self.assertNotFoundPage("/namespaces/nobody", "nobody")

    def test_unknown_paths_under_the_page_prefixes_are_404_pages(self):
        for path in ("/models/a/b/c", "/lineage/a/b/c", "/namespaces/a/b", "/no-such-page"):
            with self.subTest(path=path):
                self.open(path, status=404)
                self.assertIn("not found", self.body_text().lower())

    def test_a_missing_static_file_is_a_404(self):
        status, _, _ = self.registry.request("GET", "/static/no-such.css")
        self.assertEqual(status, 404)


class HeaderTests(PageTest):

    def test_static_assets_are_served_with_their_types(self):
        for path, kind in (("/static/hub.css", "text/css"), ("/static/hub.js", "javascript")):
            status, headers, body = self.registry.request("GET", path)
            self.assertEqual(status, 200, path)
            self.assertIn(kind, headers["content-type"], path)
            self.assertEqual(headers.get("x-content-type-options"), "nosniff", path)
            self.assertGreater(len(body), 100, path)

    def test_the_json_api_still_answers_json(self):
        status, headers, _ = self.registry.request("GET", "/v1/search?q=fashion", headers={"Accept": "text/html"})
        self.assertEqual(status, 200)
        self.assertIn("application/json", headers["content-type"])
        status, headers, body = self.registry.request("GET", "/v1/models/nobody/nothing")
        self.assertEqual(status, 404)
        self.assertIn("application/json", headers["content-type"])
        self.assertIn(b'"errors"', body)
