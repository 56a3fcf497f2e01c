SELECT 'it\'s;', "dq;", 'a''b', E'\n;', x'FF', `a``b` FROM t WHERE a LIKE '%;%' ESCAPE '\\';
SELECT 10L, 1.5BD, 1e10, .5, 0x1F, 7d_sum, t.1col FROM t;
