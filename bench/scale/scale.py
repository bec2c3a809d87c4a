#!/usr/bin/env python3
"""The scale benchmark: corpus, index build, query load, harvest rate and the Java Lucene peer in one run.

Started by bench/scale/run (which installs and builds what it needs). For each corpus size it
  1. generates the corpus (bench/scale/Corpus: OAI-PMH dumps + queries.tsv), once per size and seed;
  2. starts the engine (Release build, SQLite + Lucene on local disk) with a file source on the dumps and
     times dump files -> searchable (harvest, merge, store, index, until the index has the last change);
  3. stops it, deletes the index and times the rebuild from the store;
  4. runs the query mix over HTTP with wrk at each client count (entitlement on: an institution covering
     127.0.0.0/8 subscribed to the source), after a warm-up;
  5. at the first size only: harvests from the real OAI-PMH provider (Catmandu, tools/oai-provider) beside the
     provider's own serving rate, first harvest and re-harvest of records already held;
  6. indexes and searches the same dumps with Java Lucene 8 + SmartCn (bench/scale/java).
Then writes the figures between the scale markers of bench/RESULTS.md and the raw JSON beside the corpus.
Every server listens on 127.0.0.1; every wait is bounded.
"""

import argparse
import base64
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ENGINE = os.path.join(ROOT, "src", "Search.Api", "bin", "Release", "net10.0", "Search.Api.dll")
CORPUS = os.path.join(ROOT, "bench", "scale", "Corpus", "bin", "Release", "net10.0", "Search.Bench.Corpus.dll")
INDEXING = os.path.join(ROOT, "bench", "scale", "Indexing", "bin", "Release", "net10.0", "Search.Bench.Indexing.dll")
WRK_SCRIPT = os.path.join(ROOT, "bench", "scale", "wrk-mix.lua")
RESULTS = os.path.join(ROOT, "bench", "RESULTS.md")
ADMIN = ("admin", "scale-bench-librarian")
SOURCE = "scale"
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"


def log(message):
    print(f"[scale {datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, auth=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read().decode()
        return response.status, (json.loads(text) if text.strip().startswith(("{", "[")) else text)


def wait_for(what, probe, seconds, interval=0.25):
    """Polls probe() until it returns something truthy, at most `seconds`; fails loudly otherwise."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            pass
        time.sleep(interval)
    raise RuntimeError(f"timed out after {seconds} s waiting for {what}")


def du(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(folder, name))
            except OSError:
                pass
    return total


class Engine:
    """One engine process with its own data and config folders."""

    def __init__(self, data_dir, config_dir, log_path):
        self.data_dir, self.config_dir, self.log_path = data_dir, config_dir, log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        env = dict(os.environ, Search__Admin__User=ADMIN[0], Search__Admin__Password=ADMIN[1])
        self.log = open(self.log_path, "a")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            ["dotnet", ENGINE, "--contentRoot", ROOT, "--urls", self.url,
             f"--Search:DataDirectory={self.data_dir}", f"--Search:ConfigDirectory={self.config_dir}", f"--Search:FileSources:AllowedFolders:0={os.path.dirname(os.path.abspath(self.data_dir))}",
             "--Logging:LogLevel:Default=Warning"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        wait_for("the engine to answer", lambda: self.alive() and http("GET", self.url + "/health/live")[0] == 200, 120)
        self.startup_seconds = time.monotonic() - self.started

    def alive(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"the engine exited with {self.process.returncode}; see {self.log_path}")
        return True

    def ready(self):
        return http("GET", self.url + "/health/ready")[1]

    def caught_up(self, minimum_change=1):
        state = self.ready()
        return state if state["indexedChangeId"] >= max(minimum_change, state.get("latestChangeId", 0)) else None

    def peak_rss(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        return 0

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        if getattr(self, "log", None):
            self.log.close()


def source_run(engine, source):
    _, stored = http("GET", f"{engine.url}/api/admin/sources/{source}", auth=ADMIN)
    return stored.get("lastRun") or {}


def generate(size, args):
    folder = os.path.join(args.work, f"corpus-{size}-seed{args.seed}")
    marker = os.path.join(folder, ".complete")
    if os.path.exists(marker):
        log(f"corpus {size}: kept from an earlier run ({folder})")
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    command = ["dotnet", CORPUS, "--records", str(size), "--out", folder, "--seed", str(args.seed), "--queries", str(args.queries)]
    if args.data:
        command += ["--data", args.data]
    log(f"corpus {size}: generating")
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT)
    with open(marker, "w") as f:
        f.write(f"{time.monotonic() - started:.1f}\n")
    return folder


def config_folder(work, corpus):
    folder = os.path.join(work, "config")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "sources"))
    shutil.copy(os.path.join(ROOT, "config", "appsettings.json"), folder)
    with open(os.path.join(folder, "sources", f"{SOURCE}.json"), "w") as f:
        json.dump({"id": SOURCE, "name": "Scale benchmark corpus", "connector": "file",
                   "settings": {"path": os.path.join(corpus, "dumps") if os.path.isdir(os.path.join(corpus, "dumps")) else corpus,
                                "format": "oai-pmh", "pattern": "*.xml"},
                   "schedule": None}, f)
    return folder


def build_and_rebuild(size, corpus, args, rebuild=True):
    """Dump files -> searchable, then a rebuild of the index from the store. Leaves the engine running."""
    data = os.path.join(args.work, f"data-{size}")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    config = config_folder(args.work, corpus)
    engine = Engine(data, config, os.path.join(args.work, f"engine-{size}.log"))
    result = {}
    log(f"{size}: dump files -> searchable")
    engine.start()
    limit = max(600, size / 20)

    def harvested_and_indexed():
        run = source_run(engine, SOURCE)
        if run.get("status") == "failed":
            raise RuntimeError(f"the file harvest failed: {run}")
        return run.get("status") == "succeeded" and engine.caught_up()

    state = wait_for("the file harvest and the index", harvested_and_indexed, limit, interval=0.5)
    seconds = time.monotonic() - engine.started
    run = source_run(engine, SOURCE)
    result["endToEnd"] = {"records": run.get("harvested"), "new": run.get("new"), "quarantined": run.get("quarantined"),
                          "seconds": round(seconds, 1), "recordsPerSecond": round(run.get("harvested", 0) / seconds, 1),
                          "documents": state.get("indexedDocuments"), "startupSeconds": round(engine.startup_seconds, 1),
                          "peakRssBytes": engine.peak_rss()}
    if not rebuild:
        # The index built from the dumps is the one searched (a rebuild of a large corpus takes as long again).
        result["endToEnd"]["segments"] = state.get("indexSegments")
    else:
        engine.stop()
    result["disk"] = {"indexBytes": du(os.path.join(data, "index")),
                      "databaseBytes": sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.startswith("catalog.db"))}

    if rebuild:
        log(f"{size}: rebuild from the store")
        shutil.rmtree(os.path.join(data, "index"))
        engine.start()
        state = wait_for("the rebuilt index", engine.caught_up, limit, interval=0.5)
        seconds = time.monotonic() - engine.started
        records = state["records"]
        result["rebuild"] = {"records": records, "documents": state.get("indexedDocuments"), "seconds": round(seconds, 1),
                             "recordsPerSecond": round(records / seconds, 1), "startupSeconds": round(engine.startup_seconds, 1),
                             "peakRssBytes": engine.peak_rss(), "segments": state.get("indexSegments")}
    # After a large load the engine merges the index down to a few segments in the background (Search:Index:
    # SettledSegments); the queries are measured on the settled index, and the settle is timed on its own.
    log(f"{size}: settling the index")
    settled_at = time.monotonic()
    target = settled_segments()

    def settled():
        ready = engine.ready()
        return ready if not ready.get("indexSettling") and ready.get("indexSegments", 0) <= target else None

    state = wait_for("the settled index", settled, limit, interval=0.5) if target > 0 else engine.ready()
    result["settle"] = {"seconds": round(time.monotonic() - settled_at, 1), "segments": state.get("indexSegments"),
                        "peakRssBytes": engine.peak_rss()}
    result["disk"]["settledIndexBytes"] = du(os.path.join(data, "index"))
    return engine, result


def serve_built(size, corpus, args):
    """Starts an engine on the data folder an earlier run built and waits until its index is open and caught up."""
    data = os.path.join(args.work, f"data-{size}")
    if not os.path.exists(os.path.join(data, "catalog.db")):
        raise SystemExit(f"--reuse: {data} holds no built catalogue")
    engine = Engine(data, config_folder(args.work, corpus), os.path.join(args.work, f"engine-{size}.log"))
    log(f"{size}: serving the data built earlier")
    engine.start()
    wait_for("the index to be caught up", engine.caught_up, 600, interval=0.5)
    return engine


def settled_segments():
    """Search:Index:SettledSegments of the configuration the engine runs with (the engine's default when unset)."""
    with open(os.path.join(ROOT, "config", "appsettings.json"), encoding="utf-8") as f:
        settings = json.load(f)
    return settings.get("Search", {}).get("Index", {}).get("SettledSegments", 2)


def entitle(engine):
    """Entitlement on for the load: 127.0.0.0/8 is an institution subscribed to the corpus's source."""
    http("PUT", f"{engine.url}/api/admin/institutions/bench-local", {"name": "本机测试单位", "ipRanges": ["127.0.0.0/8"], "parent": None}, ADMIN)
    http("PUT", f"{engine.url}/api/admin/packages/bench-all", {"name": "全部", "sources": [SOURCE]}, ADMIN)
    http("PUT", f"{engine.url}/api/admin/subscriptions/bench-sub",
         {"institution": "bench-local", "package": "bench-all", "start": "2020-01-01", "end": "2099-12-31", "seats": None}, ADMIN)


def wrk(engine, queries, clients, seconds):
    threads = max(1, min(clients, 2))
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", WRK_SCRIPT, engine.url, "--", queries],
        check=True, capture_output=True, text=True, timeout=seconds + 120).stdout
    line = [l for l in output.splitlines() if l.startswith("{")][-1]
    figures = json.loads(line)
    figures["clients"] = clients
    return figures


def load(engine, corpus, args):
    queries = os.path.join(corpus, "queries.tsv")
    entitle(engine)
    # Every kind of query once, and a short run to compile the hot paths, before measuring.
    log("load: warm-up")
    wrk(engine, queries, 4, args.warmup)
    figures = []
    for clients in args.clients:
        log(f"load: {clients} clients, {args.duration} s")
        figures.append(wrk(engine, queries, clients, args.duration))
    figures.append({"peakRssBytes": engine.peak_rss()})
    return figures


def dump_to_jsonl(corpus, limit, path):
    """The first `limit` records of the dumps as the OAI-PMH test provider's JSON lines."""
    oai = "{http://www.openarchives.org/OAI/2.0/}"
    dc = "{http://purl.org/dc/elements/1.1/}"
    count = 0
    folder = os.path.join(corpus, "dumps") if os.path.isdir(os.path.join(corpus, "dumps")) else corpus
    with open(path, "w", encoding="utf-8") as out:
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".xml")):
            for _, element in ET.iterparse(os.path.join(folder, name)):
                if element.tag != oai + "record":
                    continue
                header = element.find(oai + "header")
                identifier = header.findtext(oai + "identifier")
                entry = {"_id": identifier.rsplit(":", 1)[-1], "datestamp": header.findtext(oai + "datestamp"), "deleted": False}
                metadata = element.find(oai + "metadata")
                for child in (list(metadata[0]) if metadata is not None and len(metadata) else []):
                    if child.tag.startswith(dc) and child.text:
                        entry.setdefault(child.tag[len(dc):], []).append(child.text)
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
                element.clear()
                count += 1
                if count >= limit:
                    return count
    return count


def provider_rate(base):
    """The provider's own serving rate: every page of ListRecords fetched and counted, nothing else done."""
    started = time.monotonic()
    records = 0
    url = base + "?verb=ListRecords&metadataPrefix=oai_dc"
    for _ in range(1_000_000):
        with urllib.request.urlopen(url, timeout=120) as response:
            body = response.read().decode()
        records += len(re.findall(r"<record>", body))
        token = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
        if not token:
            break
        url = base + "?verb=ListRecords&resumptionToken=" + urllib.parse.quote(token.group(1))
    seconds = time.monotonic() - started
    return {"records": records, "seconds": round(seconds, 1), "recordsPerSecond": round(records / seconds, 1)}


def harvest_once(engine, source, records):
    _, started = http("POST", f"{engine.url}/api/admin/sources/{source}/harvests", {}, ADMIN)
    run_id = started["runId"]
    clock = time.monotonic()

    def finished():
        _, run = http("GET", f"{engine.url}/api/admin/harvests/{run_id}", auth=ADMIN)
        return run if run["status"] != "running" else None

    run = wait_for("the OAI-PMH harvest", finished, max(600, records / 10), interval=0.25)
    seconds = time.monotonic() - clock
    if run["status"] != "succeeded":
        raise RuntimeError(f"the OAI-PMH harvest {run['status']}: {run.get('errors')}")
    return {"records": run["harvested"], "new": run["new"], "updated": run["updated"], "seconds": round(seconds, 1),
            "recordsPerSecond": round(run["harvested"] / seconds, 1)}


def harvest(engine, corpus, args):
    """First harvest and re-harvest from the real provider, beside the provider's own rate."""
    jsonl = os.path.join(args.work, "provider.jsonl")
    count = dump_to_jsonl(corpus, args.harvest_records, jsonl)
    port = free_port()
    provider = subprocess.Popen([os.path.join(ROOT, "tools", "oai-provider", "run"), "--port", str(port), "--data", jsonl,
                                 "--page-size", str(args.page_size), "--repository-id", "scale.example"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{port}/oai"
    try:
        wait_for("the OAI-PMH provider", lambda: http("GET", base + "?verb=Identify")[0] == 200, 60)
        log(f"harvest: provider serving rate ({count} records)")
        served = provider_rate(base)
        source = "scale-oai"
        # The politeness delay between requests is a courtesy to a partner, not the engine's speed: at its default
        # (1 s) any harvest is capped at one page a second, whatever the engine does. The provider is our own, on
        # this machine, so the benchmark sets it (0 by default, as bench/ingest does) and reports it.
        http("PUT", f"{engine.url}/api/admin/sources/{source}",
             {"name": "Scale benchmark, second partner over OAI-PMH", "connector": "oai-pmh",
              "settings": {"baseUrl": base, "metadataPrefix": "oai_dc", "http": {"politenessDelaySeconds": args.politeness}},
              "schedule": None}, ADMIN)
        log("harvest: first harvest")
        first = harvest_once(engine, source, count)
        wait_for("the index", engine.caught_up, 600, interval=0.5)
        # A re-harvest of records already held: the checkpoint forgotten, every record comes again unchanged. First
        # in the running engine (the store is in WAL mode, so the checkpoint can be reset beside it), then again
        # right after a restart, when the harvest's code is compiled anew as it runs.
        with sqlite3.connect(os.path.join(engine.data_dir, "catalog.db"), timeout=30) as db:
            db.execute("UPDATE sources SET checkpoint = NULL WHERE id = ?", (source,))
        log("harvest: re-harvest")
        again = harvest_once(engine, source, count)
        engine.stop()
        with sqlite3.connect(os.path.join(engine.data_dir, "catalog.db")) as db:
            db.execute("UPDATE sources SET checkpoint = NULL WHERE id = ?", (source,))
        engine.start()
        wait_for("the index", engine.caught_up, 600, interval=0.5)
        log("harvest: re-harvest after a restart")
        cold = harvest_once(engine, source, count)
        return {"provider": served, "first": first, "reharvest": again, "reharvestAfterRestart": cold, "pageSize": args.page_size,
                "politenessSeconds": args.politeness}
    finally:
        provider.terminate()
        provider.wait(timeout=30)


def java_peer(size, corpus, args):
    build = os.path.join(args.work, "java-build")
    subprocess.run([os.path.join(ROOT, "bench", "scale", "java", "build.sh"), build], check=True, cwd=ROOT, capture_output=True)
    folder = os.path.join(corpus, "dumps") if os.path.isdir(os.path.join(corpus, "dumps")) else corpus
    index = os.path.join(args.work, f"java-index-{size}")
    shutil.rmtree(index, ignore_errors=True)

    def last_json(output):
        return [json.loads(l) for l in output.splitlines() if l.startswith("{")]

    log(f"{size}: Java Lucene + SmartCn index")
    built = last_json(subprocess.run([os.path.join(build, "peer-indexer"), "--input", folder, "--index", index, "--threads", "2", "--ram-mb", "96"],
                                     check=True, capture_output=True, text=True).stdout)[-1]
    log(f"{size}: Java Lucene + SmartCn analysis only")
    analysis = last_json(subprocess.run([os.path.join(build, "peer-indexer"), "--input", folder, "--analysis-only", "--threads", "2"],
                                        check=True, capture_output=True, text=True).stdout)[-1]
    log(f"{size}: Java Lucene searcher")
    searched = last_json(subprocess.run([os.path.join(build, "peer-searcher"), "--index", index, "--queries", os.path.join(corpus, "queries.tsv"),
                                         "--threads", "1,16", "--seconds", str(args.duration), "--warmup", str(args.warmup)],
                                        check=True, capture_output=True, text=True).stdout)
    shutil.rmtree(index, ignore_errors=True)
    return {"index": built, "analysis": analysis, "search": searched}


def engine_analysis(corpus, args):
    folder = os.path.join(corpus, "dumps") if os.path.isdir(os.path.join(corpus, "dumps")) else corpus
    output = subprocess.run(["dotnet", INDEXING, "--input", folder, "--mode", "analysis", "--threads", "2", "--limit", str(args.analysis_records)],
                            check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in output.splitlines() if l.startswith("{")][-1]


def machine():
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) * 1024
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0] if shutil.which("java") else "none"
    return {"cpu": model, "cores": os.cpu_count(), "memoryBytes": memory, "os": platform.platform(), "dotnet": dotnet, "java": java,
            "loadAverageAtStart": os.getloadavg()}


def gib(n):
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def settle_text(build):
    settle = build.get("settle")
    if not settle:
        return "—"
    before = (build.get("rebuild") or build["endToEnd"]).get("segments", "?")
    return f"{settle['seconds']} s, {before} -> {settle['segments']} segments"


def render(report):
    m = report["machine"]
    lines = [BEGIN, "## Scale (`bench/scale/run`)", "",
             f"Run {report['date']}, `{report['command']}`.", "",
             *[f"The {s['records']:,} figures are from an earlier run: {s['date']}, `{s['command']}`." for s in report["sizes"]
               if s.get("date") and s["date"] != report["date"]],
             *[f"The {s['records']:,} query mix was measured again at {s['loadDate']}: {s['loadNote']}." for s in report["sizes"] if s.get("loadDate")],
             "",
             f"**Machine**: {m['cpu']}, {m['cores']} cores, {gib(m['memoryBytes'])} RAM, {m['os']}, .NET SDK {m['dotnet']}, {m['java']}; "
             f"load average at the start {', '.join(f'{x:.1f}' for x in m['loadAverageAtStart'])} (other work on the machine shows here).", "",
             "**Corpus**: `bench/scale/Corpus` (seed " + str(report["seed"]) + "), OAI-PMH oai_dc dumps read by the file connector; "
             "the query mix is its `queries.tsv` (see the generator's README for the model and the mix).", ""]
    lines += ["### Index build", "",
              "| records | dump files -> searchable | rebuild from the store | Java Lucene 8 + SmartCn, 2 threads | rebuild / Java | end to end / Java | our analysis alone, 2 threads | Java analysis alone | then settled (merged down) | peak RSS (build, rebuild) | index | database |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for size in report["sizes"]:
        r = size["build"]
        java = size.get("java", {}).get("index", {}).get("docsPerSecond")
        jan = size.get("java", {}).get("analysis", {}).get("docsPerSecond")
        java, jan = (round(java) if java else None), (round(jan) if jan else None)
        ours = size.get("analysis", {}).get("recordsPerSecond")
        ratio = (lambda x: f"{x / java:.2f}×" if java else "—")
        rebuilt = r.get("rebuild")
        lines.append(f"| {size['records']:,} | {r['endToEnd']['recordsPerSecond']:,} rec/s ({r['endToEnd']['seconds']} s) | "
                     + (f"{rebuilt['recordsPerSecond']:,} rec/s ({rebuilt['seconds']} s)" if rebuilt else "not run") + f" | {java or '—'} docs/s | "
                     f"{ratio(rebuilt['recordsPerSecond']) if rebuilt else '—'} | {ratio(r['endToEnd']['recordsPerSecond'])} | {ours or '—'} rec/s | {jan or '—'} docs/s | "
                     f"{settle_text(r)} | {gib(r['endToEnd']['peakRssBytes'])}, {gib(rebuilt['peakRssBytes']) if rebuilt else '—'} | {gib(r['disk']['indexBytes'])} | {gib(r['disk']['databaseBytes'])} |")
    lines += ["", "Times include the engine's start (a second or two). Our analysis alone: every indexed field of the first "
              f"{report['analysisRecords']:,} records through the catalogue analyzer (`bench/scale/Indexing --mode analysis`).", ""]
    lines += ["### Query mix over HTTP (wrk, highlighting, facets and entitlement on)", "",
              "| records | clients | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors | peak RSS |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for size in report["sizes"]:
        peak = next((f["peakRssBytes"] for f in size.get("load", []) if "peakRssBytes" in f), 0)
        for f in (f for f in size.get("load", []) if "clients" in f):
            lines.append(f"| {size['records']:,} | {f['clients']} | {f['rps']:.0f} | {f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} | {f['non2xx']} | {f['socketErrors']} | {gib(peak)} |")
    javas = [(s["records"], j) for s in report["sizes"] for j in s.get("java", {}).get("search", [])]
    if javas:
        lines += ["", "Java Lucene 8 in-process on the same records and mix (no HTTP):", "",
                  "| records | threads | queries/s | p50 ms | p99 ms |", "| --- | --- | --- | --- | --- |"]
        for records, j in javas:
            lines.append(f"| {records:,} | {j.get('threads')} | {j.get('queriesPerSecond', j.get('qps', 0)):.0f} | {j.get('p50', 0):.1f} | {j.get('p99', 0):.1f} |")
    h = report.get("harvest")
    if h:
        lines += ["", "### OAI-PMH harvest from the real provider", "",
                  f"Catmandu's OAI-PMH provider (`tools/oai-provider`, page size {h['pageSize']}, politeness delay {h.get('politenessSeconds', 1)} s) serving the first {h['provider']['records']:,} records of the "
                  f"{report['sizes'][0]['records']:,} corpus; the engine already holds them from the file source (a second partner with the same records).", "",
                  "| | records | seconds | rec/s | of the provider's rate |", "| --- | --- | --- | --- | --- |",
                  f"| provider serving, fetch only | {h['provider']['records']:,} | {h['provider']['seconds']} | {h['provider']['recordsPerSecond']:,} | 100 % |"]
        for name, key in (("first harvest", "first"), ("re-harvest (records already held)", "reharvest"),
                          ("re-harvest right after a restart", "reharvestAfterRestart")):
            if key not in h:
                continue
            r = h[key]
            lines.append(f"| {name} | {r['records']:,} | {r['seconds']} | {r['recordsPerSecond']:,} | {100 * r['recordsPerSecond'] / h['provider']['recordsPerSecond']:.0f} % |")
    lines += ["", END]
    return "\n".join(lines)


def earlier_report(work):
    """The raw figures so far (results.json in the work folder), if any: sizes this run does not measure stay in RESULTS.md."""
    path = os.path.join(work, "results.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError):
        return None


def with_earlier_sizes(report, earlier):
    """The report with the sizes this run did not measure carried over from the earlier run (each keeps its date)."""
    if not earlier:
        return report
    measured = {s["records"] for s in report["sizes"]}
    kept = [dict(s, date=s.get("date", earlier.get("date")), command=s.get("command", earlier.get("command")))
            for s in earlier.get("sizes", []) if s["records"] not in measured]
    merged = dict(report, sizes=sorted(report["sizes"] + kept, key=lambda s: s["records"]))
    if "harvest" not in merged and "harvest" in earlier:
        merged["harvest"] = dict(earlier["harvest"], date=earlier["harvest"].get("date", earlier.get("date")))
    return merged


def write_results(report):
    text = open(RESULTS, encoding="utf-8").read() if os.path.exists(RESULTS) else "# Benchmark results\n"
    block = render(report)
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    with open(RESULTS, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", default="100000", help="corpus sizes, comma-separated (100000,1000000,10000000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", default=os.environ.get("SCALE_WORK") or os.path.join(ROOT, "bench", "scale", "output"))
    parser.add_argument("--data", default=os.environ.get("SCALE_DATA"), help="the shared sample-data folder for the generator (optional)")
    parser.add_argument("--clients", default="1,16,64")
    parser.add_argument("--duration", type=int, default=30, help="seconds per load level")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--queries", type=int, default=20000, help="queries in the generated mix")
    parser.add_argument("--harvest-records", type=int, default=20000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--politeness", type=float, default=0.0, help="the OAI-PMH source's politeness delay between requests, seconds")
    parser.add_argument("--analysis-records", type=int, default=20000)
    parser.add_argument("--corpus", help="an existing folder of OAI-PMH dumps with a queries.tsv, used instead of generating one (one size)")
    parser.add_argument("--reuse", action="store_true",
                        help="serve the data folder an earlier run built for each size (engine restarted) and measure the query load only; the build figures stay those of that run")
    parser.add_argument("--skip", default="", help="comma-separated: rebuild, load, harvest, java, analysis")
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    skip = set(filter(None, args.skip.split(",")))
    os.makedirs(args.work, exist_ok=True)
    report = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "command": "bench/scale/run " + " ".join(sys.argv[1:]),
              "machine": machine(), "seed": args.seed, "analysisRecords": args.analysis_records, "sizes": []}
    sizes = [int(s) for s in args.records.split(",")]
    earlier = earlier_report(args.work)
    if args.corpus:
        args.corpus = os.path.abspath(args.corpus)
        sizes = [sum(open(os.path.join(folder, name), "rb").read().count(b"<record>")
                     for folder, _, names in os.walk(args.corpus) for name in names if name.endswith(".xml"))]
        report["corpus"] = args.corpus
    for index, size in enumerate(sizes):
        corpus = args.corpus or generate(size, args)
        entry = {"records": size, "date": report["date"], "command": report["command"]}
        if args.reuse:
            built = next((s for s in (earlier or {}).get("sizes", []) if s["records"] == size and "build" in s), None)
            if built is None:
                raise SystemExit(f"--reuse: no earlier build of {size} records in {args.work}/results.json")
            engine = serve_built(size, corpus, args)
            entry.update(build=built["build"], date=built.get("date"), command=built.get("command"), loadDate=report["date"],
                         loadNote="on the index that run built, the engine restarted (`--reuse`)")
            skip |= {"harvest", "analysis", "java"}
        else:
            engine, entry["build"] = build_and_rebuild(size, corpus, args, rebuild="rebuild" not in skip)
        try:
            if "load" not in skip:
                entry["load"] = load(engine, corpus, args)
            if index == 0 and "harvest" not in skip:
                report["harvest"] = harvest(engine, corpus, args)
        finally:
            engine.stop()
        if "analysis" not in skip:
            entry["analysis"] = engine_analysis(corpus, args)
        if "java" not in skip:
            entry["java"] = java_peer(size, corpus, args)
        report["sizes"].append(entry)
        merged = with_earlier_sizes(report, earlier)
        with open(os.path.join(args.work, "results.json"), "w") as f:
            json.dump(merged, f, indent=1)
        write_results(merged)
        log(f"{size}: written to bench/RESULTS.md")


if __name__ == "__main__":
    main()
