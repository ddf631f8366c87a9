import { Document, isAlias, isMap, LineCounter, Node, parseDocument, visit, YAMLMap } from 'yaml';
import { cardError } from './card-error';

const DELIMITER = /^---[ \t]*$/;

/** The YAML between the `---` lines at the top of a README, with a way back to README lines. */
export interface FrontMatter {
  map: YAMLMap;
  doc: Document;
  /** README line (1-based) of a node in `map`. */
  lineOf(node: Node | null | undefined): number;
}

/**
 * Finds and parses the front matter with a real YAML parser. Every error names the README line:
 * YAML positions are offsets into the block, so the block's first line is added back.
 */
export function readFrontMatter(text: string, file: string): FrontMatter {
  // A BOM is invisible in editors; the Hub ignores it, so it must not hide the opening `---`.
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  if (!DELIMITER.test(lines[0] ?? '')) {
    throw cardError(file, 1, 'has no YAML front matter: a model card must start with a "---" line, its metadata, and a closing "---" line');
  }
  const closing = lines.findIndex((line, i) => i > 0 && DELIMITER.test(line));
  if (closing < 0) throw cardError(file, 1, 'front matter opened by "---" is never closed: no later line is "---"');
  const bodyLine = 2;
  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, closing).join('\n'), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + bodyLine - 1;

  const [error] = doc.errors;
  if (error) throw cardError(file, lineAt(error.pos[0]), `front matter is not valid YAML: ${error.message}`);
  // toJS would throw a bare ReferenceError for these, without a position.
  visit(doc, {
    Alias(_, alias) {
      if (isAlias(alias) && alias.resolve(doc) === undefined) {
        throw cardError(file, lineAt(alias.range?.[0] ?? 0), `front matter uses the alias *${alias.source} before its anchor &${alias.source} is set`);
      }
    },
  });
  if (doc.contents === null) throw cardError(file, 1, 'front matter is empty; expected a mapping such as "base_model: …" and "license: …"');
  if (!isMap(doc.contents)) {
    throw cardError(file, lineAt(doc.contents.range?.[0] ?? 0), 'front matter must be a mapping of fields ("key: value" lines), not a list or a single value');
  }
  return { map: doc.contents, doc, lineOf: (node) => lineAt(node?.range?.[0] ?? 0) };
}
