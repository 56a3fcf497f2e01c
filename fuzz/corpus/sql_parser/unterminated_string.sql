SELECT 'unterminated ; string
SELECT 1;