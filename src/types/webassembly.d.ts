/**
 * The part of the WebAssembly JS API migguard calls itself (to replace a parser instance a hostile file broke).
 * TypeScript ships these types only with the DOM libs, and @types/node 20 does not declare them.
 */
declare namespace WebAssembly {
  type ExportValue = Function | Global | Memory | Table;
  type Exports = Record<string, ExportValue>;
  type ImportValue = ExportValue | number;
  type Imports = Record<string, Record<string, ImportValue>>;

  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
  class Global {
    value: number | bigint;
  }
  class Table {
    readonly length: number;
  }
  class RuntimeError extends Error {}
  function compile(bytes: BufferSource): Promise<Module>;
}

type BufferSource = ArrayBufferView | ArrayBuffer;
