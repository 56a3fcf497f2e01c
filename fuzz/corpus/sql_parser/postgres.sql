SET search_path TO mart, public;
CREATE TABLE IF NOT EXISTS "Mart"."Latest" AS
SELECT DISTINCT ON (o.cust) o.cust::text AS cust, o.ts::timestamp with time zone AS ts,
  o.data->>'k' AS k, ARRAY[o.a, o.b] AS arr, $$x;y$$ AS lit
FROM warehouse.sales.orders o, LATERAL (SELECT * FROM unnest(o.items) WITH ORDINALITY AS u(v, n)) x
ORDER BY o.cust, o.ts DESC NULLS LAST DISTRIBUTED BY (cust);
INSERT INTO m.totals AS t (id, n) SELECT id, cnt FROM m.stage ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n RETURNING *;
UPDATE sales.orders o SET total = p.amount FROM sales.payments p WHERE p.order_id = o.id;
