#!/usr/bin/env python3
"""OAI-PMH harvest from the real provider, for comparing builds of the engine in one run.

    bench/scale/harvest.py --engines before=OLD/Search.Api.dll after=NEW/Search.Api.dll [--rounds 2]
                           [--records 20000] [--page-size 500] [--politeness 0] [--trace PREFIX]

Generates the corpus (as bench/scale/run does) and builds one snapshot of the engine's data from the file
source, once. Then, for each engine build in turn (rounds interleaved, so the machine's other load falls
on all of them alike): a copy of the snapshot, the provider's records harvested as a second partner (first
harvest: every record merges into a work the file source holds), a re-harvest in the running engine (the
checkpoint reset beside it) and one right after a restart. Each harvest reports its wall time and rate, the
CPU seconds of the engine (and by thread kind: thread pool, tiered compilation, GC), of the provider and of
the whole machine, and how long the index took to catch up after the run ended. JSON on stdout.

bench/scale/run must have been run once (it installs the provider and builds the corpus generator).
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale as S  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / TICK


def tree_cpu(pid):
    """The process and its live children (the provider's start script may fork)."""
    total = 0.0
    try:
        total += process_cpu(pid)
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            for child in f.read().split():
                total += tree_cpu(int(child))
    except FileNotFoundError:
        pass
    return total


def thread_cpu(pid):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                raw = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        parts = raw.rsplit(")", 1)[1].split()
        threads[tid] = (raw[raw.index("(") + 1:raw.rindex(")")], (int(parts[11]) + int(parts[12])) / TICK)
    return threads


def by_kind(before, after):
    kinds = {}
    for tid, (name, seconds) in after.items():
        kinds[name] = kinds.get(name, 0) + seconds - before.get(tid, (name, 0))[1]
    return {k: round(v, 1) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 0.1}


def machine_busy():
    with open("/proc/stat") as f:
        values = list(map(int, f.readline().split()[1:]))
    return (sum(values) - values[3] - values[4]) / TICK


def snapshot(corpus, args):
    folder = os.path.join(args.work, f"snapshot-{args.records}")
    if os.path.exists(os.path.join(folder, ".complete")):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    S.ENGINE = args.engines[0][1]
    engine = S.Engine(folder, S.config_folder(args.work, corpus), os.path.join(args.work, "snapshot.log"))
    engine.start()

    def done():
        run = S.source_run(engine, S.SOURCE)
        return run.get("status") == "succeeded" and engine.caught_up()

    S.log(f"snapshot: {args.records} records from the file source")
    S.wait_for("the file harvest and the index", done, 3600, interval=0.5)
    engine.stop()
    with open(os.path.join(folder, ".complete"), "w") as f:
        f.write("ok\n")
    return folder


def timed_harvest(engine, provider, source, count, args, label):
    tracer = None
    if args.trace:
        tool = shutil.which("dotnet-trace") or os.path.expanduser("~/.dotnet/tools/dotnet-trace")
        tracer = subprocess.Popen([tool, "collect", "-p", str(engine.process.pid), "--profile", "dotnet-sampled-thread-time",
                                   "-o", f"{args.trace}-{label}.nettrace"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3)
    engine_cpu, provider_cpu, busy, threads = process_cpu(engine.process.pid), tree_cpu(provider.pid), machine_busy(), thread_cpu(engine.process.pid)
    result = S.harvest_once(engine, source, count)
    result["engineCpu"] = round(process_cpu(engine.process.pid) - engine_cpu, 1)
    result["engineThreads"] = by_kind(threads, thread_cpu(engine.process.pid))
    result["providerCpu"] = round(tree_cpu(provider.pid) - provider_cpu, 1)
    result["machineCpu"] = round(machine_busy() - busy, 1)
    ended = time.monotonic()
    S.wait_for("the index", engine.caught_up, 1200, interval=0.25)
    result["indexCatchUpSeconds"] = round(time.monotonic() - ended, 1)
    if tracer:
        tracer.send_signal(2)
        tracer.wait(timeout=120)
    S.log(f"{label}: {result}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", nargs="+", required=True, help="NAME=path/to/Search.Api.dll, one per build")
    parser.add_argument("--records", type=int, default=20000, help="corpus size (all of it is served by the provider)")
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--politeness", type=float, default=0.0, help="the OAI-PMH source's politeness delay, seconds")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", default=os.environ.get("SCALE_WORK") or os.path.join(S.ROOT, "bench", "scale", "output", "harvest"))
    parser.add_argument("--trace", help="dotnet-trace each harvest into PREFIX-<label>.nettrace")
    args = parser.parse_args()
    args.engines = [tuple(spec.split("=", 1)) for spec in args.engines]
    args.data, args.queries = None, 2000
    os.makedirs(args.work, exist_ok=True)

    corpus = S.generate(args.records, args)
    base_data = snapshot(corpus, args)
    config = S.config_folder(args.work, corpus)
    jsonl = os.path.join(args.work, "provider.jsonl")
    count = S.dump_to_jsonl(corpus, args.records, jsonl)
    port = S.free_port()
    provider = subprocess.Popen([os.path.join(S.ROOT, "tools", "oai-provider", "run"), "--port", str(port), "--data", jsonl,
                                 "--page-size", str(args.page_size), "--repository-id", "scale.example"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=S.ROOT)
    base = f"http://127.0.0.1:{port}/oai"
    report = {"records": count, "pageSize": args.page_size, "politenessSeconds": args.politeness, "provider": [], "engines": {}}
    try:
        S.wait_for("the OAI-PMH provider", lambda: S.http("GET", base + "?verb=Identify")[0] == 200, 60)
        for round_number in range(args.rounds):
            provider_cpu = tree_cpu(provider.pid)
            served = S.provider_rate(base)
            served["providerCpu"] = round(tree_cpu(provider.pid) - provider_cpu, 1)
            report["provider"].append(served)
            S.log(f"provider: {served}")
            for name, dll in args.engines:
                S.ENGINE = dll
                data = os.path.join(args.work, f"data-{name}")
                shutil.rmtree(data, ignore_errors=True)
                shutil.copytree(base_data, data)
                engine = S.Engine(data, config, os.path.join(args.work, f"engine-{name}.log"))
                engine.start()
                S.wait_for("the index", engine.caught_up, 600, interval=0.5)
                source = "scale-oai"
                S.http("PUT", f"{engine.url}/api/admin/sources/{source}",
                       {"name": "Second partner over OAI-PMH", "connector": "oai-pmh",
                        "settings": {"baseUrl": base, "metadataPrefix": "oai_dc", "http": {"politenessDelaySeconds": args.politeness}},
                        "schedule": None}, S.ADMIN)
                figures = {"first": timed_harvest(engine, provider, source, count, args, f"{name}-{round_number}-first")}
                with sqlite3.connect(os.path.join(data, "catalog.db"), timeout=30) as db:
                    db.execute("UPDATE sources SET checkpoint = NULL WHERE id = ?", (source,))
                figures["reharvest"] = timed_harvest(engine, provider, source, count, args, f"{name}-{round_number}-reharvest")
                engine.stop()
                with sqlite3.connect(os.path.join(data, "catalog.db")) as db:
                    db.execute("UPDATE sources SET checkpoint = NULL WHERE id = ?", (source,))
                engine.start()
                S.wait_for("the index", engine.caught_up, 600, interval=0.5)
                figures["reharvestAfterRestart"] = timed_harvest(engine, provider, source, count, args, f"{name}-{round_number}-restarted")
                engine.stop()
                report["engines"].setdefault(name, []).append(figures)
    finally:
        provider.terminate()
        provider.wait(timeout=30)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
