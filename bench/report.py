#!/usr/bin/python3
"""Writes docs/benchmarks.md and the latency-vs-size chart from a bench/run.sh results dir.

Usage: report.py RESULTS_DIR OUT_MD OUT_PNG
The handwritten text lives in bench/report_template.md; every {{name}} there is filled here.
"""
import glob
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

ORDER = ["tiny", "demo", "medium", "beeline", "beeline2x", "beeline5x"]
BENCH = "build/bench/linea_bench"
DATA = "build/bench-data"
SQL_CORPUS = "build/bench-results/sql-corpus.sql"


def load_json(path):
    return json.load(open(path)) if os.path.exists(path) else None


def scales(res, prefix):
    found = [os.path.basename(p)[len(prefix) + 1:-5] for p in glob.glob(f"{res}/{prefix}-*.json")]
    return sorted(found, key=lambda s: (ORDER.index(s) if s in ORDER else 99, s))


def bench_row(doc, name):
    for b in (doc or {}).get("benchmarks", []):
        if b["name"].split("/")[0] == name:
            return b
    return None


def us(v):
    if v is None:
        return "–"
    if v < 1000:
        return f"{v:.3g} µs" if v < 100 else f"{v:.0f} µs"
    if v < 1e6:
        return f"{v / 1000:.3g} ms"
    return f"{v / 1e6:.3g} s"


def ms(v):
    """Formats milliseconds."""
    return us(None if v is None else v * 1000)


def secs(v):
    """Formats seconds."""
    return us(None if v is None else v * 1e6)


def mib(v):
    """Formats MiB."""
    return f"{v / 1024:.1f} GiB" if v >= 1024 else f"{v:.0f} MiB"


def num(v):
    return f"{v:,}"


def ratio(a, b):
    return f"{a / b:,.0f}×" if a and b and a / b >= 10 else (f"{a / b:.1f}×" if a and b else "–")


def time_ms(b):
    """A Google Benchmark row's time per iteration in ms."""
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
    return b["real_time"] * scale


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)


def machine(res):
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.processor())
    gxx = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    debian = open("/etc/debian_version").read().strip() if os.path.exists("/etc/debian_version") else "?"
    pg = next((load_json(p).get("server_version") for p in glob.glob(f"{res}/baseline-postgresql-*")), "–")
    try:
        import networkx
        nx = networkx.__version__
    except ImportError:
        nx = "–"
    glot = (load_json(f"{res}/sql-sqlglot.json") or {}).get("sqlglot_version", "–")
    run = load_json(f"{res}/run.json") or {}
    total = sum(sec for _, sec, _ in run_steps(res)) / 60
    env = " ".join(f"{k}='{v}'" if " " in v else f"{k}={v}"
                   for k, v in sorted(run.get("env", {}).items()))
    suite = load_json(sorted(glob.glob(f"{res}/suite-*.json") + glob.glob(f"{res}/curve-*.json"))[0])
    date = suite["context"]["date"][:16].replace("T", " ") if suite else "?"
    short = f"{os.cpu_count()} cores, {mem / 2**20:.0f} GiB RAM"
    rows = [("cores / RAM", short), ("CPU", cpu), ("OS", f"Debian {debian}, Linux {platform.release()}"),
            ("compiler / build", f"{gxx}, RelWithDebInfo (-O2)"),
            ("baselines", f"PostgreSQL {pg}, NetworkX {nx}, sqlglot {glot}, "
                          f"Python {platform.python_version()}"),
            ("run", f"`{(env + ' ') if env else ''}make bench` at {date} UTC: suites on "
                    f"{run.get('suite_scales', '?')}, curve and baselines on {run.get('curve', '?')}; "
                    f"{total:.1f} min from a fresh clone, build excluded (see the last section)")]
    return short, "## Machine\n\n" + table(["", ""], rows)


def gen_seconds(res, scale):
    """Wall seconds of the recorded `linea generate` of a mesh, or None."""
    path = f"{res}/gen-{scale}.txt"
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)",
                     open(path).read()) if os.path.exists(path) else None
    if not wall:
        return None
    parts = [float(x) for x in wall.group(1).split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))


def run_steps(res):
    """(step, seconds, note) for every step of the run, plus the recorded generation of the
    meshes the run found cached (their time is part of a run from a fresh clone)."""
    path = f"{res}/steps.tsv"
    lines = open(path).read().split("\n") if os.path.exists(path) else []
    steps = [(n, int(t), "") for n, t in (line.split("\t") for line in lines if line)]
    done = {n for n, _, _ in steps}
    for scale in scales(res, "mesh"):
        sec = gen_seconds(res, scale)
        if f"generate-{scale}" not in done and sec is not None:
            steps.append((f"generate-{scale}", round(sec), "cached; recorded time"))
    return sorted(steps, key=lambda st: not st[0].startswith("generate"))


DEFAULT_STEPS = {"suites-medium", "http-medium", "sample-all", "sql"} | {
    f"{k}-{s}" for k in ("generate", "sample", "curve", "baselines")
    for s in ("tiny", "demo", "medium", "beeline")}


def steps_table(res):
    steps = run_steps(res)
    rows = [[f"`{n}`", f"{t:,} s", note] for n, t, note in steps]
    total = sum(t for _, t, _ in steps)
    default = sum(t for n, t, _ in steps if n in DEFAULT_STEPS)
    rows.append(["**all of the above**", f"**{total / 60:.1f} min**", ""])
    rows.append(["**default `make bench`** (suites on medium, curve and baselines up to beeline)",
                 f"**{default / 60:.1f} min**", "the steps of that configuration"])
    return ("## Where the run's time goes\n\nWall time per step of this run (`build/bench-results/"
            "steps.tsv`); meshes found in the cache count with the time recorded when they were "
            "generated, so the totals are those of a run from a fresh clone, build excluded.\n\n" +
            table(["step", "wall", "note"], rows)), total, default


def gen_stats(res, scale):
    path = f"{res}/gen-{scale}.txt"
    if not os.path.exists(path):
        return "cached db (not re-measured)"
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    parts = [float(x) for x in wall.group(1).split(":")] if wall else []
    wall_s = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return f"{wall_s:.3g} s, {mib(int(rss.group(1)) / 1024)} peak" if wall and rss else "?"


def cmd(s):
    return f"`{s}`"


def curve_cmd(scale):
    return cmd(f"LINEA_BENCH_SCALE={scale} {BENCH} --benchmark_filter='ImpactFromRawColumn|OpenCatalog'")


def side_by_side(res):
    rows, loads, commands = [], [], []
    for s in scales(res, "same-roots"):
        mesh = load_json(f"{res}/mesh-{s}.json")
        lin = bench_row(load_json(f"{res}/same-roots-{s}.json"), "BM_ImpactBaselineRoots")
        pg = load_json(f"{res}/baseline-postgresql-{s}.json")
        nx = load_json(f"{res}/baseline-networkx-{s}.json")
        check = open(f"{res}/check-{s}.txt").read() if os.path.exists(f"{res}/check-{s}.txt") else ""
        agree = "yes, all 3" if "3 systems agree" in check else (
            "yes (linea, PostgreSQL)" if "2 systems agree" in check else "**NO**")
        lp50, lp99 = lin["p50_us"], lin["p99_us"]
        pair = lambda b: f"{us(b['p50_us'])} / {us(b['p99_us'])}" if b else "skipped"
        rat = lambda b: f"{ratio(b['p50_us'], lp50)} / {ratio(b['p99_us'], lp99)}" if b else "–"
        rows.append([s, f"{num(mesh['assets'])} / {num(mesh['links'])}", num(mesh["roots"]),
                     f"**{us(lp50)} / {us(lp99)}**", pair(pg), rat(pg), pair(nx), rat(nx), agree])
        open_b = bench_row(load_json(f"{res}/curve-{s}.json"), "BM_OpenCatalog")
        loads.append([s, ms(time_ms(open_b)) if open_b else "–",
                      secs(pg["load_seconds"]) if pg else "–", mib(pg["db_mib"]) if pg else "–",
                      secs(nx["load_seconds"]) if nx else "–",
                      mib(nx["peak_rss_mib"]) if nx else "–"])
    s = "<scale>"
    commands = [
        f"- linea: {cmd(f'LINEA_BENCH_SCALE={s} LINEA_BENCH_ROOTS=build/bench-results/roots-{s}.txt {BENCH} --benchmark_filter=BaselineRoots')} (in-process `Catalog::Impact`, full report)",
        f"- PostgreSQL: {cmd(f'bash bench/baselines/postgres.sh {DATA}/{s}.db build/bench-results/roots-{s}.txt {s} pg.json')}",
        f"- NetworkX: {cmd(f'/usr/bin/python3 bench/baselines/nx_impact.py {DATA}/{s}.db build/bench-results/roots-{s}.txt {s} nx.json')}",
        f"- answers: {cmd(f'/usr/bin/python3 bench/baselines/linea_impact.py build/linea {DATA}/{s}.db build/bench-results/roots-{s}.txt {s} linea.json')}, then {cmd('bench/baselines/check.py linea.json nx.json pg.json')}",
        "- roots: " + cmd(f"sqlite3 {DATA}/{s}.db \"SELECT fqn FROM assets WHERE kind = 2 AND "
                          r"fqn LIKE '%.raw\_%' ESCAPE '\\' ORDER BY fqn" '"' r" | awk 'NR % 97 == 1'"),
        f"- linea open: {curve_cmd(s)}"]
    return ("### Impact latency per root (same roots, same answers)\n\n" +
            table(["mesh", "assets / links", "roots", "linea p50 / p99", "PostgreSQL p50 / p99",
                   "PostgreSQL ÷ linea", "NetworkX p50 / p99", "NetworkX ÷ linea",
                   "same answers"], rows) +
            "\n\n### Getting the graph ready\n\n"
            "linea: open the SQLite store and build the graph (`BM_OpenCatalog`). PostgreSQL: `COPY` "
            "of assets and links, indexes, `ANALYZE` (reading the SQLite file in Python excluded). "
            "NetworkX: read the SQLite file and build the `DiGraph`.\n\n" +
            table(["mesh", "linea open", "PostgreSQL COPY + index", "PostgreSQL db size",
                   "NetworkX read + build", "NetworkX peak RSS"], loads) +
            "\n\nCommands (`<scale>` = the mesh of the row):\n\n" + "\n".join(commands))


def curve(res):
    rows, points = [], []
    for s in scales(res, "curve"):
        mesh = load_json(f"{res}/mesh-{s}.json")
        doc = load_json(f"{res}/curve-{s}.json")
        imp, opn = bench_row(doc, "BM_ImpactFromRawColumn"), bench_row(doc, "BM_OpenCatalog")
        cli = load_json(f"{res}/cli-{s}.json") or {}
        missed = [f"{what} {shown} > {limit}" for what, value, bound, shown, limit in (
            ("impact p50", imp["p50_us"], 1000, us(imp["p50_us"]), "1 ms"),
            ("impact p99", imp["p99_us"], 10000, us(imp["p99_us"]), "10 ms"),
            ("open", time_ms(opn), 10000, ms(time_ms(opn)), "10 s"),
            ("CLI RSS", cli.get("max_rss_kib", 0), 1.5 * 2**20,
             mib(cli.get("max_rss_kib", 0) / 1024), "1.5 GiB")) if value > bound]
        rows.append([s, num(mesh["assets"]), num(mesh["links"]), us(imp["p50_us"]), us(imp["p99_us"]),
                     ms(time_ms(opn)), mib(opn["rss_MiB"]),
                     mib(cli.get("max_rss_kib", 0) / 1024), f"{cli.get('seconds', 0):.2f} s",
                     gen_stats(res, s), "met" if not missed else "**MISSED**: " + "; ".join(missed)])
        same = bench_row(load_json(f"{res}/same-roots-{s}.json"), "BM_ImpactBaselineRoots")
        pg = load_json(f"{res}/baseline-postgresql-{s}.json")
        nx = load_json(f"{res}/baseline-networkx-{s}.json")
        val = lambda b, k: b[k] if b else float("nan")
        points.append([s, mesh["assets"], val(same or imp, "p50_us"), val(same or imp, "p99_us"),
                       val(pg, "p50_us"), val(pg, "p99_us"), val(nx, "p50_us"), val(nx, "p99_us")])
    text = table(["mesh", "assets", "links", "impact p50", "impact p99", "open (store + graph)",
                  "RSS added by open", "one-shot CLI peak RSS", "one-shot CLI wall",
                  "`linea generate`", "beeline goals at this size"], rows)
    text += ("\n\nCommands: impact and open {c}; one-shot CLI `/usr/bin/time -f %M build/linea impact "
             "<first sampled root> --db {d}/<scale>.db`; generation `/usr/bin/time -v build/linea "
             "generate --scale <scale> [--multiplier N] --db {d}/<scale>.db` (record kept in "
             "`{d}/<scale>.gen.txt`). The chart plots the side-by-side numbers (same roots for all "
             "three; linea in-process).").format(c=curve_cmd("<scale>"), d=DATA)
    return text, points


def chart(points, png):
    if not points:
        return
    os.makedirs(os.path.dirname(png), exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".dat", delete=False) as f:
        for p in points:
            label = {"beeline2x": "2×", "beeline5x": "5×"}.get(p[0], p[0])
            f.write(" ".join("NaN" if v != v else str(v) for v in p[1:]) + f" {label}\n")
        dat = f.name
    series = [(2, "linea p50", 1, 1), (3, "linea p99", 1, 2), (4, "PostgreSQL CTE p50", 7, 1),
              (5, "PostgreSQL CTE p99", 7, 2), (6, "NetworkX p50", 4, 1), (7, "NetworkX p99", 4, 2)]
    plots = ", ".join(f"'{dat}' using 1:{c} with linespoints lc {lc} dt {dt} pt 7 title '{t}'"
                      for c, t, lc, dt in series)
    plots += f", '{dat}' using 1:(1):8 with labels offset 0,1 notitle"
    script = f"""set terminal pngcairo size 960,600 font 'sans,11'
set output '{png}'
set title 'Impact from a raw-layer column: latency per root vs mesh size ({os.cpu_count()} cores)'
set logscale xy
set xlabel 'assets in the mesh (2×, 5×: beeline multiplied)'
set ylabel 'latency per root (µs)'
set format x '%.0s%c'
set grid
set key outside right top
set yrange [0.5:*]
set xrange [50:*]
plot {plots}
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    os.unlink(dat)


SUITE_NAMES = {"BM_ImpactFromRawColumn": "impact from a raw-layer column",
               "BM_UpstreamOfModel": "upstream of a model",
               "BM_SearchTypo": "search (typo queries)",
               "BM_SearchQuery": "search, one query of the mix:",
               "BM_OpenCatalog": "open: SQLite scan + graph build",
               "BM_ApplyManifest1000Features":
                   "apply a 1,000-feature manifest (parse, plan, diff, 1 txn)",
               "BM_SqlLineageEtlStatements": "SQL lineage of 1–3 KB ETL statements (parse + resolve)"}
STANDARD_KEYS = {"name", "family_index", "per_family_instance_index", "run_name", "run_type",
                 "repetitions", "repetition_index", "threads", "iterations", "real_time",
                 "cpu_time", "time_unit", "p50_us", "p99_us", "label", "error_occurred",
                 "error_message", "aggregate_name", "aggregate_unit"}


def counters(b):
    out = []
    for k, v in b.items():
        if k in STANDARD_KEYS or not isinstance(v, (int, float)):
            continue
        out.append(f"{v:,.0f}/s" if k == "items_per_second" else f"{k} {v:,.0f}")
    return ", ".join(out)


def suites(res):
    out = []
    for s in scales(res, "suite"):
        doc, mesh = load_json(f"{res}/suite-{s}.json"), load_json(f"{res}/mesh-{s}.json")
        rows = []
        for b in doc["benchmarks"]:
            if b.get("run_type") != "iteration":
                continue
            parts = b["name"].split("/")
            name = parts[0]
            # A family with arguments (BM_SearchQuery/3): one row each, named by its label.
            filt = f"{name}/{parts[1]}/" if len(parts) > 1 and parts[1].isdigit() else name
            what = SUITE_NAMES.get(name, name) + (f" `{b['label']}`" if b.get("label") else "")
            p50 = us(b["p50_us"]) if "p50_us" in b else "–"
            p99 = us(b["p99_us"]) if "p99_us" in b else "–"
            rows.append([what, p50, p99, ms(time_ms(b)),
                         num(b["iterations"]), counters(b),
                         cmd(f"LINEA_BENCH_SCALE={s} {BENCH} --benchmark_filter='{filt}'")])
        out.append(f"## Core engine on the `{s}` mesh ({num(mesh['assets'])} assets, "
                   f"{num(mesh['links'])} links)\n\n" +
                   table(["what", "p50", "p99", "mean per iteration", "iterations", "counters",
                          "command"], rows) +
                   f"\n\nWhole suite: `LINEA_BENCH_SCALE={s} {BENCH} "
                   "--benchmark_filter='-BaselineRoots|SqlLineage'`, run by `make bench` on a "
                   "scratch copy of the cached mesh (the manifest benchmark writes a 1,000-feature "
                   "model into its db); SQL lineage has its own section.")
    return "\n\n".join(out)


def parse_wrk(text):
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    head = re.search(r"scale=\S+, (\d+) roots", text)
    to_us = lambda v: float(v[:-2]) * 1000 if v.endswith("ms") else (
        float(v[:-2]) if v.endswith("us") else float(v[:-1]) * 1e6)
    return {k: to_us(v) for k, v in pct.items()}, float(rps.group(1)) if rps else None, \
        total.groups() if total else ("?", "?"), head.group(1) if head else "?"


def http(res):
    rows = []
    for path in sorted(glob.glob(f"{res}/http-*.txt"), key=lambda p: ORDER.index(p[len(res) + 6:-4])
                       if p[len(res) + 6:-4] in ORDER else 99):
        s = os.path.basename(path)[5:-4]
        pct, rps, (n, dur), roots = parse_wrk(open(path).read())
        rows.append([s, num(int(roots)) if roots.isdigit() else roots, us(pct.get("50")), us(pct.get("90")), f"**{us(pct.get('99'))}**",
                     f"**{rps:,.0f}**" if rps else "–", f"{int(n):,} in {dur}" if n != "?" else "?",
                     cmd(f"LINEA_BENCH_SCALE={s} bash bench/http/run.sh")])
    return table(["mesh", "roots", "p50", "p90", "p99", "requests/s", "requests", "command"], rows)


def goals(res):
    curve_s = scales(res, "curve")
    big = "beeline" if "beeline" in curve_s else (curve_s[-1] if curve_s else None)
    suite_s = scales(res, "suite")
    sbig = "beeline" if "beeline" in suite_s else (suite_s[-1] if suite_s else None)
    rows = []

    def add(what, goal, scale, value, ok, command):
        status = "not measured" if value is None else ("met" if ok else "**MISSED**")
        where = f"{scale}" + ("" if scale in ("beeline", "all", "–", None) else " (not beeline)")
        rows.append([what, goal, where, value or "–", status, command])

    doc = load_json(f"{res}/curve-{big}.json") if big else None
    imp, opn = bench_row(doc, "BM_ImpactFromRawColumn"), bench_row(doc, "BM_OpenCatalog")
    add("impact p50 (in-process)", "≤ 1 ms", big, imp and us(imp["p50_us"]),
        imp and imp["p50_us"] <= 1000, curve_cmd(big))
    add("impact p99 (in-process)", "≤ 10 ms", big, imp and us(imp["p99_us"]),
        imp and imp["p99_us"] <= 10000, curve_cmd(big))
    add("open the store (SQLite scan + graph)", "≤ 10 s", big, opn and ms(time_ms(opn)),
        opn and time_ms(opn) <= 10000, curve_cmd(big))
    cli = load_json(f"{res}/cli-{big}.json") if big else None
    add("RSS after open + one impact (one-shot CLI)", "≤ 1.5 GiB", big,
        cli and f"{cli['max_rss_kib'] / 1024:.0f} MiB", cli and cli["max_rss_kib"] <= 1.5 * 2**20,
        cmd("/usr/bin/time -f %M " + open(f"{res}/cli-{big}.cmd").read().strip()) if cli else "")
    man = bench_row(load_json(f"{res}/suite-{sbig}.json"), "BM_ApplyManifest1000Features") if sbig else None
    add("apply a 1,000-feature manifest", "≤ 100 ms", sbig, man and ms(time_ms(man)),
        man and time_ms(man) <= 100,
        cmd(f"LINEA_BENCH_SCALE={sbig} {BENCH} --benchmark_filter=Manifest"))
    srch = bench_row(load_json(f"{res}/suite-{sbig}.json"), "BM_SearchTypo") if sbig else None
    scmd = cmd(f"LINEA_BENCH_SCALE={sbig} {BENCH} --benchmark_filter=BM_Search")
    add("search p50 (the query mix, in-process)", "≤ 2 ms", sbig, srch and us(srch["p50_us"]),
        srch and srch["p50_us"] <= 2000, scmd)
    add("search p99 (the query mix, in-process)", "≤ 5 ms", sbig, srch and us(srch["p99_us"]),
        srch and srch["p99_us"] <= 5000, scmd)
    sql = bench_row(load_json(f"{res}/sql-linea.json"), "BM_SqlLineageEtlStatements")
    rate = sql and sql.get("items_per_second", 0)
    add("SQL lineage of 1–3 KB ETL statements, statements/s (1 thread)", "≥ 20,000", "–",
        sql and f"{rate:,.0f}", sql and rate >= 20000,
        cmd(f"{BENCH} --benchmark_filter=SqlLineage"))
    hpath = f"{res}/http-{sbig}.txt"
    pct, rps = (parse_wrk(open(hpath).read())[:2]) if os.path.exists(hpath) else ({}, None)
    hcmd = cmd(f"LINEA_BENCH_SCALE={sbig} bash bench/http/run.sh")
    add("HTTP impact p99 at 8 clients", "≤ 25 ms", sbig, pct.get("99") and us(pct["99"]),
        pct.get("99", 1e9) <= 25000, hcmd)
    add("HTTP impact requests/s", "≥ 5,000", sbig, rps and f"{rps:,.0f}", (rps or 0) >= 5000, hcmd)
    # Data quality (issue #18): the suite's quality benchmarks and the HTTP ingest.
    qdoc = load_json(f"{res}/suite-{sbig}.json") if sbig else None
    qrows = [b for b in (qdoc or {}).get("benchmarks", [])
             if b["name"].startswith("BM_RecordQualityResults/") and "cache:1" in b["name"]
             and b.get("run_type") == "iteration"]
    qrate = min((b.get("items_per_second", 0) for b in qrows), default=None)
    add("quality ingest in-process with the history cache, results/s (slowest kind and batch)", "≥ 100,000", sbig,
        qrate and f"{qrate:,.0f}", qrate and qrate >= 100000,
        cmd(f"LINEA_BENCH_SCALE={sbig} {BENCH} --benchmark_filter=RecordQualityResults"))
    qpath = f"{res}/http-quality.txt"
    qhttp = re.search(r"results/s: (\d+)", open(qpath).read()) if os.path.exists(qpath) else None
    qhttp = qhttp and int(qhttp.group(1))
    add("quality ingest over HTTP, results/s", "≥ 10,000", "demo", qhttp and f"{qhttp:,}",
        qhttp and qhttp >= 10000, cmd("bash bench/http/quality.sh"))
    period = next((b for b in (qdoc or {}).get("benchmarks", [])
                   if b["name"].startswith("BM_EvaluateMeshPeriod/cache:0")), None)
    add("evaluate one period of every check (history read from the store)", "≤ 10 s", sbig, period and ms(time_ms(period)),
        period and time_ms(period) <= 10000,
        cmd(f"LINEA_BENCH_SCALE={sbig} {BENCH} --benchmark_filter=EvaluateMeshPeriod"))
    report = bench_row(qdoc, "BM_StabilityReport")
    add("build + render one model's monthly stability report", "≤ 200 ms", "demo",
        report and ms(time_ms(report)), report and time_ms(report) <= 200,
        cmd(f"LINEA_BENCH_SCALE={sbig} {BENCH} --benchmark_filter=StabilityReport"))
    default = steps_table(res)[2]
    add("`make bench` from a fresh clone, build excluded", "< 30 min", "all",
        f"{default / 60:.1f} min", default < 1800, cmd("make bench"))
    return table(["what", "goal", "mesh", "measured", "status", "command"], rows) + (
        "\n\nGoals are from issues #2 (engine), #3 (server), #4 (SQL lineage, no mesh), #17"
        " (search) and #18 (data quality; the report on the demo mesh, as issue #18 measures it)"
        " and are"
        " set for the `beeline` mesh;"
        " a row measured on a smaller mesh says so. Fresh clone: the build comes first "
        "(`make bench` depends on `make build`) and is not included in the run time.")


def corpus_sizes(path):
    """(statements, smallest, largest, mean bytes) of a corpus file, or None."""
    if not os.path.exists(path):
        return None
    sizes = [len(s.encode("utf-8")) for s in open(path, encoding="utf-8").read().split("\n;\n")
             if s.strip()]
    return (len(sizes), min(sizes), max(sizes), sum(sizes) / len(sizes)) if sizes else None


def sql_lineage(res):
    """linea and sqlglot.lineage on the same statements, same run (issue #4)."""
    lin = bench_row(load_json(f"{res}/sql-linea.json"), "BM_SqlLineageEtlStatements")
    glot = load_json(f"{res}/sql-sqlglot.json")
    if not lin or lin.get("error_occurred"):
        return "Not measured in this run" + (f": {lin['error_message']}." if lin else ".")
    rate = lin["items_per_second"]
    rows = [["linea `sql::AnalyzeScript` (Hive dialect)", f"**{rate:,.0f}**",
             f"{num(lin['iterations'])} (the corpus, cycled)", "all", "none (one stops the run)",
             cmd(f"LINEA_SQL_CORPUS_OUT={SQL_CORPUS} {BENCH} --benchmark_filter=SqlLineage")]]
    if glot:
        errors = ", ".join(f"{k} {v:,}" for k, v in sorted(glot["failures_by_error"].items()))
        rows.append([f"sqlglot {glot['sqlglot_version']} `sqlglot.lineage` ({glot['dialect']})",
                     f"**{glot['statements_per_second']:,.1f}**",
                     f"{num(glot['timed_statements'])} ({glot['subset']})",
                     f"{num(glot['columns'] - glot['failed_columns'])} of {num(glot['columns'])}",
                     f"{num(glot['failed_statements'])} of {num(glot['timed_statements'])} "
                     f"statements; {num(glot['failed_columns'])} columns"
                     + (f" ({errors})" if errors else ""),
                     cmd(f"/usr/bin/python3 bench/baselines/sqlglot_lineage.py {SQL_CORPUS}")])
    sizes = corpus_sizes(f"{res}/sql-corpus.sql")
    text = table(["", "statements/s (CPU time)", "statements timed", "column lineages computed",
                  "failed", "command"], rows)
    if sizes:
        text += (f"\n\nCorpus: {num(sizes[0])} statements, {num(sizes[1])}–{num(sizes[2])} bytes "
                 f"(mean {sizes[3]:,.0f}), written by the linea benchmark in the same run.")
    if glot:
        text += (f" **linea ÷ sqlglot: {ratio(rate, glot['statements_per_second'])}** "
                 f"statements/s; goal ≥ 20,000 statements/s: "
                 f"{'met' if rate >= 20000 else '**MISSED**'}. sqlglot's parser alone "
                 f"(`parse_one`, no lineage) does {glot['parse_only_statements_per_second']:,.0f} "
                 f"statements/s; linea's parse + lineage does "
                 f"{ratio(rate, glot['parse_only_statements_per_second'])} as many.")
    return text


def web_ui(res):
    """The web UI section (issue #16) from ui.json (bench/ui/run.sh), or a note why it is absent."""
    u = load_json(os.path.join(res, "ui.json"))
    if not u:
        return "The web UI benchmark did not run (it needs the `beeline` mesh on the curve)."
    f = u["first_paint"]
    rows = [
        ["first full paint, {:,} nodes / {:,} edges".format(f["nodes"], f["edges"]),
         "{p50} ms / {max} ms".format(**f["ms"]), "≤ 1,500 ms"],
    ]
    for name, label in [("pan_fit", "pan, zoomed out"), ("zoom_fit", "zoom, zoomed out"),
                        ("pan_labels", "pan, labels shown (scale 0.8)"),
                        ("zoom_labels", "zoom, labels shown (scale 0.8)")]:
        m = u["pan_zoom"][name]
        rows.append([label + " — frame (draw)",
                     "{} ms / {} ms ({} ms / {} ms)".format(m["frame_ms"]["p50"], m["frame_ms"]["p95"],
                                                          m["draw_ms"]["p50"], m["draw_ms"]["p95"]),
                     "p95 ≤ 33 ms"])
    e = u["expand"]
    rows.append(["expand a node in a {:,}-node view → painted".format(e["nodes"]),
                 "{p50} ms / {max} ms".format(**e["ms"]), "≤ 300 ms"])
    q = u["search"]
    rows.append(["search, keystroke → results painted ({} keystrokes)".format(q["ms"]["n"]),
                 "{p50} ms / {p95} ms".format(**q["ms"]), "p95 ≤ 100 ms"])
    head = ("Chromium {} headless (software rendering), viewport {}, against `linea serve` on "
            "`beeline`. 5,000-node view: `{}`; expand on `{}`. Figures are p50 / max for paints and "
            "expands ({} rounds), p50 / p95 otherwise. Frame times are requestAnimationFrame "
            "intervals (multiples of 16.7 ms); draw is the canvas calls alone.\n\n").format(
                u["chromium"], u["viewport"], f["path"], e["path"], f["ms"]["n"])
    return head + table(["what", "measured", "issue #16 target"], rows) + \
        "\n\nCommand: `bench/ui/run.sh` (part of `make bench`)."


def notes(res):
    path = f"{res}/notes.txt"
    if not os.path.exists(path):
        return ""
    return "\n## Skipped in this run\n\n" + "".join(f"- {l}" for l in open(path))


def main():
    res, out_md, out_png = sys.argv[1:4]
    short, mach = machine(res)
    curve_text, points = curve(res)
    fill = {"machine_short": short, "machine": mach, "goals": goals(res),
            "side_by_side": side_by_side(res), "curve": curve_text, "suites": suites(res),
            "http": http(res), "sql": sql_lineage(res), "ui": web_ui(res), "notes": notes(res),
            "steps": steps_table(res)[0]}
    template = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 "report_template.md")).read()
    text = re.sub(r"\{\{(\w+)\}\}", lambda m: fill[m.group(1)], template)
    with open(out_md, "w") as f:
        f.write(text)
    chart(points, out_png)
    print(f"report: wrote {out_md} and {out_png}", file=sys.stderr)


if __name__ == "__main__":
    main()
