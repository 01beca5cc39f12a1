"""A loopback HTTP proxy in front of `hub serve` that drops the connection in the middle of one body.

The first GET whose path ends with `cut_path_suffix` gets its status, headers and the first `cut_after`
bytes of its body, then the connection is closed: what a client sees when a network drops mid-download.
Every request is recorded (method, path, Range header, status) so a test can see how the client resumed.
"""
import http.client
import http.server
import threading
import urllib.parse

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class CuttingProxy:
    def __init__(self, upstream, cut_path_suffix, cut_after):
        self.upstream = urllib.parse.urlsplit(upstream)
        self.cut_path_suffix = cut_path_suffix
        self.cut_after = cut_after
        self.cuts_left = 1
        self.requests = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *arguments):
                pass

            def do_GET(self):
                proxy.forward(self)

            do_HEAD = do_POST = do_PUT = do_GET

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exception):
        self.httpd.shutdown()
        self.httpd.server_close()

    def forward(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {key: value for key, value in handler.headers.items()
                   if key.lower() not in HOP_BY_HOP and key.lower() != "host"}
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        connection.request(handler.command, handler.path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        with self.lock:
            self.requests.append((handler.command, handler.path, handler.headers.get("Range"), response.status))
            cut = (handler.command == "GET" and handler.path.endswith(self.cut_path_suffix)
                   and self.cuts_left > 0 and len(payload) > self.cut_after)
            if cut:
                self.cuts_left -= 1
        handler.send_response(response.status)
        forwarded = [(key, value) for key, value in response.getheaders() if key.lower() not in HOP_BY_HOP]
        for key, value in forwarded:
            handler.send_header(key, value)
        if handler.command != "HEAD" and not any(key.lower() == "content-length" for key, _ in forwarded):
            handler.send_header("Content-Length", str(len(payload)))  # the upstream body was chunked
        handler.end_headers()
        if handler.command == "HEAD":
            return
        if cut:
            handler.wfile.write(payload[:self.cut_after])
            handler.wfile.flush()
            handler.close_connection = True
            handler.connection.shutdown(2)
            return
        handler.wfile.write(payload)
