#!/usr/bin/python3
"""sqlglot baseline for SQL lineage: column lineage of every output column of every statement.

Usage: sqlglot_lineage.py CORPUS [--dialect hive] [--every N] [--warmup K]

CORPUS is the file BM_SqlLineageEtlStatements writes when $LINEA_SQL_CORPUS_OUT names it (each
statement followed by a line holding only ";"), so both sides analyse the same statements. Per
statement: parse once (sqlglot.parse_one), take the query of an INSERT/CREATE (its CTEs
included), then sqlglot.lineage.lineage(column, query, dialect=…) for each output column (the
names of the first SELECT of a UNION), which is what linea computes: every target column. Parsing
once and handing lineage() the parsed query is generous to sqlglot (a string would be re-parsed
per column).

A column whose lineage() raises counts as a failed column, and a statement with any failed column
as a failed statement; its time still counts. The first K statements (default 5) are analysed
once untimed (imports, caches), then the corpus, or every Nth statement of it (N > 1: a fixed,
deterministic subset, said so in "subset"), is timed as a whole. statements_per_second is per CPU
second of this process, as Google Benchmark's items_per_second; wall seconds are reported too.
parse_only_statements_per_second times sqlglot.parse_one alone over the same statements, an upper
bound for any sqlglot-based lineage. Prints one JSON object.
"""
import argparse
import json
import platform
import sys
import time

import sqlglot
from sqlglot import exp
from sqlglot.lineage import lineage


def read_corpus(path):
    text = open(path, encoding="utf-8").read()
    return [s for s in text.split("\n;\n") if s.strip()]


def query_of(statement):
    """The query whose output columns the statement writes: the SELECT/UNION of an INSERT or
    CREATE ... AS (with the statement's CTEs), or the statement itself."""
    if isinstance(statement, (exp.Insert, exp.Create)) and statement.expression is not None:
        query = statement.expression.copy()
        if statement.args.get("with") is not None and query.args.get("with") is None:
            query.set("with", statement.args["with"].copy())
        return query
    return statement


def output_columns(query):
    while isinstance(query, exp.Union):
        query = query.left
    return [s.alias_or_name for s in query.selects]


def analyse(sql, dialect, failures):
    """Lineage of every output column of `sql`; returns (columns, failed columns). Each failure
    is counted in `failures` by exception type."""
    try:
        query = query_of(sqlglot.parse_one(sql, read=dialect))
        columns = output_columns(query)
    except Exception as e:  # noqa: BLE001 - any sqlglot error is a failure to count
        failures[type(e).__name__] = failures.get(type(e).__name__, 0) + 1
        return 1, 1
    failed = 0
    for column in columns:
        try:
            lineage(column, query, dialect=dialect)
        except Exception as e:  # noqa: BLE001
            failures[type(e).__name__] = failures.get(type(e).__name__, 0) + 1
            failed += 1
    return len(columns), failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--dialect", default="hive")
    ap.add_argument("--every", type=int, default=1, help="time every Nth statement only")
    ap.add_argument("--warmup", type=int, default=5)
    args = ap.parse_args()
    corpus = read_corpus(args.corpus)
    if not corpus:
        sys.exit(f"sqlglot_lineage: no statements in {args.corpus}")
    timed = corpus[::max(args.every, 1)]
    for sql in corpus[:args.warmup]:
        analyse(sql, args.dialect, {})
    failures, columns, failed_columns, failed_statements = {}, 0, 0, 0
    start, start_cpu = time.perf_counter(), time.process_time()
    for sql in timed:
        n, failed = analyse(sql, args.dialect, failures)
        columns += n
        failed_columns += failed
        failed_statements += failed > 0
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
    start_cpu = time.process_time()
    for sql in timed:
        sqlglot.parse_one(sql, read=args.dialect)
    parse_cpu_seconds = time.process_time() - start_cpu
    subset = "whole corpus" if len(timed) == len(corpus) else (
        f"every {args.every}th statement ({len(timed)} of {len(corpus)})")
    print(json.dumps({
        "tool": "sqlglot.lineage", "sqlglot_version": sqlglot.__version__,
        "python": platform.python_version(), "dialect": args.dialect,
        "corpus_statements": len(corpus),
        "corpus_bytes": sum(len(s.encode("utf-8")) for s in corpus),
        "timed_statements": len(timed), "subset": subset, "warmup_statements": args.warmup,
        "seconds": seconds, "cpu_seconds": cpu_seconds,
        "statements_per_second": len(timed) / cpu_seconds,
        "parse_only_statements_per_second": len(timed) / parse_cpu_seconds,
        "columns": columns, "failed_columns": failed_columns,
        "failed_statements": failed_statements, "failures_by_error": failures}, indent=1))


if __name__ == "__main__":
    main()
