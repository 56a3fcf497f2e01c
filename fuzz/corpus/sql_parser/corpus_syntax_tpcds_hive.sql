SELECT ss_sales_price * .06, CASE WHEN q > 1 THEN .1 ELSE .05 END FROM t WHERE p BETWEEN .5 AND .9;
SELECT cast(a AS timestamp with local time zone), cast(b AS double precision), cast(c AS character varying(10)) FROM t;
FROM (FROM src SELECT TRANSFORM(src.key, src.value) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t' USING 'cat' AS (tkey string, tvalue int) CLUSTER BY tkey) tmap
INSERT OVERWRITE TABLE dest1 SELECT tmap.tkey, tmap.tvalue WHERE tmap.tkey < 100;
FROM (FROM src MAP src.key, src.value USING 'cat' AS tkey, tvalue CLUSTER BY tkey) tmap
INSERT OVERWRITE TABLE dest1 REDUCE tmap.tkey, tmap.tvalue USING 'cat' AS (key, value) RECORDREADER 'x';
SELECT * FROM matchpath(on flights distribute by fl_num sort by year, month arg1('LATE.LATE+'), arg2('LATE'), arg3(arr_delay > 15)) m;
SELECT p_mfgr FROM noop(on noopwithmap(on (SELECT * FROM part) p partition by p_mfgr order by p_name) partition by p_mfgr) x;
CREATE TEMPORARY TABLE tmp (a int, b string);
INSERT INTO TABLE tmp SELECT a, b FROM src;
CREATE TEMPORARY TABLE tmp2 AS SELECT a, sum(b), count(*) FROM tmp GROUP BY a;
ALTER TABLE tmp2 RENAME TO tmp3;
INSERT INTO TABLE out SELECT * FROM tmp3;
DROP TABLE tmp;
CACHE LAZY TABLE hot OPTIONS ('storageLevel' 'DISK_ONLY') AS SELECT * EXCEPT (a) FROM src;
SELECT * REPLACE (upper(b) AS b), t.* EXCEPT (c, d.e) FROM hot JOIN t USING (a);
SELECT TRANSFORM(a) USING FROM t;
SELECT * FROM noop(on );
FROM src MAP;
