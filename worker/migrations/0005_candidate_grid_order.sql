-- The grid lists a session's candidates by name (readGrid: birth_name, first_names_json,
-- school_id). Without this index SQLite sorts every row after building its marks JSON (a temp
-- B-tree of ~1 KB per candidate, 10 MB at 10,000); with it the rows come out in order.
CREATE INDEX candidate_grid_order ON candidate (session_id, birth_name, first_names_json, school_id);
