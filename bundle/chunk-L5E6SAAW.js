import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{endWithHeredocs,rubyMoved,rubyNodeLines,rubyNodeText}from"./chunk-PCCZ7MO2.js";import"./chunk-3J6XCSYT.js";import"./chunk-Q34GNGHR.js";import"./chunk-3WNYPXIK.js";import"./chunk-ELML7O7Y.js";import"./chunk-RYDXXG5N.js";import"./chunk-X6WDBDI2.js";import"./chunk-7B3IGGFL.js";import"./chunk-FWCJITNU.js";import"./chunk-QQGLHI7X.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{endWithHeredocs,rubyMoved,rubyNodeLines,rubyNodeText};
