import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{external_exports}from"./chunk-TG2JBWVK.js";import"./chunk-SL54QWOZ.js";var JournalSchema=external_exports.object({dialect:external_exports.string().optional(),entries:external_exports.array(external_exports.object({idx:external_exports.number().int(),when:external_exports.number(),tag:external_exports.string()}).passthrough())});function databaseOf(dialect){if(dialect==="postgresql"||dialect==="pg")return"postgresql";if(dialect==="mysql"||dialect==="singlestore")return"mysql";if(dialect==="sqlite"||dialect==="turso")return"sqlite"}function readJournal(content){let json;try{json=JSON.parse(content)}catch{return}let parsed=JournalSchema.safeParse(json);if(!parsed.success)return;let database=databaseOf(parsed.data.dialect);return{...database?{database}:{},...parsed.data.dialect?{dialect:parsed.data.dialect}:{},entries:parsed.data.entries.map(({idx,when,tag})=>({idx,when,tag}))}}export{readJournal};
