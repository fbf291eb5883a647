-- A state's compliance report starts from its stations (docs/benchmarks.md, "national compliance").
CREATE INDEX stations_state ON stations(state);
