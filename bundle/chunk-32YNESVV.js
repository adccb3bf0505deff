import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{wasmFile}from"./chunk-6E7SBJZC.js";import{readFile}from"node:fs/promises";var compiled;function pgQueryModule(){return compiled??=readFile(wasmFile("libpg-query/wasm/libpg-query.wasm")).then(bytes=>WebAssembly.compile(bytes)),compiled}export{pgQueryModule};
