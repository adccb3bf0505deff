import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{RubyVisitor}from"./chunk-5LARUNZI.js";import"./chunk-RYDXXG5N.js";import"./chunk-2TFGQX5P.js";import"./chunk-SL54QWOZ.js";export{RubyVisitor};
