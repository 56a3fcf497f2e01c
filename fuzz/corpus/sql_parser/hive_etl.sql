-- nightly geo aggregation
USE geo;
SET hivevar:dt=2024-01-01;
INSERT OVERWRITE TABLE geo.moves_agg PARTITION (dt='${hivevar:dt}')
SELECT m.cell_id, count(DISTINCT m.msisdn) AS users, sum(CASE WHEN m.kind = 'in' THEN 1 ELSE 0 END) AS ins
FROM subscriber_moves m JOIN cells c ON m.cell_id = c.id
WHERE m.dt = '${dt}' AND c.region IN ('n', 's')
GROUP BY m.cell_id;
