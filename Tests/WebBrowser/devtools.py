"""Headless Chromium driven over the DevTools protocol, with the Python standard library only.

Chromium is started with `--remote-debugging-pipe`: it reads commands from file descriptor 3 and writes
answers and events to file descriptor 4, each message one JSON object followed by a NUL byte. No port, no
websocket, nothing another process on the machine could connect to. One reader thread splits the stream
and files answers by id and events by session; `Browser.call` sends a command and waits for its answer.

Pages are `tab.Tab`s.
"""
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

    # --- shutdown ------------------------------------------------------------------------------------
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


def _high(fd):
    """`fd` moved to a number of 10 or more (the old number closed); not inherited by children."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved
