"""One page of the headless browser (devtools.Browser), in a browser context of its own.

A `Tab` navigates and reports the main document's HTTP status and headers, evaluates JavaScript in the page
after its scripts ran, types, clicks, reads cookies, and takes screenshots. It also keeps what a test must
see empty on a healthy page: Content-Security-Policy violations and uncaught script exceptions.
"""
import base64
import json
import time

from devtools import DevToolsError


class Navigation:
    """What loading one page gave: the final URL, its HTTP status and response headers (lowercase names)."""

    def __init__(self, url, status, headers):
        self.url = url
        self.status = status
        self.headers = {name.lower(): value for name, value in headers.items()}


class Tab:
    """One page of the browser. Every method waits for what it started to finish."""

    @classmethod
    def open(cls, browser, width=1200, height=900):
        """A fresh page of `width` x `height` CSS pixels, attached and listening, in a browser context of
        its own (its own cookies and permissions: registries on other ports of 127.0.0.1 would otherwise
        share cookies, which ignore the port)."""
        context = browser.call("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
        target = browser.call("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return cls(browser, target, session, width, height, context)

    def __init__(self, browser, target, session, width, height, context):
        self.browser = browser
        self.context = context
        self.target = target
        self.session = session
        self._mark = browser.event_count()
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Page.setLifecycleEventsEnabled", {"enabled": True})
        self.resize(width, height)

    def send(self, method, params=None, timeout=None):
        """A DevTools command to this page."""
        return self.browser.call(method, params, session=self.session, timeout=timeout)

    def resize(self, width, height):
        """Sets the viewport (CSS pixels, device scale 1)."""
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    # --- loading -----------------------------------------------------------------------------------
    def goto(self, url):
        """Loads `url` and waits for its load event; the `Navigation` of the main document."""
        return self.navigating(lambda: self._navigate(url))

    def navigating(self, action):
        """Runs `action` (which makes the page load another document: a click, a form submit) and waits
        for the new document's load event; its `Navigation` (status and headers after any redirect)."""
        mark = self.browser.event_count()
        action()
        started = self.browser.wait_event(self.session, "Page.frameNavigated", mark,
                                          lambda params: "parentId" not in params["frame"])
        frame = started["frame"]
        self.browser.wait_event(self.session, "Page.loadEventFired", mark)
        response = None
        for _, event in self.browser.events(self.session, mark):
            params = event.get("params", {})
            if (event.get("method") == "Network.responseReceived" and params.get("type") == "Document"
                    and params.get("frameId") == frame["id"] and params.get("loaderId") == frame["loaderId"]):
                response = params["response"]
        if response is None:
            raise DevToolsError(f"no document response seen for {frame.get('url')}")
        return Navigation(response["url"], response["status"], response.get("headers", {}))

    def _navigate(self, url):
        answer = self.send("Page.navigate", {"url": url})
        if answer.get("errorText"):
            raise DevToolsError(f"navigating to {url}: {answer['errorText']}")

    # --- the page's DOM and scripts ----------------------------------------------------------------
    def evaluate(self, expression, await_promise=False):
        """The JSON value of a JavaScript expression evaluated in the page (after its scripts ran)."""
        answer = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": await_promise})
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise DevToolsError(f"script failed: {text}\n{expression}")
        return answer["result"].get("value")

    def text(self, selector="body"):
        """The rendered text (innerText) of the first element matching `selector`, or None."""
        return self.evaluate(f"(e => e ? e.innerText : null)(document.querySelector({json.dumps(selector)}))")

    def texts(self, selector):
        """The rendered texts of every element matching `selector`."""
        return self.evaluate(f"[...document.querySelectorAll({json.dumps(selector)})].map(e => e.innerText)")

    def count(self, selector):
        """How many elements match `selector`."""
        return self.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")

    def attributes(self, selector, name):
        """The attribute `name` of every element matching `selector` (resolved URLs for href/src)."""
        property_name = {"href": "href", "src": "src"}.get(name)
        read = f"e.{property_name}" if property_name else f"e.getAttribute({json.dumps(name)})"
        return self.evaluate(f"[...document.querySelectorAll({json.dumps(selector)})].map(e => {read})")

    def wait_until(self, expression, timeout=10, interval=0.05):
        """Polls a JavaScript expression until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise DevToolsError(f"still false after {timeout} s: {expression}")
            time.sleep(interval)

    def type_into(self, selector, text):
        """Focuses the element and types `text` as keyboard input would (input events fire)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", {"text": text})

    def click(self, selector):
        """A real mouse click in the middle of the first element matching `selector`."""
        box = self.evaluate(f"""(e => {{ if (!e) return null; e.scrollIntoView({{block: "center"}});
            const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})
            (document.querySelector({json.dumps(selector)}))""")
        if box is None:
            raise DevToolsError(f"nothing to click: {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1],
                                                   "button": "left", "clickCount": 1})

    # --- what went wrong on the page ----------------------------------------------------------------
    def problems(self):
        """CSP violations and other security messages, and uncaught script exceptions, since the tab
        opened or the last `forget_problems()`."""
        found = []
        for _, event in self.browser.events(self.session, self._mark):
            params = event.get("params", {})
            if event.get("method") == "Log.entryAdded" and params["entry"].get("source") == "security":
                found.append(f"security: {params['entry'].get('text')} ({params['entry'].get('url', '')})")
            if event.get("method") == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
        return found

    def forget_problems(self):
        """Starts `problems()` afresh."""
        self._mark = self.browser.event_count()

    # --- cookies, security, pictures ----------------------------------------------------------------
    def cookies(self):
        """The browser's cookies for the page's URL (name, value, httpOnly, sameSite, secure, ...)."""
        return self.send("Network.getCookies")["cookies"]

    def bypass_csp(self, enabled):
        """Makes the page ignore Content-Security-Policy (from the next load on)."""
        self.send("Page.setBypassCSP", {"enabled": enabled})

    def screenshot(self, path, width=None, height=None, selector=None):
        """A PNG of the page's top `width` x `height` pixels (or of the element `selector` with a
        16-pixel margin, cut to that size); returns the path."""
        if selector:
            box = self.evaluate(f"""(e => {{ const r = e.getBoundingClientRect(), m = 16;
                return [Math.max(r.x + scrollX - m, 0), Math.max(r.y + scrollY - m, 0), r.width + 2 * m, r.height + 2 * m]; }})
                (document.querySelector({json.dumps(selector)}))""")
        else:
            box = [0, 0, *self.evaluate("[document.documentElement.clientWidth, document.documentElement.scrollHeight]")]
        clip = {"x": box[0], "y": box[1], "width": min(box[2], width or box[2]),
                "height": min(box[3], height or box[3]), "scale": 1}
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                    "captureBeyondViewport": True})["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        return path

    def grant(self, origin, permissions):
        """Grants the page's context `permissions` (e.g. clipboardReadWrite) for `origin`."""
        self.browser.call("Browser.grantPermissions", {"origin": origin, "permissions": permissions,
                                                       "browserContextId": self.context})

    def close(self):
        """Closes the page and its browser context."""
        self.browser.call("Target.closeTarget", {"targetId": self.target})
        self.browser.call("Target.disposeBrowserContext", {"browserContextId": self.context})
