#!/usr/bin/python3
"""NetworkX baseline: impact as nx.descendants on a DiGraph that encodes linea's walk rules.

Usage: nx_impact.py DB ROOTS_FILE SCALE OUT_JSON

The graph holds every asset plus one "part-holder" node per column container (a table/topic
reached through one of its columns: it has the container's own out-links, not its columns):
  lineage link a -> b            a -> b, and part(a) -> b
  whole container p -> child c   p -> c           (not for models: their features are inputs)
  column/feature c, parent p     c -> p if p is a model (a hit feature hits the whole model),
                                 c -> part(p) otherwise (a broken column breaks part of a table)
The reached set of a root is {root} | descendants(root), part(p) read as p. Reported: models,
dashboards and deployments, grouped by the teams of their effective owners; counts by kind
exclude the root and the table a column root climbs to. Timed per root, after the load.
"""
import sys
import time

import networkx as nx

import mesh as m


def part(a):
    return -a - 1


def build(mesh):
    g = nx.DiGraph()
    g.add_nodes_from(mesh.fqn)
    holders = {p for c, p in mesh.parent.items()
               if p is not None and mesh.kind[c] in m.CHILD_OF_PREFIX and mesh.kind[p] != m.MODEL}
    g.add_edges_from(mesh.links)
    g.add_edges_from((part(a), b) for a, b in mesh.links if a in holders)
    for c, p in mesh.parent.items():
        if p is None:
            continue
        if mesh.kind[p] != m.MODEL:
            g.add_edge(p, c)
        if mesh.kind[c] in m.CHILD_OF_PREFIX:
            target = p if mesh.kind[p] == m.MODEL else part(p)
            g.add_edge(c, target)
            if c in holders:  # a part-holder that is itself a column climbs as well
                g.add_edge(part(c), target)
    return g


def root_container(mesh, root):
    p = mesh.parent[root]
    if p is not None and mesh.kind[root] in m.CHILD_OF_PREFIX and mesh.kind[p] != m.MODEL:
        return p
    return None


def impact(g, mesh, root):
    reached = {a if a >= 0 else -a - 1 for a in nx.descendants(g, root)}
    reached.discard(root)
    reached.discard(root_container(mesh, root))
    counts, lists, teams = {}, {k: [] for k in m.REPORTED}, {}
    for a in reached:
        k = mesh.kind[a]
        counts[m.KIND_NAMES[k]] = counts.get(m.KIND_NAMES[k], 0) + 1
        if k in m.REPORTED:
            lists[k].append(mesh.fqn[a])
            for t in mesh.effective_teams(a):
                teams.setdefault(t, {}).setdefault(m.KIND_NAMES[k] + "s", []).append(mesh.fqn[a])
    return m.normalized(lists[m.MODEL], lists[m.DASHBOARD], lists[m.DEPLOYMENT], counts, teams)


def main():
    db, roots_file, scale, out = sys.argv[1:5]
    start = time.perf_counter()
    mesh = m.load(db)
    g = build(mesh)
    load_s = time.perf_counter() - start
    by_fqn = {f: a for a, f in mesh.fqn.items()}
    per_root = {}
    for fqn in m.read_roots(roots_file):
        root = by_fqn[fqn]
        t0 = time.perf_counter()
        report = impact(g, mesh, root)
        per_root[fqn] = {"seconds": time.perf_counter() - t0, "report": report}
    with open("/proc/self/status") as f:
        rss = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    m.write_result(out, "networkx", scale, load_s, per_root,
                   {"graph_nodes": g.number_of_nodes(), "graph_edges": g.number_of_edges(),
                    "peak_rss_mib": rss})


if __name__ == "__main__":
    main()
