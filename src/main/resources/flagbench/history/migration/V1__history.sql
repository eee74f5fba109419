-- flagbench's history: run folders read into one store. The folders stay the source of truth: this is rebuilt from
-- them at will. Portable SQL, the same on the embedded H2 and on PostgreSQL.
CREATE TABLE testbed (
    id VARCHAR(600) PRIMARY KEY,
    cpu_model VARCHAR(300) NOT NULL,
    cores INTEGER NOT NULL,
    jdk VARCHAR(100) NOT NULL,
    fork_isolation VARCHAR(20) NOT NULL
);

CREATE TABLE run (
    id VARCHAR(300) PRIMARY KEY,
    folder VARCHAR(300) NOT NULL,
    testbed_id VARCHAR(600) NOT NULL REFERENCES testbed (id),
    git_commit VARCHAR(64),
    started VARCHAR(40) NOT NULL,
    suite VARCHAR(100)
);

-- a row's time samples fork by fork, as the bootstrap needs them: "1.5 1.6;1.4 1.7" (forks split by ;)
CREATE TABLE row_result (
    run_id VARCHAR(300) NOT NULL REFERENCES run (id),
    row_key VARCHAR(2000) NOT NULL,
    mean_ms DOUBLE PRECISION NOT NULL,
    forks INTEGER NOT NULL,
    samples_ms VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (run_id, row_key)
);
