import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{wasmFile}from"./chunk-6E7SBJZC.js";var runtime,queue=Promise.resolve(),treeSitterRuntime=()=>runtime??=import("./chunk-NOZI3RGK.js").then(async module=>(await module.Parser.init(),module));function loadGrammar(packagePath){let loaded=queue.then(async()=>{let treeSitter=await treeSitterRuntime();return{treeSitter,language:await treeSitter.Language.load(wasmFile(packagePath))}});return queue=loaded.catch(()=>{}),loaded}async function grammarParser(packagePath){let{treeSitter,language}=await loadGrammar(packagePath),parser=new treeSitter.Parser;return parser.setLanguage(language),parser}function withTree(parser,content,read){let tree=parser.parse(content);try{return tree?read(tree.rootNode):void 0}finally{tree?.delete()}}function oncePerFile(read){let cache=new WeakMap;return file=>{let known=cache.get(file);if(known!==void 0)return known??void 0;let value=read(file)??null;return cache.set(file,value),value??void 0}}export{loadGrammar,grammarParser,withTree,oncePerFile};
