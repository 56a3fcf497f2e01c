-- examples/etl_geo.hql: the daily geo ETL (raw → ods → agg → mart) in HiveQL.
-- Try:  linea sql-lineage examples/etl_geo.hql --var run_date=2024-05-01
--       linea sql-lineage --json examples/etl_geo.hql
SET hive.exec.dynamic.partition=true;
SET hive.exec.dynamic.partition.mode=nonstrict;

USE ods_geo;

-- 1. Clean today's cell events: keep the latest record per event id.
INSERT OVERWRITE TABLE cell_events_clean PARTITION (dt='${hivevar:run_date}')
SELECT event_id, msisdn, cell_id, event_ts, signal_dbm
FROM (
  SELECT e.event_id, e.msisdn, e.cell_id, e.event_ts, CAST(e.signal AS INT) AS signal_dbm,
         row_number() OVER (PARTITION BY e.event_id ORDER BY e.ingest_ts DESC) AS rn
  FROM raw_geo.cell_events e
  WHERE e.dt = '${hivevar:run_date}' AND e.msisdn IS NOT NULL
) t
WHERE rn = 1;

-- 2. Subscriber moves: consecutive distinct cells of one subscriber.
CREATE TEMPORARY TABLE tmp_moves AS
SELECT msisdn, cell_id AS to_cell,
       lag(cell_id) OVER (PARTITION BY msisdn ORDER BY event_ts) AS from_cell,
       event_ts
FROM cell_events_clean
WHERE dt = '${hivevar:run_date}';

INSERT OVERWRITE TABLE subscriber_moves PARTITION (dt='${hivevar:run_date}')
SELECT m.msisdn, m.from_cell, m.to_cell, c.region_id, m.event_ts AS moved_at
FROM tmp_moves m
JOIN ods_geo.cells c ON m.to_cell = c.cell_id
WHERE m.from_cell IS NOT NULL AND m.from_cell <> m.to_cell;

-- 3. One pass over the moves feeds two aggregates (multi-insert, dynamic partitions).
FROM ods_geo.subscriber_moves sm
INSERT OVERWRITE TABLE agg_geo.subscriber_moves_daily PARTITION (dt)
  SELECT sm.msisdn, count(*) AS moves, count(DISTINCT sm.to_cell) AS cells_visited, sm.dt
  WHERE sm.dt = '${hivevar:run_date}'
  GROUP BY sm.msisdn, sm.dt
INSERT OVERWRITE TABLE agg_geo.subscriber_moves_by_region PARTITION (dt)
  SELECT sm.region_id, count(DISTINCT sm.msisdn) AS subscribers, sm.dt
  WHERE sm.dt = '${hivevar:run_date}'
  GROUP BY sm.region_id, sm.dt;

-- 4. Mart: 30-day mobility features per subscriber, home cell from a lateral view.
WITH recent AS (
  SELECT msisdn, sum(moves) AS moves_30d, sum(cells_visited) AS cells_30d
  FROM agg_geo.subscriber_moves_daily
  WHERE dt > date_sub('${hivevar:run_date}', 30)
  GROUP BY msisdn
),
home AS (
  SELECT p.msisdn, h.cell_id AS home_cell
  FROM ods_geo.subscriber_profile p
  LATERAL VIEW explode(p.night_cells) h AS cell_id
  WHERE p.is_active = 1
)
INSERT OVERWRITE TABLE mart_geo.subscriber_moves_features PARTITION (dt='${hivevar:run_date}')
SELECT r.msisdn, r.moves_30d, r.cells_30d, h.home_cell,
       CASE WHEN r.moves_30d > 300 THEN 'high' WHEN r.moves_30d > 50 THEN 'mid' ELSE 'low' END
         AS mobility
FROM recent r
LEFT JOIN home h ON r.msisdn = h.msisdn;
