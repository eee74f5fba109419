-- What the page's run charts and a check across testbeds need beyond a row's time: the row's parameters (JSON), how
-- many downloads it ran at once, its latency bound, and its download CPU fork by fork (µs a download; null where the
-- forks did not split it); the run's speed ruler, its trials "before after;…" in ms, and which ruler it was (machine.json's
-- speedRuler: only readings of one ruler are set against each other). Null for runs ingested before: rebuild the store.
ALTER TABLE row_result ADD COLUMN params VARCHAR(4000);
ALTER TABLE row_result ADD COLUMN concurrency INTEGER;
ALTER TABLE row_result ADD COLUMN ideal_ms DOUBLE PRECISION;
ALTER TABLE row_result ADD COLUMN cpu_us VARCHAR(1000000);
ALTER TABLE run ADD COLUMN ruler_ms VARCHAR(1000000);
ALTER TABLE run ADD COLUMN ruler VARCHAR(300);
