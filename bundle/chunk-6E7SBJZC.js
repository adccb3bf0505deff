import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{existsSync}from"node:fs";import{createRequire}from"node:module";import{basename}from"node:path";import{fileURLToPath}from"node:url";function wasmFile(packagePath){let bundled=new URL(basename(packagePath),import.meta.url);return existsSync(bundled)?fileURLToPath(bundled):createRequire(import.meta.url).resolve(packagePath)}export{wasmFile};
