/** PostgreSQL's table lock modes (the names LOCK TABLE takes), and which of them hold up writes. */
export const LOCK_MODES = new Set(["ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"]);

/** Lock modes that conflict with ROW EXCLUSIVE, the lock every INSERT/UPDATE/DELETE takes. */
export const WRITE_BLOCKING_MODES = new Set(["SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"]);
