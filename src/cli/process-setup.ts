/**
 * Settings for a migguard process (the CLI, the Action): called first thing by their entry points.
 */
import { setFlagsFromString } from "node:v8";

/**
 * - WebAssembly stays on V8's baseline compiler (Liftoff): optimising libpg-query's 1.7 MB of WASM in the
 *   background costs a short-lived process more CPU time and about 50 MB more memory than it ever saves
 *   (measured: a one-file lint 0.47 -> 0.21 s of CPU, 115 -> 66 MB peak; the 800-file bench faster too).
 * - @ruby/prism loads through node:wasi, which prints an ExperimentalWarning on Node 20: not for users' eyes.
 *   Other warnings still print.
 */
export function setUpProcess(): void {
  setFlagsFromString("--liftoff-only");
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning?.message;
    if (typeof text === "string" && text.includes("WASI")) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
}
