#!/usr/bin/env python3
"""Scrapes a node's /metrics and reads it with the Prometheus project's own text parser (prometheus_client).

    python3 scripts/check_metrics.py http://127.0.0.1:PORT

Fails unless the text parses and holds the request counter (by route pattern), the latency histogram, the pool-wait
histogram, cache lookups and the province figures, with no commune-level label anywhere.
"""
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def main():
    base = sys.argv[1].rstrip("/")
    urllib.request.urlopen(base + "/healthz").read()
    urllib.request.urlopen(base + "/").read()  # the home page reads through the node's read cache
    with urllib.request.urlopen(base + "/metrics") as response:
        text = response.read().decode()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    requests = families["caunoi_http_requests"]
    assert requests.type == "counter", requests.type
    assert any(s.labels.get("route") == "/healthz" and s.value >= 1 for s in requests.samples), requests.samples[:5]
    assert families["caunoi_http_request_duration_seconds"].type == "histogram"
    # The generation poll samples the pool four times a second; the home page looked up the read cache.
    assert families["caunoi_db_pool_wait_seconds"].type == "histogram"
    assert any(s.name.endswith("_count") and s.value >= 1 for s in families["caunoi_db_pool_wait_seconds"].samples)
    assert {s.labels["cache"] for s in families["caunoi_cache_lookups"].samples} >= {"reads"}
    open_difficulties = families["caunoi_difficulties_open_count"]
    assert {s.labels["province"] for s in open_difficulties.samples} and all(len(s.labels["province"]) == 2 for s in open_difficulties.samples)
    labels = {key for f in families.values() for s in f.samples for key in s.labels}
    assert labels <= {"method", "route", "status", "province", "le", "cache", "result", "state"}, labels
    print(f"metrics: {len(families)} families parsed by prometheus_client, labels {sorted(labels)}")


if __name__ == "__main__":
    main()
