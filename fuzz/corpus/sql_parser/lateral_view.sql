SELECT s.id, v.item, p.pos FROM t s
LATERAL VIEW explode(s.items) v AS item
LATERAL VIEW OUTER posexplode(split(s.csv, ',')) p AS pos, val
LATERAL VIEW inline(array(struct(1, 2))) q AS a, b;
