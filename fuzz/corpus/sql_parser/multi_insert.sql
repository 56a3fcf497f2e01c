FROM (SELECT * FROM raw.events WHERE dt = '2024-01-01') e
INSERT OVERWRITE TABLE mart.clicks PARTITION (dt) SELECT e.user_id, e.url, e.dt WHERE e.kind = 'click'
INSERT INTO TABLE mart.views SELECT e.user_id, count(*) AS n WHERE e.kind = 'view' GROUP BY e.user_id;
