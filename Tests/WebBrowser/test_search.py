"""Home and search: hits, facets with counts, sort, paging, search as you type, and the page without script.

Every expectation is the JSON search's answer for the same query (`/v1/search`), read beside the page.
"""
import json
import urllib.parse

from scene import BASE, FINETUNED
from support import PageTest, model_path

HITS = "ol.models li.model"
HIT_NAMES = f"{HITS} a.model-name"


class SearchPageTests(PageTest):

    def search_json(self, **parameters):
        query = urllib.parse.urlencode(parameters, doseq=True)
        return self.registry.json(f"/v1/search?{query}")

    def hit_names(self):
        return self.tab.texts(HIT_NAMES)

    def test_home_lists_the_models_of_the_json_search_in_its_order(self):
        self.open("/")
        expected = self.search_json()
        self.assertEqual(self.hit_names(), [hit["name"] for hit in expected["results"]])
        self.assertIn(str(expected["total"]), self.tab.text(".hits-head .count"))

    def test_a_hit_shows_name_architecture_domain_headline_metric_downloads_and_parent(self):
        self.open("/?q=fashion-tiny")
        hit = next(hit for hit in self.search_json(q="fashion-tiny")["results"] if hit["name"] == FINETUNED)
        row = self.tab.evaluate(f"""(() => {{
            const row = [...document.querySelectorAll({json.dumps(HITS)})]
                .find(li => li.querySelector("a.model-name").textContent.trim() === {json.dumps(FINETUNED)});
            return row && {{text: row.innerText, name: row.querySelector("a.model-name").getAttribute("href"),
                            links: [...row.querySelectorAll("a")].map(a => [a.textContent.trim(), a.getAttribute("href")])}};
        }})()""")
        self.assertIsNotNone(row, "the fine-tuned model is a hit")
        self.assertEqual(row["name"], model_path(FINETUNED))
        self.assertIn(hit["architecture"], row["text"])
        for tag in hit["domain"]:
            self.assertIn(tag, row["text"])
        self.assertIn(hit["headlineMetric"]["name"], row["text"])
        self.assertTrue(any(value in row["text"] for value in metric_spellings(hit["headlineMetric"]["value"])),
                        f"headline metric {hit['headlineMetric']} in {row['text']!r}")
        self.assertIn("downloads", row["text"])
        self.assertIn(str(hit["downloads"]), row["text"])
        parent_links = [href for text, href in row["links"] if href and href.startswith(model_path(BASE))]
        self.assertTrue(parent_links, f"a link to the parent {BASE} in {row['links']}")

    def test_facet_counts_are_the_number_of_models_each_filter_finds(self):
        self.open("/")
        facets = self.tab.evaluate("""[...document.querySelectorAll("section.facet")].map(section => ({
            parameter: section.dataset.facet,
            entries: [...section.querySelectorAll("li")].map(li => ({
                value: li.querySelector("a").textContent.trim(), href: li.querySelector("a").getAttribute("href"),
                count: li.querySelector(".count").textContent.trim()}))}))""")
        parameters = {facet["parameter"] for facet in facets}
        self.assertTrue({"domain", "arch", "task", "license"} <= parameters, f"facets {parameters}")
        checked = 0
        for facet in facets:
            for entry in facet["entries"]:
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(entry["href"]).query)
                self.assertIn(facet["parameter"], query, f"{entry} filters by {facet['parameter']}")
                total = self.search_json(**query)["total"]
                self.assertEqual(int(entry["count"].replace(",", "")), total, f"{facet['parameter']} {entry}")
                checked += 1
        self.assertGreaterEqual(checked, 6)

    def test_following_a_facet_filters_the_hits(self):
        self.open("/")
        self.tab.navigating(lambda: self.tab.click('section.facet[data-facet="domain"] a[href*="domain=fashion"]'))
        self.assertNoProblems("after the facet")
        self.assertEqual(self.hit_names(), [hit["name"] for hit in self.search_json(domain="fashion")["results"]])
        self.assertIn(FINETUNED, self.hit_names())
        self.assertNotIn(BASE, self.hit_names())

    def test_each_sort_orders_the_hits_as_the_json_search_does(self):
        self.open("/")
        sorts = self.tab.attributes("nav.sort a", "href")
        self.assertTrue(any("sort=recent" in href for href in sorts), sorts)
        self.assertTrue(any("sort=downloads" in href for href in sorts), sorts)
        for sort in ("recent", "downloads", "metric:accuracy"):
            self.open("/?" + urllib.parse.urlencode({"sort": sort}))
            expected = [hit["name"] for hit in self.search_json(sort=sort)["results"]]
            self.assertEqual(self.hit_names(), expected, f"sort={sort}")
            self.assertIn(sort.rpartition(":")[2], self.tab.text("nav.sort strong[aria-current]").lower())

    def test_pages_follow_one_another_without_repeats(self):
        first = self.search_json(sort="recent")
        self.assertIsNotNone(first["nextCursor"], "the scene publishes more models than one page holds")
        self.open("/?sort=recent")
        page_one = self.hit_names()
        self.tab.navigating(lambda: self.tab.click('nav.pages a[rel="next"]'))
        self.assertNoProblems("page two")
        page_two = self.hit_names()
        second = self.search_json(sort="recent", cursor=first["nextCursor"])
        self.assertEqual(page_two, [hit["name"] for hit in second["results"]])
        self.assertFalse(set(page_one) & set(page_two))
        self.assertIn("page 2", self.tab.text(".hits-head .count"))
        # Back: the previous page, or the first (keyset cursors walk forward).
        self.tab.navigating(lambda: self.tab.click('nav.pages a[rel="prev"], nav.pages a[rel="first"]'))
        self.assertEqual(self.hit_names(), page_one)

    def test_typing_in_the_search_box_updates_the_hits(self):
        self.open("/")
        self.tab.type_into("input[data-live-search]", "fashion")
        self.tab.wait_until("location.search.includes('q=fashion')")
        expected = [hit["name"] for hit in self.search_json(q="fashion")["results"]]
        self.tab.wait_until(f"JSON.stringify([...document.querySelectorAll({json.dumps(HIT_NAMES)})]"
                            f".map(a => a.textContent.trim())) === {json.dumps(json.dumps(expected, separators=(',', ':')))}")
        self.assertNoProblems("search as you type")

    def test_the_search_form_works_without_javascript(self):
        self.tab.send("Emulation.setScriptExecutionDisabled", {"value": True})
        self.open("/")
        self.tab.evaluate("document.querySelector('input[name=q]').value = 'fashion'")
        # With scripts off the page's own script cannot run; DevTools still submits the form as a user would.
        navigation = self.tab.navigating(lambda: self.tab.evaluate("document.querySelector('form.search').submit()"))
        self.assertEqual(navigation.status, 200)
        self.assertIn("q=fashion", navigation.url)
        self.assertEqual(self.hit_names(), [hit["name"] for hit in self.search_json(q="fashion")["results"]])


def metric_spellings(value):
    """The ways a page may print a metric value: 0.300, 0.3, 30.0 %, 30%."""
    return {f"{value:.3f}", f"{value:.2f}", f"{value:g}", f"{value * 100:.1f}%", f"{value * 100:.1f} %",
            f"{value * 100:.0f}%", f"{value * 100:.0f} %"}
