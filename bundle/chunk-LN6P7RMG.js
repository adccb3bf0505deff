import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{currentSqlDialect,mustRunOutsideTransaction,parseEmbeddedSql,readMysqlWaivers,readWaivers,refuseTooComplex,runnerText,segmentOperations,sqlMigration,withSqlDialect}from"./chunk-M6T6ZF6W.js";import"./chunk-BQRH7I3O.js";import"./chunk-HVIQ6J4W.js";import"./chunk-DLVFT66J.js";import"./chunk-DWF2VOS3.js";import"./chunk-537EEDZK.js";import{loadPgParser}from"./chunk-DKFLGZBU.js";import"./chunk-ZKQJ33FT.js";import"./chunk-E32RQJTY.js";import"./chunk-4XKDG7BP.js";import"./chunk-NUZVKDOT.js";import"./chunk-7B3IGGFL.js";import"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{currentSqlDialect,loadPgParser,mustRunOutsideTransaction,parseEmbeddedSql,readMysqlWaivers,readWaivers,refuseTooComplex,runnerText,segmentOperations,sqlMigration,withSqlDialect};
