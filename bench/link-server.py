#!/usr/bin/env python3
"""A loopback HTTP server for bench/external-links.sh: the same port on
127.0.0.1 ... 127.0.0.N, every path answering 200 (HTML) after a fixed latency,
on a thread per request. Prints "ready" once listening; counts requests and
prints the count on SIGTERM."""
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, hosts, latency_ms = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
count = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, body):
        global count
        with lock:
            count += 1
        time.sleep(latency_ms / 1000)
        data = b"<!doctype html><title>ok</title><h1 id=\"top\">ok</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def do_HEAD(self):
        self.answer(False)

    def do_GET(self):
        self.answer(True)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


servers = [Server((f"127.0.0.{i}", port), Handler) for i in range(1, hosts + 1)]
for server in servers:
    threading.Thread(target=server.serve_forever, daemon=True).start()


def stop(*_):
    print(count, flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
while True:
    time.sleep(3600)
