import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{RubyVisitor}from"./chunk-5LARUNZI.js";import"./chunk-RYDXXG5N.js";import{parseRuby}from"./chunk-I6Q36JY2.js";import"./chunk-7B3IGGFL.js";import{StringNode}from"./chunk-2TFGQX5P.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";var GemCalls=class extends RubyVisitor{gems=new Set;visitCallNode(node){let first=node.arguments_?.arguments_[0];node.name==="gem"&&!node.receiver&&first instanceof StringNode&&this.gems.add(first.unescaped.value),super.visitCallNode(node)}};function gemfileGems(content){let visitor=new GemCalls;return parseRuby(content).value.accept(visitor),visitor.gems}export{gemfileGems};
