// Stands in for the `server-only` package under vitest (server code is what we test).
export {};
