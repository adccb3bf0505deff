import { loadOnce } from "./load-once.js";

describe("loadOnce", () => {
  it("runs the load once for concurrent and later callers", async () => {
    let runs = 0;
    const load = loadOnce(async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await Promise.all([load(), load(), load()]);
    await load();
    expect(runs).toBe(1);
  });

  it("retries after a failure", async () => {
    let runs = 0;
    const load = loadOnce(async () => {
      runs += 1;
      if (runs === 1) throw new Error("first load fails");
    });
    await expect(load()).rejects.toThrow("first load fails");
    await load();
    await load();
    expect(runs).toBe(2);
  });
});
