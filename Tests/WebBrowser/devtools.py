"""Headless Chromium driven over the DevTools protocol, with the Python standard library only.

Chromium is started with `--remote-debugging-pipe`: it reads commands from file descriptor 3 and writes
answers and events to file descriptor 4, each message one JSON object followed by a NUL byte. No port, no
websocket, nothing another process on the machine could connect to. One reader thread splits the stream
and files answers by id and events by session; `Browser.call` sends a command and waits for its answer.

`Tab` is one page (a target attached with `flatten`): it navigates and reports the main document's HTTP
status, evaluates JavaScript in the page after its scripts ran, types, clicks, reads cookies, and takes
screenshots. It also keeps what a test must see empty on a healthy page: Content-Security-Policy
violations and uncaught script exceptions.
"""
import base64
import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time


class DevToolsError(AssertionError):
    """The browser answered a command with an error, a script threw, or something did not happen in time."""


def chromium_executable():
    """$HUB_CHROMIUM, else Debian's `chromium` (the Makefile installs it), else Google's name for it."""
    for candidate in (os.environ.get("HUB_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    raise DevToolsError("no Chromium found: install Debian's chromium package (make deps) or set HUB_CHROMIUM")


class Browser:
    """One headless Chromium process with a throwaway profile, stopped (with its children) by `close()`."""

    def __init__(self, executable=None, timeout=30):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="hub-web-chromium-")
        self._next_id = 0
        self._answers = {}
        self._events = []
        self._condition = threading.Condition()
        self._closed = False
        # Our ends and the browser's, moved to 10 or above so that placing the browser's at 3 and 4
        # cannot overwrite one of them.
        to_browser_read, to_browser_write = (_high(fd) for fd in os.pipe())
        from_browser_read, from_browser_write = (_high(fd) for fd in os.pipe())

        # bash puts the browser's ends at 3 and 4 and closes the originals, then becomes Chromium.
        placing = f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write} {to_browser_read}<&- {from_browser_write}>&-'
        arguments = ["bash", "-c", placing, executable or chromium_executable(), "--headless",
                     "--remote-debugging-pipe",
                     f"--user-data-dir={self.profile}", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--disable-sync",
                     "--disable-component-update", "--disable-features=Translate,MediaRouter",
                     "--hide-scrollbars", "--mute-audio", "--password-store=basic", "about:blank"]
        self.log_path = os.path.join(self.profile, "chromium.log")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                            pass_fds=(to_browser_read, from_browser_write), start_new_session=True)
        for fd in (to_browser_read, from_browser_write):
            os.close(fd)
        self._write_fd = to_browser_write
        self._read_fd = from_browser_read
        self._reader = threading.Thread(target=self._read_messages, name="devtools-reader", daemon=True)
        self._reader.start()
        self.version = self.call("Browser.getVersion")["product"]

    # --- the wire ----------------------------------------------------------------------------------
    def call(self, method, params=None, session=None, timeout=None):
        """Sends one command (to the browser, or to a page's `session`) and returns its `result`."""
        with self._condition:
            self._next_id += 1
            message_id = self._next_id
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._write_fd, data)
            data = data[written:]
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._condition:
            while message_id not in self._answers:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise DevToolsError(f"{method}: no answer from Chromium ({self._why_silent()})")
                self._condition.wait(left)
            answer = self._answers.pop(message_id)
        if "error" in answer:
            raise DevToolsError(f"{method}: {answer['error'].get('message')} {answer['error'].get('data', '')}")
        return answer.get("result", {})

    def events(self, session, since=0):
        """(position, event) of the events of `session` received at or after position `since`."""
        with self._condition:
            return [(index, event) for index, event in enumerate(self._events[since:], start=since)
                    if event.get("sessionId") == session]

    def event_count(self):
        """The position the next event will have (a mark for `events` and `wait_event`)."""
        with self._condition:
            return len(self._events)

    def wait_event(self, session, method, since, matching=lambda params: True, timeout=None):
        """The first event `method` of `session` at or after `since` whose params satisfy `matching`."""
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._condition:
            position = since
            while True:
                while position < len(self._events):
                    event = self._events[position]
                    position += 1
                    if (event.get("sessionId") == session and event.get("method") == method
                            and matching(event.get("params", {}))):
                        return event["params"]
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise DevToolsError(f"no {method} event within {timeout or self.timeout} s")
                self._condition.wait(left)

    def _read_messages(self):
        pending = b""
        while True:
            try:
                chunk = os.read(self._read_fd, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            pending += chunk
            *messages, pending = pending.split(b"\0")
            with self._condition:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._answers[message["id"]] = message
                    else:
                        self._events.append(message)
                self._condition.notify_all()
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    def _why_silent(self):
        if self.process.poll() is not None:
            with open(self.log_path, errors="replace") as log:
                return f"it exited with {self.process.returncode}: {log.read()[-2000:]}"
        return "timed out"

    # --- pages and shutdown ------------------------------------------------------------------------
    def new_tab(self, width=1200, height=900):
        """A fresh page of `width` x `height` CSS pixels, attached and listening, in a browser context of
        its own (its own cookies and permissions: registries on other ports of 127.0.0.1 would otherwise
        share cookies, which ignore the port)."""
        context = self.call("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
        target = self.call("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Tab(self, target, session, width, height, context)

    def close(self):
        """Closes the browser (politely, then its whole process group) and deletes the profile."""
        if self.process.poll() is None:
            try:
                self.call("Browser.close", timeout=5)
            except DevToolsError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # helpers (zygote, renderers) that outlived it
        except ProcessLookupError:
            pass
        self.process.wait()
        for fd in (self._write_fd, self._read_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


class Navigation:
    """What loading one page gave: the final URL, its HTTP status and response headers (lowercase names)."""

    def __init__(self, url, status, headers):
        self.url = url
        self.status = status
        self.headers = {name.lower(): value for name, value in headers.items()}


class Tab:
    """One page of the browser. Every method waits for what it started to finish."""

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
        """A PNG of the page's top `width` x `height` pixels (or of the element `selector`, cut to that
        size); returns the path."""
        if selector:
            box = self.evaluate(f"""(e => {{ const r = e.getBoundingClientRect();
                return [r.x + scrollX, r.y + scrollY, r.width, r.height]; }})(document.querySelector({json.dumps(selector)}))""")
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


def _high(fd):
    """`fd` moved to a number of 10 or more (the old number closed); not inherited by children."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved
