"""What every browser test shares: the running `Scene` (set by run.py) and a base class with page helpers."""
import unittest
import urllib.parse

scene = None  # the Scene of this run, set by run.py before any test runs

# The policy every HTML answer carries (docs/web.md, "Security"); a page may add directives, never drop one.
REQUIRED_CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"]


def model_path(name):
    """The page of model `name` ("alice/x" or an official "x")."""
    return "/models/" + "/".join(urllib.parse.quote(part, safe="") for part in name.split("/"))


class PageTest(unittest.TestCase):
    """A test with a fresh tab on the public registry; problems on a page fail the test."""

    registry_name = "public"

    def setUp(self):
        self.scene = scene
        self.registry = getattr(scene, self.registry_name)
        self.tab = scene.tab()
        self.addCleanup(self.tab.close)

    def open(self, path, status=200):
        """Loads `path` on the registry, checks its status, that it is HTML with the security headers,
        and that no script failed and nothing broke the CSP; the `Navigation`."""
        navigation = self.tab.goto(self.registry.url + path)
        self.assertEqual(navigation.status, status, f"{path}: status")
        self.assertSecureHTML(navigation, path)
        self.assertNoProblems(path)
        return navigation

    def assertSecureHTML(self, navigation, what):
        headers = navigation.headers
        self.assertTrue(headers.get("content-type", "").startswith("text/html"), f"{what}: {headers}")
        policy = [part.strip() for part in headers.get("content-security-policy", "").split(";")]
        for directive in REQUIRED_CSP:
            self.assertIn(directive, policy, f"{what}: Content-Security-Policy {policy}")
        self.assertEqual(headers.get("x-content-type-options"), "nosniff", what)
        self.assertEqual(headers.get("referrer-policy"), "same-origin", what)

    def assertNoProblems(self, what):
        problems = self.tab.problems()
        self.assertEqual(problems, [], f"{what}: the browser reported problems")
        self.tab.forget_problems()

    def body_text(self):
        """The page's rendered text."""
        return self.tab.text("body")
