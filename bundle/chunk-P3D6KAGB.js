import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var dumpName=name=>name.replace(/^"?public"?\./i,"").replace(/"/g,"").toLowerCase();function itemKey(item){return item.kind==="table"?`table ${item.table}`:item.kind==="column"?`column ${item.table}.${item.column}`:item.kind==="index"?item.name?`index ${item.name}`:`index ${item.table}(${item.columns?.join(",")})`:`other ${item.table??""} ${item.canonical??item.text}`}var sameItem=(a,b)=>a.canonical!==void 0&&b.canonical!==void 0?a.canonical===b.canonical:a.text===b.text;function diffItems(before,after){let old=new Map(before.map(i=>[itemKey(i),i])),now=new Map(after.map(i=>[itemKey(i),i])),diff={added:[],removed:[],changed:[]};for(let[key,item]of now){let was=old.get(key);was?sameItem(was,item)||diff.changed.push({before:was,after:item}):diff.added.push(item)}for(let[key,item]of old)now.has(key)||diff.removed.push(item);return diff}export{dumpName,diffItems};
