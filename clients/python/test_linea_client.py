#!/usr/bin/env python3
"""End-to-end tests of linea_client.py against a real `linea serve` (CTest python_client_test).

Each server runs on a free loopback port (`--listen 127.0.0.1:0`) over a fresh SQLite file in a
temp dir, seeded with testdata/catalog.json (21 assets, 8 edges, 3 teams: exact answers) and
three tokens (reader, writer, admin). Read-only tests share one server; every test that writes
starts its own. Servers are stopped and their temp dirs removed even when a test fails, and
they die with this process (PR_SET_PDEATHSIG) if it is killed.

The binary: env LINEA_BIN (CTest passes $<TARGET_FILE:linea>), else build/linea of the repo.
Standard library only: `python3 clients/python/test_linea_client.py [-v] [Test.name]`.
"""

import contextlib
import ctypes
import datetime
import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path
from typing import Any, Callable
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import linea_client  # noqa: E402
from linea_client import (  # noqa: E402
    BadRequest,
    Conflict,
    Forbidden,
    LineaClient,
    LineaConnectionError,
    LineaError,
    NotFound,
    RateLimited,
    Unauthorized,
    quote_fqn,
)

# The servers are on loopback: never through an HTTP proxy of the environment.
os.environ["no_proxy"] = ",".join(filter(None, ["127.0.0.1", os.environ.get("no_proxy")]))

TESTDATA = HERE / "testdata"
DOC = HERE.parent.parent / "docs" / "python-client.md"
LINEA_BIN = os.environ.get("LINEA_BIN") or str(HERE.parent.parent / "build" / "linea")

# The seed catalog's FQNs with quoted segments: a space in a table, a dot in a column.
TRIP_LOG = 'hive.raw_geo."trip log"'
TRIP_CELL = 'hive.raw_geo."trip log".cell_id'
TRIP_KM = 'hive.raw_geo."trip log"."dist.km"'
MART = "hive.mart_geo.cell_mart"

# lineage.yaml for a new model reading the mart (line numbers matter: see the problems below).
MANIFEST = """\
model: mlflow_b2c.trip_eta
owners: [team:scoring_ds]
domain: scoring
features:
  - name: eta_km
    sources: [hive.mart_geo.cell_mart.avg_km]
  - name: eta_cell
    sources: [hive.mart_geo.cell_mart.cell_id]
deployments:
  - seldon.trip_eta_prod
"""


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when this test process dies (Linux; else nothing)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run(*args: str) -> str:
    done = subprocess.run([LINEA_BIN, *args], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"linea {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


class Server:
    """`linea serve` over a seeded temp catalog; stop() kills it and removes the temp dir."""

    def __init__(self, *serve_args: str) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="linea-pyclient-")
        self.proc: subprocess.Popen[bytes] | None = None
        try:
            self._start(serve_args)
        except BaseException:
            self.stop()
            raise

    def _start(self, serve_args: tuple[str, ...]) -> None:
        root = Path(self.dir.name)
        db = str(root / "catalog.db")
        _run("import", str(TESTDATA / "catalog.json"), "--db", db)
        self.tokens = {
            role: _run("token", "create", "--name", role, "--role", role, "--db", db).strip()
            for role in ("reader", "writer", "admin")
        }
        self.log_path = root / "serve.log"
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [LINEA_BIN, "serve", "--db", db, "--listen", "127.0.0.1:0", "--no-deliveries",
                 *serve_args],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 30
        self.url = ""
        while not self.url:
            if self.proc.poll() is not None:
                raise AssertionError(f"linea serve exited {self.proc.returncode}: {self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"linea serve did not start: {self.log()}")
            for line in self.log().splitlines():  # "linea: serving … on http://127.0.0.1:PORT"
                if line.startswith("linea: serving ") and " on http://" in line:
                    self.url = line.rsplit(" on ", 1)[1].split()[0]
            time.sleep(0.02)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def client(self, role: str | None = None, **kwargs: Any) -> LineaClient:
        """A client with the token of `role` (reader, writer, admin), or none."""
        return LineaClient(self.url, token=self.tokens[role] if role else None, timeout=30,
                           **kwargs)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.dir.cleanup()


def _start_for(case: unittest.TestCase, *serve_args: str) -> Server:
    server = Server(*serve_args)
    case.addCleanup(server.stop)
    return server


# ---------------------------------------------------------------------------- reads


class ReadTest(unittest.TestCase):
    """Queries and read errors, on one server nothing writes to."""

    server: Server
    anonymous: LineaClient
    reader: LineaClient

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = Server()
        cls.addClassCleanup(cls.server.stop)
        cls.anonymous = cls.server.client()
        cls.reader = cls.server.client("reader")

    def test_impact_of_a_column_names_models_dashboards_and_teams(self) -> None:
        impact = self.anonymous.impact(TRIP_CELL)
        self.assertEqual(impact["root"]["fqn"], TRIP_CELL)
        self.assertEqual(impact["root"]["kind"], "column")
        self.assertEqual([m["fqn"] for m in impact["models"]], ["mlflow_b2c.fraud_detection"])
        model = impact["models"][0]
        self.assertEqual(model["features"], ["mlflow_b2c.fraud_detection.cell_risk"])
        self.assertEqual(model["path"], [TRIP_CELL, "hive.mart_geo.cell_mart.cell_id",
                                         "mlflow_b2c.fraud_detection.cell_risk",
                                         "mlflow_b2c.fraud_detection"])
        self.assertEqual(model["distance"], 3)
        self.assertEqual(model["owners"], ["team:scoring_ds"])
        self.assertEqual([d["fqn"] for d in impact["dashboards"]], ["qlik.geo_overview"])
        self.assertEqual(impact["deployments"], [])
        self.assertEqual([a["fqn"] for a in impact["assets"]], ["hive.mart_geo.cell_mart.cell_id"])
        self.assertEqual([t["team"] for t in impact["teams"]], ["geo_bi", "geo_data", "scoring_ds"])
        self.assertFalse(impact["truncated"])

    def test_impact_of_a_table_and_its_filters(self) -> None:
        impact = self.anonymous.impact(TRIP_LOG)
        self.assertEqual([m["fqn"] for m in impact["models"]],
                         ["mlflow_b2c.churn_scoring", "mlflow_b2c.fraud_detection"])
        self.assertEqual([m["features"] for m in impact["models"]],
                         [["mlflow_b2c.churn_scoring.trip_km"],
                          ["mlflow_b2c.fraud_detection.cell_risk"]])
        self.assertEqual([d["fqn"] for d in impact["deployments"]], ["seldon.churn_scoring_prod"])
        self.assertEqual([d["fqn"] for d in impact["dashboards"]], ["qlik.geo_overview"])

        models_only = self.anonymous.impact(TRIP_LOG, kinds=["model"])
        self.assertEqual([m["fqn"] for m in models_only["models"]],
                         ["mlflow_b2c.churn_scoring", "mlflow_b2c.fraud_detection"])
        self.assertEqual((models_only["dashboards"], models_only["deployments"]), ([], []))

        geo = self.anonymous.impact(TRIP_LOG, domain="geo")
        self.assertEqual((geo["models"], geo["deployments"]), ([], []))
        self.assertEqual([d["fqn"] for d in geo["dashboards"]], ["qlik.geo_overview"])

        # Models sit 4 edges from the table (table → column → column → feature → model).
        self.assertEqual(self.anonymous.impact(TRIP_LOG, depth=3)["models"], [])
        self.assertEqual(len(self.anonymous.impact(TRIP_LOG, depth=4)["models"]), 2)
        self.assertTrue(self.anonymous.impact(TRIP_LOG, max_nodes=2)["truncated"])

    def test_upstream_ranks_sources_with_paths(self) -> None:
        up = self.anonymous.upstream("mlflow_b2c.churn_scoring")
        self.assertEqual(up["root"], {"fqn": "mlflow_b2c.churn_scoring", "kind": "model"})
        self.assertEqual(
            [(s["fqn"], s["distance"]) for s in up["sources"]],
            [("hive.mart_geo.cell_mart.avg_km", 2), ("hive.mart_geo.cell_mart.churn_rate", 2),
             (MART, 3), (TRIP_KM, 3), (TRIP_LOG, 4)])
        self.assertTrue(all(s["evidence"] == [] for s in up["sources"]))
        self.assertEqual(up["sources"][3]["path"],
                         ["mlflow_b2c.churn_scoring", "mlflow_b2c.churn_scoring.trip_km",
                          "hive.mart_geo.cell_mart.avg_km", TRIP_KM])
        self.assertEqual([s["fqn"] for s in self.anonymous.upstream(
            "mlflow_b2c.churn_scoring", depth=2)["sources"]],
            ["hive.mart_geo.cell_mart.avg_km", "hive.mart_geo.cell_mart.churn_rate"])

    def test_lineage_graph(self) -> None:
        down = self.anonymous.lineage(MART, direction="down")
        self.assertEqual(sorted(n["fqn"] for n in down["nodes"]),
                         [MART, "mlflow_b2c.churn_scoring", "mlflow_b2c.fraud_detection",
                          "qlik.geo_overview", "seldon.churn_scoring_prod"])
        up = self.anonymous.lineage(MART, direction="up", columns=True)
        self.assertIn({"from": TRIP_KM, "to": "hive.mart_geo.cell_mart.avg_km",
                       "kind": "aggregation", "provenance": ["api:fixture"]}, up["edges"])

    def test_search_is_typo_tolerant_and_filters(self) -> None:
        found = self.anonymous.search("chrun", kind="model")
        self.assertEqual([r["fqn"] for r in found["results"]], ["mlflow_b2c.churn_scoring"])
        self.assertEqual(found["total"], 1)
        hit = found["results"][0]
        self.assertEqual((hit["kind"], hit["name"], hit["domain"], hit["owners"]),
                         ("model", "churn_scoring", "scoring", ["team:scoring_ds"]))
        self.assertEqual([r["fqn"] for r in self.anonymous.search("dist.km")["results"]][:1],
                         [TRIP_KM])

    def test_show_an_asset_with_quoted_segments(self) -> None:
        table = self.reader.show(TRIP_LOG)
        self.assertEqual((table["fqn"], table["kind"]), (TRIP_LOG, "table"))
        self.assertEqual(table["children"], ["cell_id", "dist.km", "dt", "subscriber_id"])
        self.assertEqual(table["effective_owners"], ["team:geo_data"])
        self.assertEqual(table["provenances"], ["api:fixture"])
        column = self.reader.show(TRIP_KM)
        self.assertEqual((column["fqn"], column["kind"], column["type"]),
                         (TRIP_KM, "column", "double"))
        self.assertEqual(column["effective_domain"], "geo")

    def test_fqns_are_escaped_as_one_path_segment(self) -> None:
        self.assertEqual(quote_fqn(TRIP_KM), "hive.raw_geo.%22trip%20log%22.%22dist.km%22")
        self.assertEqual(quote_fqn('hdfs."/warehouse/t1"'), "hdfs.%22%2Fwarehouse%2Ft1%22")

    def test_unknown_fqn_is_not_found_with_candidates(self) -> None:
        calls: list[Callable[[str], object]] = [self.anonymous.impact, self.anonymous.upstream,
                                                self.anonymous.show]
        for call in calls:
            with self.subTest(call=getattr(call, "__name__", "")):
                with self.assertRaises(NotFound) as caught:
                    call("hive.mart_geo.cell_mrt.cell_id")
                e = caught.exception
                self.assertEqual((e.status, e.code), (404, "not_found"))
                self.assertEqual(e.message, "unknown asset hive.mart_geo.cell_mrt.cell_id")
                self.assertEqual(e.candidates[0], "hive.mart_geo.cell_mart.cell_id")
                self.assertIn("did you mean hive.mart_geo.cell_mart.cell_id", str(e))
                self.assertIsInstance(e, LineaError)

    def test_bad_parameters_are_bad_requests(self) -> None:
        with self.assertRaises(BadRequest) as caught:
            self.anonymous.search("cell", limit=0)
        self.assertEqual((caught.exception.status, caught.exception.code),
                         (400, "invalid_argument"))
        self.assertEqual(caught.exception.message, "limit: expected 1 to 1000, got 0")
        with self.assertRaises(BadRequest) as caught:
            self.anonymous.impact(MART, kinds=["modle"])
        self.assertEqual(caught.exception.message, 'kinds: unknown kind "modle"')

    def test_bad_token_is_unauthorized(self) -> None:
        bogus = LineaClient(self.server.url, token="lin_" + "x" * 43)
        with self.assertRaises(Unauthorized) as caught:
            bogus.impact(TRIP_CELL)  # an open read: a bad token is refused anyway
        self.assertEqual((caught.exception.status, caught.exception.code),
                         (401, "unauthenticated"))
        with self.assertRaises(Unauthorized):
            self.anonymous.apply(MANIFEST, dry_run=True)  # a write without a token

    def test_reader_token_writing_is_forbidden(self) -> None:
        writes: dict[str, Callable[[], object]] = {
            "apply": lambda: self.reader.apply(MANIFEST, dry_run=True),
            "post_lineage_event": lambda: self.reader.post_lineage_event(
                (TESTDATA / "ct_spark_dataproc_simple_producer_test_4.json").read_bytes()),
            "open_incident": lambda: self.reader.open_incident(MART, "x", dry_run=True),
            "audit": lambda: self.reader.audit(),
        }
        for name, write in writes.items():
            with self.subTest(name):
                with self.assertRaises(Forbidden) as caught:
                    write()
                self.assertEqual((caught.exception.status, caught.exception.code),
                                 (403, "permission_denied"))
        self.assertEqual(self.reader.whoami(), {"caller": "reader", "writer": False,
                                                "admin": False})
        self.assertEqual(self.anonymous.health()["assets"], 21)

    def test_iter_assets_follows_cursors_through_every_page(self) -> None:
        everything = self.anonymous.list_assets(limit=1000)
        self.assertIsNone(everything["next_cursor"])
        self.assertEqual(len(everything["assets"]), 21)
        cursors: list[str | None] = []
        list_assets = self.anonymous.list_assets

        def spy(**kwargs: Any) -> Any:
            cursors.append(kwargs.get("cursor"))
            return list_assets(**kwargs)

        with mock.patch.object(self.anonymous, "list_assets", side_effect=spy):
            paged = list(self.anonymous.iter_assets(page_size=2))
        self.assertEqual(paged, everything["assets"])
        self.assertEqual(len(cursors), 11)  # 21 assets, 2 a page
        self.assertIn(TRIP_KM, cursors)  # a cursor with quotes, a space and a dot
        self.assertEqual([a["fqn"] for a in self.anonymous.iter_assets(kind="model",
                                                                       page_size=1)],
                         ["mlflow_b2c.churn_scoring", "mlflow_b2c.fraud_detection"])

    def test_iter_search_pages_by_offset(self) -> None:
        everything = self.anonymous.search("cell", limit=1000)
        self.assertEqual([r["fqn"] for r in everything["results"]],
                         [MART, "hive.mart_geo.cell_mart.cell_id", TRIP_CELL,
                          "mlflow_b2c.fraud_detection.cell_risk",
                          "mlflow_b2c.churn_scoring.cell_churn"])
        self.assertEqual(everything["total"], 5)
        offsets: list[int] = []
        search = self.anonymous.search

        def spy(q: str, **kwargs: Any) -> Any:
            offsets.append(kwargs["offset"])
            return search(q, **kwargs)

        with mock.patch.object(self.anonymous, "search", side_effect=spy):
            paged = list(self.anonymous.iter_search("cell", page_size=2))
        self.assertEqual(paged, everything["results"])
        self.assertEqual(offsets, [0, 2, 4])

    def test_environment_gives_url_and_token(self) -> None:
        env = {"LINEA_URL": self.server.url, "LINEA_TOKEN": self.server.tokens["writer"]}
        with mock.patch.dict(os.environ, env):
            client = LineaClient()
        self.assertEqual(client.base_url, self.server.url)
        self.assertEqual(client.whoami()["caller"], "writer")
        with mock.patch.dict(os.environ, {"LINEA_URL": "", "LINEA_TOKEN": ""}):
            self.assertEqual(LineaClient().base_url, "http://127.0.0.1:8686")
            self.assertIsNone(LineaClient().token)
        with self.assertRaises(ValueError):
            LineaClient("linea.internal:8686")

    def test_request_reaches_routes_without_a_method(self) -> None:
        teams = self.anonymous.request("GET", "/api/v1/teams")
        self.assertEqual([t["name"] for t in teams["teams"]], ["geo_bi", "geo_data", "scoring_ds"])
        with self.assertRaises(NotFound) as caught:
            self.anonymous.request("GET", "/api/v1/teams/geo_dta")
        self.assertEqual(caught.exception.candidates[0], "geo_data")
        self.assertIn("linea_graph_assets 21", self.anonymous.request("GET", "/metrics"))

    def test_no_server_is_a_connection_error(self) -> None:
        with socket.socket() as s:  # a port nothing listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaises(LineaConnectionError) as caught:
            LineaClient(f"http://127.0.0.1:{port}", timeout=5).health()
        self.assertIsNone(caught.exception.status)
        self.assertIsInstance(caught.exception, LineaError)

    def test_answer_shapes_match_the_servers_openapi_document(self) -> None:
        doc = self.anonymous.request("GET", "/api/v1/openapi.json")
        schemas = doc["components"]["schemas"]

        def flatten(schema: dict[str, Any]) -> tuple[set[str], set[str]]:
            props, required = set(schema.get("properties", {})), set(schema.get("required", []))
            for part in schema.get("allOf", []):
                if "$ref" in part:
                    part = schemas[part["$ref"].rsplit("/", 1)[1]]
                p, r = flatten(part)
                props, required = props | p, required | r
            return props, required

        shapes = [name for name, value in vars(linea_client).items()
                  if isinstance(value, type) and hasattr(value, "__required_keys__")]
        self.assertGreaterEqual(len(shapes), 20)
        for name in shapes:
            with self.subTest(name):
                shape = getattr(linea_client, name)
                props, required = flatten(schemas[name])
                self.assertEqual(set(shape.__annotations__), props)
                self.assertEqual(set(shape.__required_keys__), required)


# ---------------------------------------------------------------------------- writes


class ManifestTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = _start_for(self)
        self.writer = self.server.client("writer")

    def test_dry_run_shows_the_diff_then_apply_writes_it(self) -> None:
        plan = self.writer.apply(MANIFEST, dry_run=True, file="lineage.yaml")
        self.assertTrue(plan["dry_run"])
        self.assertEqual(plan["warnings"], [])
        [model] = plan["models"]
        self.assertEqual((model["model"], model["file"], model["features"], model["changed"],
                          model["applied"]),
                         ("mlflow_b2c.trip_eta", "lineage.yaml", 2, True, False))
        self.assertEqual(model["diff"], [
            "+ model mlflow_b2c.trip_eta",
            "+ feature eta_cell",
            "+ feature eta_km",
            "+ deployment seldon.trip_eta_prod",
            "+ edge hive.mart_geo.cell_mart.avg_km -> mlflow_b2c.trip_eta.eta_km",
            "+ edge hive.mart_geo.cell_mart.cell_id -> mlflow_b2c.trip_eta.eta_cell",
            "+ edge mlflow_b2c.trip_eta -> seldon.trip_eta_prod",
        ])
        with self.assertRaises(NotFound):  # a dry run writes nothing
            self.writer.show("mlflow_b2c.trip_eta")

        applied = self.writer.apply(MANIFEST, file="lineage.yaml")
        self.assertFalse(applied["dry_run"])
        self.assertEqual([(m["changed"], m["applied"]) for m in applied["models"]],
                         [(True, True)])
        self.assertEqual(applied["models"][0]["diff"], model["diff"])
        impact = self.writer.impact(TRIP_CELL, kinds=["model"])
        self.assertEqual([m["fqn"] for m in impact["models"]],
                         ["mlflow_b2c.fraud_detection", "mlflow_b2c.trip_eta"])
        self.assertEqual(self.writer.show("mlflow_b2c.trip_eta")["children"],
                         ["eta_cell", "eta_km"])

        again = self.writer.apply(MANIFEST, file="lineage.yaml")  # idempotent
        self.assertEqual([(m["changed"], m["applied"], m["diff"]) for m in again["models"]],
                         [(False, False, [])])

    def test_invalid_manifest_is_a_bad_request_naming_file_line_and_candidates(self) -> None:
        typo = MANIFEST.replace("cell_mart.cell_id]", "cell_mart.cel_id]")
        with self.assertRaises(BadRequest) as caught:
            self.writer.apply(typo, file="models/eta/lineage.yaml")
        e = caught.exception
        self.assertEqual((e.status, e.code), (400, "invalid_argument"))
        self.assertEqual(e.message, "1 problem found; nothing applied")
        self.assertEqual(e.problems, [{
            "file": "models/eta/lineage.yaml", "line": 8,
            "message": "unknown source hive.mart_geo.cell_mart.cel_id",
            "candidates": e.problems[0]["candidates"]}])
        self.assertEqual(e.problems[0]["candidates"][0], "hive.mart_geo.cell_mart.cell_id")

        with self.assertRaises(BadRequest) as caught:  # not YAML at all
            self.writer.apply("model: mlflow_b2c.x\nfeatures: [\n  - name: a\n", file="bad.yaml")
        [problem] = caught.exception.problems
        self.assertEqual((problem["file"], problem["line"]), ("bad.yaml", 3))

        # Several files: one bad file and nothing of the good one is applied either.
        with self.assertRaises(BadRequest) as caught:
            self.writer.apply_files({"good.yaml": MANIFEST,
                                     "typo.yaml": typo.replace("trip_eta", "trip_eta2")})
        self.assertEqual([(p["file"], p["line"]) for p in caught.exception.problems],
                         [("typo.yaml", 8)])
        with self.assertRaises(NotFound):
            self.writer.show("mlflow_b2c.trip_eta")
        plan = self.writer.apply_files({"good.yaml": MANIFEST}, dry_run=True)
        self.assertEqual([m["file"] for m in plan["models"]], ["good.yaml"])

    def test_a_model_of_another_repository_is_a_conflict(self) -> None:
        self.writer.apply(MANIFEST, repository="git.example/eta")
        with self.assertRaises(Conflict) as caught:
            self.writer.apply(MANIFEST, repository="git.example/other", dry_run=True)
        e = caught.exception
        self.assertEqual((e.status, e.code), (409, "failed_precondition"))
        self.assertIn("belongs to repository git.example/eta", e.problems[0]["message"])
        plan = self.writer.apply(MANIFEST, repository="git.example/other", take_over=True,
                                 dry_run=True)
        self.assertIn("~ model mlflow_b2c.trip_eta: repository → git.example/other",
                      plan["models"][0]["diff"])


class OpenLineageTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = _start_for(self)
        self.writer = self.server.client("writer")

    def test_an_event_creates_tables_and_column_lineage(self) -> None:
        with self.assertRaises(NotFound):
            self.writer.show("hive.default.t2")
        event = (TESTDATA / "ct_spark_dataproc_simple_producer_test_4.json").read_bytes()
        accepted = self.writer.post_lineage_event(event)
        self.assertEqual((accepted["status"], accepted["column_edges"], accepted["stale"]),
                         ("created", 2, False))
        table = self.writer.show("hive.default.t2")
        self.assertEqual(table["children"], ["a", "b"])
        self.assertEqual(table["last_run"]["state"], "COMPLETE")
        self.assertIn("hdfs.user.hive.warehouse.t2", table["aliases"])
        impact = self.writer.impact("hive.default.t1.a")
        self.assertEqual([a["fqn"] for a in impact["assets"]], ["hive.default.t2.a"])
        self.assertEqual(impact["assets"][0]["path_edges"], ["identity"])

        again = self.writer.post_lineage_event(json.loads(event))  # a dict, same key order
        self.assertEqual((again["status"], again["hash"]), ("duplicate", accepted["hash"]))
        gzipped = self.writer.post_lineage_event(event, gzip_body=True)
        self.assertEqual(gzipped["status"], "duplicate")

    def test_a_batch_applies_good_events_and_lists_bad_ones(self) -> None:
        compose = json.loads((TESTDATA / "ct_airflow_line_31.json").read_text())
        result = self.writer.post_lineage_events([compose, {"eventType": "COMPLETE"}])
        self.assertEqual(result["status"], "partial_success")
        self.assertEqual({k: result["summary"][k] for k in ("received", "successful", "failed")},
                         {"received": 2, "successful": 1, "failed": 1})
        [failed] = result["failed_events"]
        self.assertEqual((failed["index"], failed["retriable"]), (1, False))
        self.assertTrue(failed["reason"].startswith("$."), failed["reason"])
        impact = self.writer.impact('gs.mock-bucket."uploaded_file.txt"')
        self.assertIn('gs.mock-bucket."compose_result.txt"', [a["fqn"] for a in impact["assets"]])

    def test_a_bad_event_is_a_bad_request(self) -> None:
        with self.assertRaises(BadRequest) as caught:
            self.writer.post_lineage_event({"eventType": "START", "run": {"runId": ""}})
        self.assertTrue(caught.exception.message.startswith("$."), caught.exception.message)


class IncidentTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = _start_for(self)
        self.writer = self.server.client("writer")

    def test_open_acknowledge_resolve(self) -> None:
        preview = self.writer.open_incident(TRIP_LOG, "nulls in cell_id", dry_run=True)
        self.assertNotIn("id", preview)
        self.assertEqual((preview["created"], preview["dry_run"], preview["deliveries_queued"]),
                         (False, True, 0))
        self.assertEqual(sorted(r["recipient"] for r in preview["recipients"]),
                         ["team:geo_bi", "team:geo_data", "team:scoring_ds"])
        self.assertEqual(self.writer.list_incidents(), {"incidents": []})

        opened = self.writer.open_incident(TRIP_LOG, "nulls in cell_id", severity="critical",
                                           description="since 02:00")
        incident_id = opened["id"]
        self.assertEqual((opened["created"], opened["state"], opened["severity"]),
                         (True, "open", "critical"))
        self.assertEqual([m["fqn"] for m in opened["impact"]["models"]],
                         ["mlflow_b2c.churn_scoring", "mlflow_b2c.fraud_detection"])
        self.assertEqual([i["id"] for i in self.writer.list_incidents("open")["incidents"]],
                         [incident_id])
        # Root cause: the table with an open incident ranks first, with the incident as evidence.
        first = self.writer.upstream("mlflow_b2c.churn_scoring")["sources"][0]
        self.assertEqual(first["fqn"], TRIP_LOG)
        self.assertEqual([e["type"] for e in first["evidence"]], ["incident"])
        self.assertIn(incident_id, first["evidence"][0]["detail"])

        acked = self.writer.acknowledge_incident(incident_id, note="on it")
        self.assertEqual(acked["state"], "acknowledged")
        self.assertEqual(self.writer.list_incidents("open"), {"incidents": []})
        resolved = self.writer.resolve_incident(incident_id, "backfilled")
        self.assertEqual((resolved["state"], resolved["resolution"]), ("resolved", "backfilled"))

        detail = self.writer.get_incident(incident_id)
        self.assertEqual([(t["type"], t.get("note")) for t in detail["timeline"]],
                         [("opened", "nulls in cell_id"), ("acknowledged", "on it"),
                          ("resolved", "backfilled")])
        self.assertEqual([m["fqn"] for m in detail["impact"]["models"]],
                         ["mlflow_b2c.churn_scoring", "mlflow_b2c.fraud_detection"])

        with self.assertRaises(Conflict) as caught:
            self.writer.resolve_incident(incident_id, "again")
        self.assertEqual(caught.exception.code, "failed_precondition")
        with self.assertRaises(BadRequest):
            self.writer.resolve_incident(incident_id, "")
        with self.assertRaises(NotFound):
            self.writer.get_incident("inc-000000000000")


class QualityAndAuditTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = _start_for(self)
        self.writer = self.server.client("writer")
        self.admin = self.server.client("admin")

    def test_quality_results_are_recorded_and_read_back(self) -> None:
        measured = int(datetime.datetime(2026, 11, 30, tzinfo=datetime.timezone.utc)
                       .timestamp() * 1000)
        recorded = self.writer.post_quality_results([
            {"asset": MART, "kind": "volume", "timestamp": measured, "period": "2026-11",
             "metrics": {"row_count": 1000}},
            {"asset": "hive.mart_geo.cell_mart.cell_id", "kind": "null_rate",
             "timestamp": measured, "period": "2026-11",
             "metrics": {"null_count": 3, "row_count": 1000}},
        ])
        self.assertEqual((recorded["recorded"], recorded["statuses"]), (2, ["success", "success"]))
        answer = self.writer.quality(MART, history=5)
        self.assertEqual(answer["asset"], MART)
        self.assertEqual([(s["asset"], s["name"]) for s in answer["series"]],
                         [(MART, "volume"), ("hive.mart_geo.cell_mart.cell_id", "null_rate")])
        self.assertEqual(answer["series"][0]["latest"]["metrics"]["row_count"], 1000)
        self.assertEqual(len(answer["series"][0]["history"]), 1)
        only = self.writer.quality(MART, check="null_rate")
        self.assertEqual([s["name"] for s in only["series"]], ["null_rate"])
        later = self.writer.quality(MART, history=5,
                                    since=datetime.datetime(2026, 12, 1))
        self.assertEqual(later["series"][0]["history"], [])

    def test_iter_audit_follows_cursors(self) -> None:
        self.writer.apply(MANIFEST, dry_run=True)
        self.writer.apply(MANIFEST)
        self.writer.open_incident(MART, "late")
        with self.assertRaises(NotFound):  # refused writes are audited too
            self.writer.request("PUT", "/api/v1/catalog", json_body={
                "edges": [{"from": "hive.mart_geo.nope", "to": MART}]})
        everything = self.admin.audit(limit=1000)
        self.assertNotIn("next_cursor", everything)
        # The import and three tokens of the fixture (by the CLI), then the three writes.
        self.assertEqual([(e["actor"], e["action"], e["outcome"]) for e in everything["entries"]],
                         [("writer", "PUT /api/v1/catalog", "not_found"),
                          ("writer", "POST /api/v1/incidents", "ok"),
                          ("writer", "POST /api/v1/manifests", "ok"),
                          ("cli", "linea token create", "ok"),
                          ("cli", "linea token create", "ok"),
                          ("cli", "linea token create", "ok"),
                          ("cli", "linea import", "ok")])
        self.assertEqual(list(self.admin.iter_audit(page_size=2)), everything["entries"])
        refused = list(self.admin.iter_audit(outcome="not_found", page_size=1))
        self.assertEqual([e["id"] for e in refused], [everything["entries"][0]["id"]])
        since = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        self.assertEqual(self.admin.audit(since=since)["entries"], [])


def _doc_block(name: str) -> str:
    """The ```python block after `<!-- python-client-test: NAME -->` in docs/python-client.md."""
    text = DOC.read_text()
    marker = f"<!-- python-client-test: {name} -->\n```python\n"
    start = text.index(marker) + len(marker)
    return text[start:text.index("```", start)]


class DocsTest(unittest.TestCase):
    """The examples of docs/python-client.md run as written (on the test catalog's tables)."""

    def setUp(self) -> None:
        self.server = _start_for(self)

    def test_three_lines_tell_what_breaks(self) -> None:
        code = _doc_block("three-lines")
        self.assertEqual(len(code.splitlines()), 3)
        for demo, here in (('"http://127.0.0.1:8686"', repr(self.server.url)),
                           ('"hive.raw_geo.trip_segments"', repr(TRIP_LOG))):
            self.assertIn(demo, code)
            code = code.replace(demo, here)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(code, {})
        self.assertEqual(out.getvalue(),
                         "['mlflow_b2c.churn_scoring', 'mlflow_b2c.fraud_detection']"
                         " ['geo_bi', 'geo_data', 'scoring_ds']\n")

    def test_airflow_failure_callback_opens_incidents(self) -> None:
        namespace: dict[str, Any] = {}
        exec(_doc_block("airflow"), namespace)
        log = logging.getLogger("airflow.task")
        ti = mock.NonCallableMock(dag_id="etl_geo", task_id="build_cell_mart",
                                  log_url="http://airflow/log?task_id=build_cell_mart", log=log)
        context = {"task_instance": ti, "run_id": "scheduled__2026-12-07T00:00:00+00:00",
                   "exception": RuntimeError("spark job failed")}
        env = {"LINEA_URL": self.server.url, "LINEA_TOKEN": self.server.tokens["writer"]}
        with mock.patch.dict(os.environ, env), self.assertLogs(log, "WARNING") as logs:
            namespace["linea_incident"](MART, "hive.mart_geo.cell_mrt")(context)
        [incident] = self.server.client().list_incidents("open")["incidents"]
        self.assertEqual((incident["asset"], incident["title"], incident["severity"]),
                         (MART, "etl_geo.build_cell_mart failed", "high"))
        self.assertEqual(incident["description"],
                         "run scheduled__2026-12-07T00:00:00+00:00: spark job failed\n"
                         "http://airflow/log?task_id=build_cell_mart")
        self.assertEqual(logs.output, [
            f"WARNING:airflow.task:linea incident {incident['id']} on {MART}; models hit: "
            "mlflow_b2c.churn_scoring, mlflow_b2c.fraud_detection",
            f"ERROR:airflow.task:linea: no incident on hive.mart_geo.cell_mrt: POST "
            f"{self.server.url}/api/v1/incidents: 404 not_found: unknown asset "
            "hive.mart_geo.cell_mrt (did you mean hive.mart_geo.cell_mart?)"])


class RateLimitTest(unittest.TestCase):
    def test_over_the_rate_limit_is_rate_limited_with_retry_after(self) -> None:
        server = _start_for(self, "--rate-limit-per-address", "1/1")
        client = server.client()
        with self.assertRaises(RateLimited) as caught:
            for _ in range(5):
                client.impact(MART)
        self.assertEqual((caught.exception.status, caught.exception.code),
                         (429, "resource_exhausted"))
        retry_after = caught.exception.retry_after
        assert retry_after is not None
        self.assertGreater(retry_after, 0)


if __name__ == "__main__":
    if not os.access(LINEA_BIN, os.X_OK):
        sys.exit(f"no linea binary at {LINEA_BIN} (set LINEA_BIN)")
    # SIGTERM (e.g. from a CTest timeout) unwinds like Ctrl-C: temp dirs are removed at exit,
    # and the servers get SIGTERM as this process ends.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    unittest.main()
