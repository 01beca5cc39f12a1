#!/usr/bin/env python3
"""A malicious or broken registry for client tests: answers each request from a table of crafted
responses, so a test can make it lie about sizes, digests, Content-Length or Content-Range, or
accept no upload bytes at all. Listens on 127.0.0.1 (a free port, printed on the first line of
standard output) and appends one JSON line per request to LOG (time, method, path, headers).

    crafted_registry.py ROUTES.json LOG.jsonl

ROUTES.json is {"routes": [ROUTE, ...]}; the first route whose method matches and whose "path"
(an fnmatch pattern, query string excluded) matches answers. A ROUTE has:
  status         HTTP status (default 200)
  statuses       a list of statuses: the Nth request to this route gets the Nth, the last one from then on
  headers        extra response headers {name: value}
  cycle_headers  a list of header sets, the Nth request to this route gets set N modulo its length
  text | file    the body: a string, or the bytes of a file (relative to ROUTES.json's folder)
  honor_range    answer `Range: bytes=N-` with 206, the body from N and an honest Content-Range
  content_range  a Content-Range header to send as is (overrides the honest one)
  extra_bytes    append this many bytes of "x" to the body (longer than announced)
  send_bytes     send only the first N bytes of the body (with an honest Content-Length)
  content_length a Content-Length to announce instead of the real one
  no_length      send no Content-Length and close the connection after the body
Anything unmatched gets a 404 with the registry's error body.
"""
import fnmatch
import http.server
import json
import os
import socketserver
import sys
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes = []
    folder = "."
    log_path = None
    log_lock = threading.Lock()
    counts = {}

    def log_message(self, *_):
        pass

    def handle_any(self):
        path = self.path.split("?", 1)[0]
        length = int(self.headers.get("Content-Length") or 0)
        received = self.rfile.read(length) if length > 0 else b""
        with Handler.log_lock, open(Handler.log_path, "a") as log:
            log.write(json.dumps({"time": time.time(), "method": self.command, "path": self.path,
                                  "headers": dict(self.headers.items()), "bodyLength": len(received)}) + "\n")
        route = next((r for r in Handler.routes
                      if r.get("method", "GET") == self.command and fnmatch.fnmatchcase(path, r["path"])), None)
        if route is None:
            route = {"status": 404, "text": json.dumps({"errors": [{"code": "NOT_FOUND", "message": "no route"}]})}
        self.answer(route)

    def answer(self, route):
        if "file" in route:
            with open(os.path.join(Handler.folder, route["file"]), "rb") as source:
                body = source.read()
        else:
            body = route.get("text", "").encode()
        status = route.get("status", 200)
        headers = dict(route.get("headers", {}))
        with Handler.log_lock:
            count = Handler.counts.get(id(route), 0)
            Handler.counts[id(route)] = count + 1
        if route.get("statuses"):
            status = route["statuses"][min(count, len(route["statuses"]) - 1)]
        if route.get("cycle_headers"):
            headers.update(route["cycle_headers"][count % len(route["cycle_headers"])])
        requested = self.headers.get("Range", "")
        if route.get("honor_range") and requested.startswith("bytes=") and requested.endswith("-"):
            start = int(requested[len("bytes="):-1])
            headers["Content-Range"] = "bytes %d-%d/%d" % (start, len(body) - 1, len(body))
            body, status = body[start:], 206
        if "content_range" in route:
            headers["Content-Range"] = route["content_range"]
        body += b"x" * route.get("extra_bytes", 0)
        if "send_bytes" in route:
            body = body[:route["send_bytes"]]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if route.get("no_length"):
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(route.get("content_length", len(body))))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
                self.wfile.flush()
            except OSError:
                pass
        if route.get("no_length") or "content_length" in route:
            self.close_connection = True

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    with open(sys.argv[1]) as table:
        Handler.routes = json.load(table)["routes"]
    Handler.folder = os.path.dirname(os.path.abspath(sys.argv[1]))
    Handler.log_path = sys.argv[2]
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
