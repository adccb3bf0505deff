import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{loadRubyReaders,rubyReaders,rubyReadersLoaded}from"./chunk-UHG76JAQ.js";import"./chunk-NUZVKDOT.js";import"./chunk-SL54QWOZ.js";export{loadRubyReaders,rubyReaders,rubyReadersLoaded};
