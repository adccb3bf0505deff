/**
 * A lazy loader (dynamic imports, WebAssembly parsers) that runs once per process: concurrent callers share its
 * promise instead of importing the same modules side by side. Node copes with concurrent first imports, but Jest's
 * ESM loader does not (a second import can get a module still evaluating: "Cannot access ... before initialization",
 * or "request for ... is not in cache"), and tests run analyses concurrently. A failed load is retried by the next call.
 */
export function loadOnce(load: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
