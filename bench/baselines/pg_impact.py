#!/usr/bin/python3
"""Marquez-style baseline: the mesh in PostgreSQL tables, impact as ONE recursive CTE per root.

Usage (server from postgres.sh, PG* env vars set): pg_impact.py DB ROOTS_FILE SCALE OUT_JSON

Tables: assets(id, fqn, kind, parent_id, owners text[]) and links(from_id, to_id), loaded with
COPY and indexed like a lineage store would be (assets by fqn and by parent, links by source).
The CTE walks states (asset, whole) with linea's rules (docs/impact.md):
  every lineage link out of a reached asset is followed (the target is whole);
  a whole non-model asset breaks its children (a table its columns, a service its assets);
  a column/feature reaches its parent: a model whole, anything else as a part-holder, whose
  own links are followed but not its other columns.
UNION (not UNION ALL) de-duplicates states, so cycles terminate. The same statement groups the
reached models, dashboards and deployments by the teams of their effective owners and counts
the reached assets per kind (without the root and the table a column root climbs to).
Each EXECUTE is timed in the client (loopback round trip included, no process start).
"""
import sys
import time

import psycopg2

import mesh as m

SCHEMA = """
CREATE TABLE assets(id integer PRIMARY KEY, fqn text NOT NULL, kind smallint NOT NULL,
                    parent_id integer, owners text[] NOT NULL);
CREATE TABLE links(from_id integer NOT NULL, to_id integer NOT NULL);
"""
INDEXES = """
CREATE UNIQUE INDEX assets_by_fqn ON assets(fqn);
CREATE INDEX assets_by_parent ON assets(parent_id);
ALTER TABLE links ADD PRIMARY KEY (from_id, to_id);
ANALYZE assets; ANALYZE links;
"""
IMPACT = """
PREPARE impact(text) AS
WITH RECURSIVE
root AS (
  SELECT a.id, CASE WHEN a.kind IN (2, 7) AND p.kind <> 6 THEN a.parent_id END AS container
  FROM assets a LEFT JOIN assets p ON p.id = a.parent_id WHERE a.fqn = $1),
reach(id, whole) AS (
  SELECT id, true FROM root
  UNION
  SELECT n.id, n.whole
  FROM reach r JOIN assets a ON a.id = r.id
  CROSS JOIN LATERAL (
    SELECT l.to_id, true FROM links l WHERE l.from_id = r.id
    UNION ALL
    SELECT c.id, true FROM assets c WHERE r.whole AND a.kind <> 6 AND c.parent_id = r.id
    UNION ALL
    SELECT p.id, p.kind = 6 FROM assets p WHERE a.kind IN (2, 7) AND p.id = a.parent_id
  ) AS n(id, whole)),
hit AS (
  SELECT a.id, a.kind, a.fqn, a.owners, a.parent_id
  FROM (SELECT DISTINCT id FROM reach) h JOIN assets a ON a.id = h.id
  WHERE h.id <> (SELECT id FROM root) AND h.id IS DISTINCT FROM (SELECT container FROM root)),
reported AS (
  SELECT h.kind, h.fqn,
         CASE WHEN cardinality(h.owners) > 0 THEN h.owners ELSE p.owners END AS owners
  FROM hit h LEFT JOIN assets p ON p.id = h.parent_id WHERE h.kind IN (4, 6, 8))
SELECT 'count', kind, NULL, count(*)::integer, NULL FROM hit GROUP BY kind
UNION ALL
SELECT 'assets', kind, NULL, NULL, array_agg(fqn ORDER BY fqn) FROM reported GROUP BY kind
UNION ALL
SELECT 'team', r.kind, substr(o, 6), NULL, array_agg(r.fqn ORDER BY r.fqn)
FROM reported r CROSS JOIN LATERAL unnest(r.owners) AS o
WHERE o LIKE 'team:%' GROUP BY r.kind, substr(o, 6)
"""


def copy_text(value):
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def array_literal(items):
    return "{" + ",".join('"' + i.replace("\\", "\\\\").replace('"', '\\"') + '"'
                          for i in items) + "}"


class Rows:
    """A file-like object streaming rows to COPY in chunks."""

    def __init__(self, lines):
        self.lines, self.buffer = lines, ""

    def read(self, size=65536):
        while len(self.buffer) < size:
            chunk = "".join(line for _, line in zip(range(4096), self.lines))
            if not chunk:
                break
            self.buffer += chunk
        out, self.buffer = self.buffer[:size], self.buffer[size:]
        return out

    readline = read


def load(cur, mesh):
    cur.execute(SCHEMA)
    null = "\\N"
    cur.copy_expert("COPY assets FROM STDIN", Rows(
        f"{a}\t{copy_text(mesh.fqn[a])}\t{mesh.kind[a]}\t"
        f"{null if mesh.parent[a] is None else mesh.parent[a]}\t"
        f"{copy_text(array_literal(mesh.owners[a]))}\n" for a in mesh.fqn))
    cur.copy_expert("COPY links FROM STDIN", Rows(f"{a}\t{b}\n" for a, b in mesh.links))
    cur.execute(INDEXES)


def report(rows):
    counts, lists, teams = {}, {k: [] for k in m.REPORTED}, {}
    for what, kind, team, n, fqns in rows:
        if what == "count":
            counts[m.KIND_NAMES[kind]] = n
        elif what == "assets":
            lists[kind] = fqns
        else:
            teams.setdefault(team, {})[m.KIND_NAMES[kind] + "s"] = fqns
    return m.normalized(lists[m.MODEL], lists[m.DASHBOARD], lists[m.DEPLOYMENT], counts, teams)


def main():
    db, roots_file, scale, out = sys.argv[1:5]
    mesh = m.load(db)
    con = psycopg2.connect("")
    con.autocommit = True
    cur = con.cursor()
    start = time.perf_counter()
    load(cur, mesh)
    load_s = time.perf_counter() - start
    del mesh
    cur.execute("SELECT pg_database_size(current_database())")
    db_mib = cur.fetchone()[0] / 2**20
    roots = m.read_roots(roots_file)
    cur.execute("SELECT fqn FROM unnest(%s::text[]) AS r(fqn) "
                "WHERE NOT EXISTS (SELECT 1 FROM assets a WHERE a.fqn = r.fqn)", (roots,))
    unknown = [r[0] for r in cur.fetchall()]
    if unknown:
        sys.exit(f"pg_impact: unknown roots: {unknown[:5]}")
    cur.execute(IMPACT)
    per_root = {}
    for fqn in roots:
        t0 = time.perf_counter()
        cur.execute("EXECUTE impact(%s)", (fqn,))
        rows = cur.fetchall()
        per_root[fqn] = {"seconds": time.perf_counter() - t0, "report": report(rows)}
    cur.execute("SHOW server_version")
    version = cur.fetchone()[0]
    con.close()
    m.write_result(out, "postgresql", scale, load_s, per_root,
                   {"db_mib": db_mib, "server_version": version})


if __name__ == "__main__":
    main()
