WITH moved AS (DELETE FROM a WHERE x > 1 RETURNING *) INSERT INTO b SELECT * FROM moved;
WITH upd AS (UPDATE accounts SET balance = balance - p.amount FROM payments p WHERE p.account_id = accounts.id RETURNING accounts.id, balance AS nb) INSERT INTO audit SELECT * FROM upd;
WITH ins AS (INSERT INTO ids (id) SELECT user_id FROM events ON CONFLICT (id) DO NOTHING RETURNING id), d AS (DELETE FROM x USING y WHERE x.id = y.id RETURNING x.*) SELECT * FROM ins NATURAL JOIN d;
WITH bad AS (DELETE FROM) SELECT 1;
WITH bad AS (MERGE INTO a USING b ON a.id = b.id WHEN MATCHED THEN DELETE) SELECT 1;
CREATE TEMP TABLE recent AS SELECT id, sum(amount), amount + fee, (SELECT max(v) FROM b), CASE WHEN x THEN 1 END FROM orders;
SELECT o.id INTO TEMP big FROM orders o;
UPDATE recent SET id = 0;
SELECT a::double precision, b::timestamp(3) with time zone, cast(c AS bit varying(3)) FROM recent NATURAL LEFT JOIN big;
