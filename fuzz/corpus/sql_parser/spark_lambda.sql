CREATE OR REPLACE TEMPORARY VIEW v AS SELECT transform(arr, x -> x + 1) AS a, filter(arr, (x, i) -> x > i) b,
 aggregate(arr, 0, (acc, x) -> acc + x) c, `weird col`, m['k'] mk, s.f.g FROM `db`.`tbl` s TABLESAMPLE (10 PERCENT);
INSERT INTO t SELECT * FROM v;
