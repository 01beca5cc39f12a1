"""A `--private` registry: pages send the browser to the sign-in form, a token signs in (a session cookie
that is HttpOnly and SameSite=Strict), pages then load, and signing out ends it."""
import urllib.parse

from scene import BASE
from support import PageTest, model_path


class PrivateRegistryTests(PageTest):

    registry_name = "gallery"  # replaced in setUp: the private registry and its token

    def setUp(self):
        super().setUp()
        self.registry, self.token = self.scene.private

    def sign_in(self, token):
        self.tab.evaluate(f"document.querySelector('form[action=\"/sign-in\"] input[name=token]').value = {token!r}")
        return self.tab.navigating(lambda: self.tab.click("form[action='/sign-in'] button[type=submit]"))

    def session_cookies(self):
        return [cookie for cookie in self.tab.cookies() if cookie["name"] == "hub_session"]

    def test_pages_send_the_browser_to_the_sign_in_form(self):
        for path in ("/", model_path(BASE), f"/lineage/{BASE}", "/namespaces/community"):
            with self.subTest(path=path):
                navigation = self.tab.goto(self.registry.url + path)
                self.assertSecureHTML(navigation, path)
                location = urllib.parse.urlsplit(navigation.url)
                self.assertEqual(location.path, "/sign-in", f"{path} went to {navigation.url}")
                self.assertEqual(urllib.parse.parse_qs(location.query).get("next", ["/"]), [path], "back after signing in")
                self.assertEqual(self.tab.count("form[action='/sign-in'] input[name=token][type=password]"), 1)
                self.assertNotIn(BASE, self.body_text(), "nothing of the registry before signing in")
        self.assertNoProblems("sign-in form")

    def test_signing_in_sets_a_strict_http_only_cookie_and_opens_the_page_asked_for(self):
        self.tab.goto(self.registry.url + model_path(BASE))
        navigation = self.sign_in(self.token)
        self.assertEqual(navigation.status, 200)
        self.assertEqual(urllib.parse.urlsplit(navigation.url).path, model_path(BASE))
        self.assertEqual(self.tab.text("article.model h1 a"), BASE)
        cookies = self.session_cookies()
        self.assertEqual(len(cookies), 1, self.tab.cookies())
        self.assertTrue(cookies[0]["httpOnly"])
        self.assertEqual(cookies[0]["sameSite"], "Strict")
        self.assertFalse(cookies[0]["secure"], "plain http on loopback")
        self.assertNotIn(self.token, cookies[0]["value"], "the cookie is not the token")
        self.assertEqual(self.tab.evaluate("document.cookie"), "", "no script can read the session")
        self.assertIn("alice", self.tab.text("header.site nav"))
        for path in ("/", f"/lineage/{BASE}", "/namespaces/community"):
            self.open(path)
        self.assertNoProblems("signed in")

    def test_a_wrong_token_is_refused_without_a_cookie(self):
        self.tab.goto(self.registry.url + "/")
        navigation = self.sign_in("hub_not-a-real-token")
        self.assertEqual(navigation.status, 401)
        self.assertIn("unknown", self.tab.text(".error-message").lower())
        self.assertEqual(self.session_cookies(), [])

    def test_signing_out_clears_the_session(self):
        self.tab.goto(self.registry.url + "/")
        self.sign_in(self.token)
        self.assertEqual(len(self.session_cookies()), 1)
        navigation = self.tab.navigating(lambda: self.tab.click("form.sign-out button[type=submit]"))
        self.assertEqual(urllib.parse.urlsplit(navigation.url).path, "/sign-in")
        self.assertEqual(self.session_cookies(), [])
        navigation = self.tab.goto(self.registry.url + model_path(BASE))
        self.assertEqual(urllib.parse.urlsplit(navigation.url).path, "/sign-in", "signed out means signed out")
