"""The benchmark mesh as the baselines see it, read from a linea SQLite catalog file.

Assets carry their kind (the integers of model/kind.h) and their parent id, derived from the FQN
exactly as linea's graph does: a column/feature's parent is its FQN minus the last segment, any
other non-service asset's parent is the service named by its first segment (absent parents are
None). Links are the `edges` rows de-duplicated over provenance. Meshes with quoted FQN segments
are refused (the generator never writes them).
"""
import json
import sqlite3
import sys

SERVICE, TABLE, COLUMN, TOPIC, DASHBOARD, PIPELINE, MODEL, FEATURE, DEPLOYMENT = range(9)
KIND_NAMES = ["service", "table", "column", "topic", "dashboard", "pipeline", "model",
              "feature", "deployment"]
REPORTED = (MODEL, DASHBOARD, DEPLOYMENT)  # the kinds an impact report lists
CHILD_OF_PREFIX = (COLUMN, FEATURE)


class Mesh:
    """ids, fqn, kind, parent (id or None) and owners (list of strings) per asset."""

    def __init__(self):
        self.fqn = {}
        self.kind = {}
        self.parent = {}
        self.owners = {}
        self.links = []  # (from_id, to_id), distinct

    def effective_teams(self, asset):
        """Team names of the asset's effective owners (its own, else the nearest ancestor's)."""
        a = asset
        while a is not None:
            if self.owners[a]:
                return sorted({o[5:] for o in self.owners[a] if o.startswith("team:")})
            a = self.parent[a]
        return []


def parent_fqn(fqn, kind):
    if kind == SERVICE or "." not in fqn:
        return None
    return fqn.rsplit(".", 1)[0] if kind in CHILD_OF_PREFIX else fqn.split(".", 1)[0]


def load(db_path):
    """Reads assets and distinct links from the SQLite file at db_path."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    mesh = Mesh()
    by_fqn = {}
    for aid, fqn, kind, owners in con.execute("SELECT id, fqn, kind, owners FROM assets"):
        if '"' in fqn:
            sys.exit(f"baselines: quoted FQN segments are not supported: {fqn}")
        mesh.fqn[aid] = fqn
        mesh.kind[aid] = kind
        mesh.owners[aid] = json.loads(owners) if owners else []
        by_fqn[fqn] = aid
    for aid, fqn in mesh.fqn.items():
        p = by_fqn.get(parent_fqn(fqn, mesh.kind[aid]) or "")
        mesh.parent[aid] = p if p != aid else None
    mesh.links = con.execute("SELECT DISTINCT from_id, to_id FROM edges").fetchall()
    con.close()
    return mesh


def read_roots(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def percentile_us(seconds, p):
    """p-th percentile (nearest rank, as bench/bench_mesh.cc) of durations in s, in µs."""
    s = sorted(seconds)
    if not s:
        return 0.0
    i = min(int(p / 100.0 * (len(s) - 1) + 0.5), len(s) - 1)
    return s[i] * 1e6


def write_result(path, system, scale, load_s, per_root, extra=None):
    """per_root: {fqn: {"seconds": float, "report": normalized report}}."""
    times = [r["seconds"] for r in per_root.values()]
    out = {"system": system, "scale": scale, "load_seconds": load_s, "roots": len(per_root),
           "p50_us": percentile_us(times, 50), "p99_us": percentile_us(times, 99),
           "mean_us": sum(times) / max(1, len(times)) * 1e6, "per_root": per_root}
    out.update(extra or {})
    with open(path, "w") as f:
        json.dump(out, f)
    print(f"{system} @ {scale}: {len(per_root)} roots, load {load_s:.1f} s, "
          f"p50 {out['p50_us']:.0f} us, p99 {out['p99_us']:.0f} us", file=sys.stderr)


def normalized(models, dashboards, deployments, counts, teams):
    """The comparable part of an impact report: sorted FQN lists, counts by kind name, and
    teams -> {models, dashboards, deployments} sorted lists."""
    return {"models": sorted(models), "dashboards": sorted(dashboards),
            "deployments": sorted(deployments), "counts": dict(sorted(counts.items())),
            "teams": {t: {k: sorted(v) for k, v in sorted(g.items()) if v}
                      for t, g in sorted(teams.items())}}
