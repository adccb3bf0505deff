/**
 * After each test file: stop the process's shared test database (PGlite's worker thread, started by the App
 * or `lint --execute` in that file), so a Jest worker does not carry one per finished file.
 */
import { afterAll } from "@jest/globals";
import { closeDefaultExecutor } from "../../src/execute/default-executor.js";

afterAll(async () => {
  await closeDefaultExecutor();
});
