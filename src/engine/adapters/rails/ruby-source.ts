/** A Ruby file's text with Prism's byte locations mapped to lines and source slices. */
import type { Location, Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import type { SourceRange } from "../../model.js";
import { SourceLines } from "../../source-lines.js";

export class RubySource {
  readonly lines: SourceLines;

  constructor(readonly text: string) {
    this.lines = new SourceLines(text);
  }

  lineOf(offset: number): number {
    return this.lines.lineOfByte(offset);
  }

  /** 1-based inclusive lines of a location */
  range(location: Location): SourceRange {
    const line = this.lines.lineOfByte(location.startOffset);
    const endLine = this.lines.lineOfByte(location.startOffset + Math.max(0, location.length - 1));
    return { line, endLine: Math.max(line, endLine) };
  }

  loc(node: Node): SourceRange {
    return this.range(node.location);
  }

  /** the node's source text as written */
  slice(location: Location): string {
    return this.lines.sliceBytes(location.startOffset, location.startOffset + location.length);
  }

  textOf(node: Node): string {
    return this.slice(node.location);
  }

  /**
   * The node's text with the bodies of the heredocs it opens: Prism's location of `execute <<~SQL` ends at the
   * opener, the body and terminator come on the lines after. Code moved elsewhere must carry them.
   */
  textWithHeredocs(node: Node): string {
    let end = node.location.startOffset + node.location.length;
    const stack: Node[] = [node];
    for (let n = stack.pop(); n; n = stack.pop()) {
      const { openingLoc, closingLoc } = n as Partial<Record<"openingLoc" | "closingLoc", Location | null>>;
      if (openingLoc && closingLoc && this.slice(openingLoc).startsWith("<<")) end = Math.max(end, closingLoc.startOffset + closingLoc.length);
      stack.push(...rubyChildren(n));
    }
    return this.lines.sliceBytes(node.location.startOffset, end).replace(/\n$/, "");
  }
}
