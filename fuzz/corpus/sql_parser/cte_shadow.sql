WITH orders AS (SELECT id, amount FROM orders WHERE ok),
big AS (WITH inner_c AS (SELECT id FROM orders) SELECT id FROM inner_c)
INSERT INTO t SELECT o.*, b.id FROM orders o LEFT SEMI JOIN big b ON o.id = b.id;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r;
