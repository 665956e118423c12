"""A light HTTP load: N clients, each on its own keep-alive connection, posting pre-encoded bodies one after another.

Python threads with urllib open a connection per request and spend ~1-2 ms of CPU on each, on the same two cores as
the server under test; this client spends a few tens of microseconds a request (one asyncio loop, requests built before
the clock starts), so what is measured is the server's pace. Each request's latency is its own wall time from the
first byte written to the last byte of its answer read.
"""
import asyncio, re, time, urllib.parse

CREATED = re.compile(rb'"created"\s*:\s*(\d+)')


def post_all(base, path, token, bodies, clients):
    """Posts every body once, `clients` at a time. Returns (created, elapsed seconds, sorted latencies, statuses)."""
    return asyncio.run(_post_all(base, path, token, bodies, clients))


async def _post_all(base, path, token, bodies, clients):
    url = urllib.parse.urlsplit(base)
    head = (f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
            "Content-Type: application/json\r\n").encode()
    requests = [head + b"Content-Length: %d\r\n\r\n" % len(body) + body for body in bodies]
    connections = [await asyncio.open_connection(url.hostname, url.port) for _ in range(clients)]
    latencies, statuses, created, queue = [], {}, [0], iter(requests)

    async def client(reader, writer):
        for request in queue:  # one shared iterator: each request is sent exactly once
            began = time.perf_counter()
            writer.write(request)
            status = int((await reader.readline()).split()[1])
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            answer = await reader.readexactly(length)
            latencies.append(time.perf_counter() - began)
            statuses[status] = statuses.get(status, 0) + 1
            found = CREATED.search(answer)
            created[0] += int(found.group(1)) if found else 0
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client(r, w) for r, w in connections))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return created[0], elapsed, latencies, statuses


def p50(latencies):
    """Of sorted latencies."""
    return latencies[len(latencies) // 2]


def p99(latencies):
    """Of sorted latencies."""
    return latencies[int(len(latencies) * 0.99) - 1]
