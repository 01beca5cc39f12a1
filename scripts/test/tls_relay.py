#!/usr/bin/env python3
"""A TLS-terminating TCP relay for tests: stands in for the reverse proxy (nginx, Caddy) that
puts a `hub serve` behind https. Listens on 127.0.0.1 (a free port, printed on the first line of
standard output), completes the TLS handshake with CERT/KEY, and relays the plain bytes to
127.0.0.1:BACKEND_PORT. One thread per connection; each connection's TLS object is used by that
thread only.

    tls_relay.py CERT.pem KEY.pem BACKEND_PORT
"""
import selectors
import socket
import ssl
import sys
import threading


def relay(tls, backend):
    selector = selectors.DefaultSelector()
    selector.register(tls, selectors.EVENT_READ, backend)
    selector.register(backend, selectors.EVENT_READ, tls)
    try:
        while True:
            for key, _ in selector.select():
                source, target = key.fileobj, key.data
                data = source.recv(1 << 16)
                if not data:
                    return
                target.sendall(data)
                # Bytes OpenSSL already decrypted do not make the socket readable again.
                while source is tls and tls.pending():
                    target.sendall(tls.recv(tls.pending()))
    except (OSError, ssl.SSLError):
        return
    finally:
        for sock in (tls, backend):
            try:
                sock.close()
            except OSError:
                pass


def serve(raw, context, backend_port):
    try:
        tls = context.wrap_socket(raw, server_side=True)
    except (OSError, ssl.SSLError):
        raw.close()  # e.g. a client that does not trust the certificate hangs up mid-handshake
        return
    try:
        backend = socket.create_connection(("127.0.0.1", backend_port))
    except OSError:
        tls.close()
        return
    relay(tls, backend)


def main():
    cert, key, backend_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(connection, context, backend_port), daemon=True).start()


if __name__ == "__main__":
    main()
