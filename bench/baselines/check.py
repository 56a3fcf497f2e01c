#!/usr/bin/python3
"""Fails loudly unless every system returned the same impact on every sampled root: the same
models, dashboards and deployments, the same team grouping and the same counts per kind.

Usage: check.py REFERENCE_JSON OTHER_JSON...   (outputs of *_impact.py on one roots file)
"""
import json
import sys


def main():
    results = [json.load(open(p)) for p in sys.argv[1:]]
    ref = results[0]
    failures = 0
    for other in results[1:]:
        if set(other["per_root"]) != set(ref["per_root"]):
            sys.exit(f"CHECK FAILED: {other['system']} ran other roots than {ref['system']}")
        for fqn, r in ref["per_root"].items():
            a, b = r["report"], other["per_root"][fqn]["report"]
            for key in ("models", "dashboards", "deployments", "counts", "teams"):
                if a[key] != b[key]:
                    failures += 1
                    if failures <= 5:
                        print(f"CHECK FAILED: {other['system']} vs {ref['system']} on {fqn}, "
                              f"{key}:\n  {ref['system']}: {str(a[key])[:600]}\n"
                              f"  {other['system']}: {str(b[key])[:600]}", file=sys.stderr)
    if failures:
        sys.exit(f"CHECK FAILED: {failures} differing report fields")
    models = sum(len(r["report"]["models"]) for r in ref["per_root"].values())
    print(f"check: {len(results)} systems agree on {len(ref['per_root'])} roots "
          f"({models} reached models in all, {ref['scale']})", file=sys.stderr)


if __name__ == "__main__":
    main()
