/**
 * Settings for a migguard process (the CLI, the Action): called first thing by their entry points.
 */
import { setFlagsFromString } from "node:v8";

/**
 * - V8_FLAGS.
 * - @ruby/prism loads through node:wasi, which prints an ExperimentalWarning on Node 20: not for users' eyes.
 *   Other warnings still print.
 */
/**
 * V8 flags for a short-lived migguard process, set before the code they tune is compiled:
 * - WebAssembly stays on V8's baseline compiler (Liftoff): optimising libpg-query's 1.7 MB of WASM in the
 *   background costs a short-lived process more CPU time and about 50 MB more memory than it ever saves
 *   (measured: a one-file lint 0.47 -> 0.21 s of CPU, 115 -> 66 MB peak; the 800-file bench faster too).
 * - JavaScript is optimised (TurboFan, on V8's background threads) only once a function has run a while longer
 *   than V8's default budget (132 KB) allows: the 800-file bench spent about 350 ms of CPU time optimising, on
 *   four background threads, beside 460 ms on the main thread, more than the optimised code saved before the
 *   process ended. At 300 KB: 0.87 -> 0.65 s of CPU, the main thread's time the same, the output the same
 *   (a one-file lint 0.13 -> 0.12 s); on a 2-core machine the background work competes with the main thread.
 */
export const V8_FLAGS = ["--liftoff-only", "--interrupt-budget=300000"];

export function setV8Flags(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

export function setUpProcess(): void {
  setV8Flags();
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning?.message;
    if (typeof text === "string" && text.includes("WASI")) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
}
