"""Every link on every page reached from the home page answers 200.

A breadth-first crawl from `/` over same-origin links, read from the DOM after scripts ran (so links made
by script count too). Pages are loaded in the browser, which also reports any CSP violation or script
error on them; links to what is not a page (/openapi.json, /static/...) are fetched directly. The crawl
loads at most MAX_PAGES pages (the facet and sort combinations multiply), and checks every link found on
them, loaded or not. Model, lineage, compare and namespace pages are loaded before search variants.
"""
import collections
import urllib.parse

from support import PageTest

MAX_PAGES = 160
PAGE_PREFIXES = ("/models/", "/lineage/", "/compare", "/namespaces/", "/sign-in")


def is_page(path):
    return path == "/" or path.startswith(PAGE_PREFIXES)


class LinkCrawlTests(PageTest):

    def test_every_link_reached_from_the_home_page_answers_200(self):
        origin = self.registry.url
        # Model, lineage, compare and namespace pages first; search variants (facets, sorts, pages) after.
        pages, searches = collections.deque(["/"]), collections.deque()
        seen = {"/"}
        loaded, fetched, broken = 0, 0, []
        while pages or searches:
            path = pages.popleft() if pages else searches.popleft()
            if is_page(path) and loaded < MAX_PAGES:
                navigation = self.tab.goto(origin + path)
                loaded += 1
                if navigation.status != 200:
                    broken.append((path, navigation.status))
                    continue
                problems = self.tab.problems()
                self.tab.forget_problems()
                if problems:
                    broken.append((path, problems))
                for href in self.tab.attributes("a[href]", "href"):
                    if isinstance(href, dict):  # an SVG <a> (the lineage graph): an SVGAnimatedString, not a URL
                        href = urllib.parse.urljoin(origin + path, href.get("baseVal", ""))
                    link = urllib.parse.urlsplit(href)
                    if f"{link.scheme}://{link.netloc}" != origin:
                        continue
                    target = link.path + (f"?{link.query}" if link.query else "")
                    if target not in seen:
                        seen.add(target)
                        (searches if target.startswith("/?") else pages).append(target)
            else:
                status, _, _ = self.registry.request("GET", path, headers={"Accept": "text/html"})
                fetched += 1
                if status != 200:
                    broken.append((path, status))
        print(f"\n  crawl: {loaded} pages loaded in the browser, {fetched} links fetched, {len(seen)} distinct links")
        self.assertEqual(broken, [])
        self.assertGreater(loaded, 30, "the crawl reached the model, lineage, compare and namespace pages")
        kinds = {prefix for prefix in PAGE_PREFIXES if any(path.startswith(prefix) for path in seen)}
        self.assertTrue({"/models/", "/lineage/", "/compare", "/namespaces/"} <= kinds, kinds)
