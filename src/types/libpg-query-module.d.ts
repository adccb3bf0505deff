/**
 * libpg-query's Emscripten factory (the package's own index.js keeps one instance for the whole process; migguard
 * creates its own so it can replace one a hostile statement broke). Only what pg-query.ts calls is declared.
 */
declare module "libpg-query/wasm/libpg-query.js" {
  export interface PgQueryWasm {
    _malloc(size: number): number;
    _free(pointer: number): void;
    _wasm_parse_query_raw(query: number): number;
    _wasm_free_parse_result(result: number): void;
    _wasm_parse_plpgsql(query: number): number;
    _wasm_scan(query: number): number;
    _wasm_free_string(pointer: number): void;
    getValue(pointer: number, type: "i32"): number;
    UTF8ToString(pointer: number): string;
    stringToUTF8(text: string, pointer: number, maxBytes: number): void;
    lengthBytesUTF8(text: string): number;
    /** the module's memory as bytes: a new view after the memory grows, so read it after every call */
    HEAPU8: Uint8Array;
  }
  export interface PgQueryModuleOptions {
    /** Emscripten's hook to instantiate the WASM itself (here: from a module compiled once) */
    instantiateWasm?(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void): object;
  }
  const createPgQueryModule: (options?: PgQueryModuleOptions) => Promise<PgQueryWasm>;
  export default createPgQueryModule;
}
