INSERT INTO ${db}.out SELECT * FROM ${hivevar:src} WHERE e.dt = '${dt}';
SELECT ${unknown}_x.a FROM ${ ; SELECT ${a${b}} FROM t; SELECT $1, ?, :p FROM t;
