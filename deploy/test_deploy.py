#!/usr/bin/env python3
"""Checks deploy/ against a real `linea serve` (CTest deploy_test; docs/operations.md).

One server runs on a free loopback port over a temp SQLite file, with the example connectors
(examples/connectors: an MLflow and a Hive Metastore SQLite store) so that the connector
counters exist too. The test sends it some traffic — reads, a 404, OpenLineage events good and
bad, a batch, a manifest, a query log, quality results — scrapes /metrics and parses the text
format. Then:

- every metric that an `expr` of deploy/grafana/linea.json (panels and template variables) or
  of deploy/prometheus/linea-rules.yml selects is a series of the scrape (`up` and the labels
  Prometheus adds, `job` and `instance`, excepted); every label a matcher or a `by (...)`
  names is a label of those series; every `route` a matcher names is a route of the server
  (its OpenAPI document); every exported metric family is on the dashboard;
- the dashboard is importable: schemaVersion 39, a DS_PROMETHEUS input and data-source
  variable, `job` and `instance` variables, every panel with that data source and targets with
  an expr, unique ids, a grid that fits in 24 columns without overlaps;
- every alert has `for`, a severity and a summary and description that link a section of
  docs/operations.md that exists;
- `promtool check metrics` on the scrape, `promtool check rules` and `promtool test rules` pass
  (Debian's `prometheus` package, installed by scripts/install-deps.sh; skipped with a message
  when promtool is not on PATH).

The binary: env LINEA_BIN (CTest passes $<TARGET_FILE:linea>), else build/linea of the repo.
Standard library only: `python3 deploy/test_deploy.py [-v]`.
"""

import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DASHBOARD = HERE / "grafana" / "linea.json"
RULES = HERE / "prometheus" / "linea-rules.yml"
RULES_TEST = HERE / "prometheus" / "linea-rules.test.yml"
OPERATIONS_DOC = REPO / "docs" / "operations.md"
OPENAPI = REPO / "src" / "server" / "openapi.json"
CONNECTORS = REPO / "examples" / "connectors"
OL_EVENT = REPO / "tests" / "data" / "openlineage" / "ct_spark_dataproc_simple_producer_test_4.json"
LINEA_BIN = os.path.abspath(os.environ.get("LINEA_BIN") or REPO / "build" / "linea")

os.environ["no_proxy"] = ",".join(filter(None, ["127.0.0.1", os.environ.get("no_proxy")]))

# Labels Prometheus attaches to every scraped series; `up` is its own series per target.
TARGET_LABELS = {"job", "instance"}
SYNTHETIC_METRICS = {"up"}

# ------------------------------------------------------------------ the exposition format

SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$")
LABEL_PAIR = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)')


def parse_exposition(text: str) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """(family -> type, sample name -> label sets). Raises AssertionError on malformed lines."""
    types: dict[str, str] = {}
    samples: dict[str, list[dict[str, str]]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line.split(None, 3)
            if len(parts) >= 4 and parts[1] == "TYPE":
                types[parts[2]] = parts[3].strip()
            continue
        m = SAMPLE.match(line)
        if not m:
            raise AssertionError(f"/metrics line {n} is not a sample: {line!r}")
        name, body, value = m.groups()
        float(value)  # "+Inf", "NaN" and numbers parse; anything else raises
        labels: dict[str, str] = {}
        rest = body or ""
        while rest.strip():
            lm = LABEL_PAIR.match(rest)
            if not lm:
                raise AssertionError(f"/metrics line {n}: bad labels {body!r}")
            labels[lm.group(1)] = lm.group(2)
            rest = rest[lm.end():]
        samples.setdefault(name, []).append(labels)
    return types, samples


def family_of(sample: str, types: dict[str, str]) -> str | None:
    """The # TYPE family a sample name belongs to (histogram/summary suffixes stripped)."""
    if sample in types:
        return sample
    for suffix in ("_bucket", "_sum", "_count"):
        base = sample[: -len(suffix)] if sample.endswith(suffix) else None
        if base and types.get(base) in ("histogram", "summary"):
            if suffix == "_bucket" and types[base] != "histogram":
                return None
            return base
    return None


# ------------------------------------------------------------------ PromQL, enough of it

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
            "unless", "offset", "atan2", "inf", "nan"}
AGGREGATIONS = {"sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
                "bottomk", "topk", "quantile"}
TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)
  | (?P<range>\[[^\]]*\])
  | (?P<var>\$\{?[a-zA-Z_][a-zA-Z0-9_]*\}?)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?:ms|s|m|h|d|w|y)?)
  | (?P<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)
  | (?P<op>=~|!~|!=|==|<=|>=|[-+*/%^<>=(){},])
""", re.X)


def tokenize(expr: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m:
            raise AssertionError(f"cannot tokenize {expr[pos:pos + 30]!r} in {expr!r}")
        pos = m.end()
        if m.lastgroup != "ws":
            out.append((m.lastgroup, m.group()))
    return out


def unquote(s: str) -> str:
    if s.startswith("`"):
        return s[1:-1]
    return json.loads('"' + s[1:-1].replace("\\'", "'") + '"') if s[0] == "'" else json.loads(s)


class Selector:
    def __init__(self, metric: str) -> None:
        self.metric = metric
        self.matchers: list[tuple[str, str, str]] = []  # label, op, value


def parse_promql(expr: str) -> tuple[list[Selector], list[str]]:
    """The vector selectors of `expr` and the labels its by/without/on/ignoring clauses name."""
    toks = tokenize(expr)
    selectors: list[Selector] = []
    grouping: list[str] = []
    i = 0

    def matchers(j: int, sel: Selector) -> int:  # toks[j] is "{"; returns the index after "}"
        j += 1
        while toks[j][1] != "}":
            label, op, value = toks[j], toks[j + 1], toks[j + 2]
            assert label[0] == "ident" and op[1] in ("=", "!=", "=~", "!~") and \
                value[0] == "string", f"bad matcher near {label[1]!r} in {expr!r}"
            sel.matchers.append((label[1], op[1], unquote(value[1])))
            j += 3
            if toks[j][1] == ",":
                j += 1
        return j + 1

    while i < len(toks):
        kind, text = toks[i]
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        if kind == "ident" and text in ("by", "without", "on", "ignoring", "group_left",
                                         "group_right") and nxt == "(":
            i += 2
            while toks[i][1] != ")":
                if toks[i][0] == "ident":
                    grouping.append(toks[i][1])
                i += 1
            i += 1
        elif kind == "ident" and (nxt == "(" or (text in AGGREGATIONS and
                                                  nxt in ("by", "without"))):
            i += 1  # a function or an aggregation
        elif kind == "ident" and text.lower() not in KEYWORDS:
            sel = Selector(text)
            selectors.append(sel)
            i = matchers(i + 1, sel) if nxt == "{" else i + 1
        elif text == "{":  # a selector by matchers alone: {__name__="…"}
            sel = Selector("")
            i = matchers(i, sel)
            names = [v for (l, o, v) in sel.matchers if l == "__name__" and o == "="]
            assert names, f"selector without a metric name in {expr!r}"
            sel.metric = names[0]
            selectors.append(sel)
        else:
            i += 1
    return selectors, grouping


def grafana_query(q: str) -> tuple[str, list[str]]:
    """A template query: label_values(selector, label) -> (selector, [label]); else (q, [])."""
    m = re.fullmatch(r"\s*label_values\((.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*", q)
    return (m.group(1), [m.group(2)]) if m else (q, [])


# ------------------------------------------------------------------ the rules file

def parse_rules(text: str) -> list[dict]:
    """The alerting rules of linea-rules.yml: enough YAML for its shape (no PyYAML needed)."""
    rules: list[dict] = []
    lines = text.splitlines()
    i = 0
    cur: dict | None = None
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(\s*)(- )?([a-z_]+):\s*(.*)$", line)
        if not m or line.lstrip().startswith("#"):
            i += 1
            continue
        indent, dash, key, value = len(m.group(1)), m.group(2), m.group(3), m.group(4)
        if dash and key == "alert":
            cur = {"alert": value, "labels": {}, "annotations": {}, "_indent": indent}
            rules.append(cur)
            i += 1
            continue
        if cur is None:
            i += 1
            continue
        if value in ("|", ">-", ">", "|-"):
            block, j = [], i + 1
            while j < len(lines) and (not lines[j].strip() or
                                      len(lines[j]) - len(lines[j].lstrip()) > indent):
                block.append(lines[j].strip())
                j += 1
            value = ("\n" if value.startswith("|") else " ").join(block).strip()
            i = j
        else:
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            i += 1
        if key in ("labels", "annotations"):
            cur["_section"] = key
        elif indent > cur["_indent"] + 2 and "_section" in cur:
            cur[cur["_section"]][key] = value
        else:
            cur[key] = value
    return rules


# ------------------------------------------------------------------ the server

def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """`linea serve --no-auth` on 127.0.0.1:0 over a temp catalog, with the example connectors."""

    def __init__(self) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="linea-deploy-")
        self.proc: subprocess.Popen | None = None
        root = Path(self.dir.name)
        for f in CONNECTORS.glob("*.yaml"):
            shutil.copy(f, root / f.name)
        subprocess.run([sys.executable, str(CONNECTORS / "make_sources.py"), str(root / "sources")],
                       check=True, capture_output=True, timeout=60)
        self.log_path = root / "serve.log"
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [LINEA_BIN, "serve", "--db", str(root / "catalog.db"), "--listen", "127.0.0.1:0",
                 "--no-auth", "--no-deliveries", "--connectors", str(root / "connectors.yaml")],
                cwd=root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 30
        self.url = ""
        while not self.url:
            if self.proc.poll() is not None:
                raise AssertionError(f"linea serve exited {self.proc.returncode}: {self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"linea serve did not start: {self.log()}")
            for line in self.log().splitlines():  # "linea: serving … on http://127.0.0.1:PORT"
                m = re.match(r"linea: serving .* on (http://[0-9.:]+)", line)
                if m:
                    self.url = m.group(1)
            time.sleep(0.02)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.url + path, data=body, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.dir.cleanup()


def collect_exprs(dashboard: dict, rules: list[dict]) -> list[tuple[str, str]]:
    """(where, expr) for every query of the dashboard (panels, variables) and the rules."""
    out = []

    def panels(ps):
        for p in ps:
            yield p
            yield from panels(p.get("panels", []))

    for p in panels(dashboard["panels"]):
        for t in p.get("targets", []):
            out.append((f"panel {p['title']!r} {t.get('refId')}", t["expr"]))
    for v in dashboard["templating"]["list"]:
        if v["type"] == "query":
            q = v["query"]["query"] if isinstance(v["query"], dict) else v["query"]
            out.append((f"variable {v['name']}", q))
    for r in rules:
        out.append((f"rule {r['alert']}", r["expr"]))
    return out


class DeployTest(unittest.TestCase):
    server: Server
    types: dict[str, str]
    samples: dict[str, list[dict[str, str]]]
    scrape: str

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = Server()
        cls.addClassCleanup(cls.server.stop)
        s = cls.server
        event = OL_EVENT.read_bytes()
        traffic = [
            ("GET", "/healthz", None, 200),
            ("GET", "/api/v1/search?q=churn", None, 200),
            ("GET", "/api/v1/impact/hive.no_such.table", None, 404),
            ("POST", "/api/v1/lineage", event, 201),
            ("POST", "/api/v1/lineage", b'{"eventType": "START"}', 400),
            ("POST", "/api/v1/lineage/batch", b"[" + event + b"]", 200),
            ("GET", "/api/v1/impact/hive.default.t1.a", None, 200),
            ("GET", "/api/v1/upstream/hive.default.t1.a", None, 200),
            ("POST", "/api/v1/manifests", b"{}", 400),
            ("POST", "/api/v1/sql/log", b'{"records": []}', None),
            ("POST", "/api/v1/quality/results", b"{}", 400),
            ("GET", "/metrics", None, 200),
        ]
        for method, path, body, want in traffic:
            status, answer = s.request(method, path, body)
            if want is not None and status != want:
                raise AssertionError(f"{method} {path}: {status} (wanted {want}): {answer[:300]!r}")
        status, body = s.request("GET", "/metrics")
        assert status == 200, status
        cls.scrape = body.decode()
        cls.types, cls.samples = parse_exposition(cls.scrape)
        cls.dashboard = json.loads(DASHBOARD.read_text())
        cls.rules = parse_rules(RULES.read_text())
        cls.routes = set(json.loads(OPENAPI.read_text())["paths"])

    # -------------------------------------------------------------- the scrape itself

    def test_the_scrape_is_well_formed_and_has_the_traffic(self) -> None:
        for name in self.samples:
            self.assertIsNotNone(family_of(name, self.types), f"{name} has no # TYPE")
        routes = {l["route"] for l in self.samples["linea_http_requests_total"]}
        for r in ("/api/v1/lineage", "/api/v1/lineage/batch", "/api/v1/manifests",
                  "/api/v1/sql/log", "/api/v1/quality/results", "/api/v1/search", "/metrics"):
            self.assertIn(r, routes)
        self.assertEqual(self.types["linea_http_request_duration_seconds"], "histogram")
        self.assertIn("linea_connector_runs_total", self.samples, "no connector metrics: "
                      "the server should schedule the example connectors")
        # Each histogram's +Inf bucket equals its _count.
        values = {}
        for line in self.scrape.splitlines():
            m = SAMPLE.match(line)
            if m and m.group(1).startswith("linea_http_request_duration_seconds"):
                values[(m.group(1), m.group(2))] = float(m.group(3))
        for (name, labels), v in values.items():
            if name.endswith("_bucket") and 'le="+Inf"' in labels:
                route = labels.split(",le=")[0]
                self.assertEqual(v, values[("linea_http_request_duration_seconds_count", route)])

    # -------------------------------------------------------------- dashboard + rules vs scrape

    def test_every_metric_and_label_used_exists_in_the_scrape(self) -> None:
        problems = []
        for where, raw in collect_exprs(self.dashboard, self.rules):
            expr, extra_labels = grafana_query(raw)
            selectors, grouping = parse_promql(expr)
            if not selectors:
                problems.append(f"{where}: no metric in {raw!r}")
            for sel in selectors:
                if sel.metric in SYNTHETIC_METRICS:
                    continue
                if sel.metric not in self.samples:
                    problems.append(f"{where}: {sel.metric} is not in /metrics")
                    continue
                have = set().union(*self.samples[sel.metric]) | TARGET_LABELS
                for label, op, value in sel.matchers:
                    if label not in have:
                        problems.append(f"{where}: {sel.metric} has no label {label!r}")
                    elif label == "route":
                        problems += self._check_route(where, op, value)
                    elif label not in TARGET_LABELS and "$" not in value and op == "=":
                        seen = {l.get(label) for l in self.samples[sel.metric]}
                        if value not in seen:
                            problems.append(f"{where}: {sel.metric}{{{label}={value!r}}} never "
                                            f"seen (values: {sorted(seen)})")
            for label in grouping + extra_labels:
                for sel in selectors:
                    if sel.metric in SYNTHETIC_METRICS or sel.metric not in self.samples:
                        continue
                    if label not in set().union(*self.samples[sel.metric]) | TARGET_LABELS:
                        problems.append(f"{where}: by/label {label!r} is not a label of "
                                        f"{sel.metric}")
        self.assertEqual(problems, [], "\n".join(problems))

    def _check_route(self, where: str, op: str, value: str) -> list[str]:
        """A route matcher names routes of the server: each top-level alternative matches one."""
        if op in ("=", "!="):
            return [] if value in self.routes else [f"{where}: route {value!r} is not a route"]
        alternatives, depth, start = [], 0, 0
        for k, c in enumerate(value):
            depth += (c == "(") - (c == ")")
            if c == "|" and depth == 0:
                alternatives.append(value[start:k])
                start = k + 1
        alternatives.append(value[start:])
        return [f"{where}: route regex part {a!r} matches no route"
                for a in alternatives if not any(re.fullmatch(a, r) for r in self.routes)]

    def test_every_exported_family_is_on_the_dashboard(self) -> None:
        used = set()
        for _, raw in collect_exprs(self.dashboard, []):
            for sel in parse_promql(grafana_query(raw)[0])[0]:
                used.add(family_of(sel.metric, self.types) or sel.metric)
        missing = sorted(set(self.types) - used)
        self.assertEqual(missing, [], "exported but on no panel of deploy/grafana/linea.json")

    # -------------------------------------------------------------- the dashboard's shape

    def test_the_dashboard_is_importable(self) -> None:
        d = self.dashboard
        self.assertEqual(d["schemaVersion"], 39)
        self.assertIsNone(d["id"])
        self.assertTrue(d["uid"] and d["title"])
        self.assertIn({"name": "DS_PROMETHEUS", "type": "datasource", "pluginId": "prometheus"},
                      [{k: i[k] for k in ("name", "type", "pluginId")} for i in d["__inputs"]])
        variables = {v["name"]: v for v in d["templating"]["list"]}
        self.assertEqual(variables["DS_PROMETHEUS"]["type"], "datasource")
        self.assertEqual(variables["DS_PROMETHEUS"]["query"], "prometheus")
        for name in ("job", "instance"):
            self.assertEqual(variables[name]["type"], "query")
            self.assertEqual(variables[name]["datasource"]["uid"], "${DS_PROMETHEUS}")
        ids, cells = set(), set()
        for p in d["panels"]:
            self.assertNotIn(p["id"], ids, "panel ids must be unique")
            ids.add(p["id"])
            g = p["gridPos"]
            self.assertLessEqual(g["x"] + g["w"], 24, p["title"])
            for x in range(g["x"], g["x"] + g["w"]):
                for y in range(g["y"], g["y"] + g["h"]):
                    self.assertNotIn((x, y), cells, f"panel {p['title']!r} overlaps another")
                    cells.add((x, y))
            if p["type"] == "row":
                continue
            self.assertEqual(p["datasource"], {"type": "prometheus", "uid": "${DS_PROMETHEUS}"},
                             p["title"])
            self.assertTrue(p["targets"], f"panel {p['title']!r} has no targets")
            ref_ids = [t["refId"] for t in p["targets"]]
            self.assertEqual(len(ref_ids), len(set(ref_ids)), p["title"])
            for t in p["targets"]:
                self.assertTrue(t.get("expr", "").strip(), f"panel {p['title']!r}: empty expr")
                self.assertEqual(t["datasource"]["uid"], "${DS_PROMETHEUS}")
                if "linea_" in t["expr"] or t["expr"].startswith("up"):
                    self.assertIn('job=~"$job"', t["expr"], p["title"])
                    self.assertIn('instance=~"$instance"', t["expr"], p["title"])

    # -------------------------------------------------------------- the rules' shape and docs

    def test_every_alert_says_what_to_do_and_links_its_doc_section(self) -> None:
        names = [r["alert"] for r in self.rules]
        for must in ("LineaDown", "LineaHigh5xxRatio", "LineaIngestErrors", "LineaStoreErrors"):
            self.assertIn(must, names)
        self.assertEqual(len(names), len(set(names)))
        self.assertEqual(len(names), RULES.read_text().count("- alert:"))
        anchors = {re.sub(r"[^a-z0-9 _-]", "", h.strip().lower()).replace(" ", "-")
                   for h in re.findall(r"^#+ (.*)$", OPERATIONS_DOC.read_text(), re.M)}
        for r in self.rules:
            self.assertRegex(r.get("for", ""), r"^\d+[smh]$", r["alert"])
            self.assertIn(r["labels"].get("severity"), ("critical", "warning", "info"), r["alert"])
            self.assertTrue(r["annotations"].get("summary"), r["alert"])
            link = f"docs/operations.md#{r['alert'].lower()}"
            self.assertIn(link, r["annotations"].get("description", ""), r["alert"])
            self.assertIn(r["alert"].lower(), anchors, f"docs/operations.md has no {r['alert']}")
        self.assertIn("up{job=\"linea\"} == 0", [r["expr"] for r in self.rules])

    # -------------------------------------------------------------- promtool

    def _promtool(self, *args: str, stdin: str | None = None) -> None:
        promtool = shutil.which("promtool")
        if not promtool:
            self.skipTest("promtool not found (Debian package `prometheus`, installed by "
                          "scripts/install-deps.sh): rules and metrics not checked by promtool")
        done = subprocess.run([promtool, *args], input=stdin, capture_output=True, text=True,
                              timeout=120, cwd=REPO)
        self.assertEqual(done.returncode, 0, f"promtool {' '.join(args)}:\n{done.stdout}"
                                             f"\n{done.stderr}")

    def test_promtool_check_rules(self) -> None:
        self._promtool("check", "rules", str(RULES))

    def test_promtool_test_rules(self) -> None:
        self._promtool("test", "rules", str(RULES_TEST))

    def test_promtool_check_metrics(self) -> None:
        self._promtool("check", "metrics", stdin=self.scrape)


# ------------------------------------------------------------------ the parsers themselves

class PromqlParserTest(unittest.TestCase):
    def test_selectors_matchers_and_grouping(self) -> None:
        sels, grouping = parse_promql(
            'histogram_quantile(0.99, sum by (route, le) (rate(a_bucket{job=~"$job",'
            'route!~"/x|/y"}[$__rate_interval]))) / on(instance) group_left b offset 5m > 0.5')
        self.assertEqual([s.metric for s in sels], ["a_bucket", "b"])
        self.assertEqual(sels[0].matchers, [("job", "=~", "$job"), ("route", "!~", "/x|/y")])
        self.assertEqual(grouping, ["route", "le", "instance"])

    def test_functions_keywords_strings_and_durations_are_not_metrics(self) -> None:
        sels, _ = parse_promql('sum(increase(c_total[1h])) > bool 0 and absent(up{job="x"}) '
                               'or vector(1) unless label_replace(d, "x", "$1", "y", "(.*)")')
        self.assertEqual([s.metric for s in sels], ["c_total", "up", "d"])

    def test_label_values(self) -> None:
        self.assertEqual(grafana_query('label_values(m{job=~"$job"}, instance)'),
                         ('m{job=~"$job"}', ["instance"]))

    def test_family_of_strips_only_histogram_suffixes(self) -> None:
        types = {"h": "histogram", "c_count": "counter"}
        self.assertEqual(family_of("h_bucket", types), "h")
        self.assertEqual(family_of("h_sum", types), "h")
        self.assertEqual(family_of("c_count", types), "c_count")
        self.assertIsNone(family_of("x_bucket", types))


if __name__ == "__main__":
    unittest.main()
