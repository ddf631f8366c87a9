import { isAlias, isMap, isScalar, isSeq, Node, Pair } from 'yaml';
import { cardError } from './card-error';
import { readAuxiliaryModels, readTeachers } from './card-teachers';
import { FrontMatter, readFrontMatter } from './front-matter';
import { HF_RELATIONS, isHfRelation, ModelCardFacts } from './model-card-facts';

/**
 * Reads the metadata of a Hugging Face model card (README.md). Malformed metadata is an error
 * naming the README line, never a silent default: a lineage claim built on a misread card is
 * worse than none.
 */
export function parseModelCard(text: string, file: string): ModelCardFacts {
  const fm = readFrontMatter(text, file);
  const field = (key: string) => new CardField(fm, file, key);
  const relation = field('base_model_relation').string();
  if (relation !== null && !isHfRelation(relation)) {
    throw cardError(file, field('base_model_relation').line(), `base_model_relation "${relation}" is not a relation the Hub defines`, HF_RELATIONS.join(', '));
  }
  return {
    file,
    baseModels: field('base_model').stringList(),
    baseModelRelation: relation,
    hubParents: null,
    license: field('license').string(),
    licenseName: field('license_name').string(),
    licenseLink: field('license_link').string(),
    datasets: field('datasets').stringList(),
    modelName: field('model_name').string() ?? modelIndexName(fm, file),
    pipelineTag: field('pipeline_tag').string(),
    libraryName: field('library_name').string(),
    teachers: readTeachers(fm, file),
    auxiliaryModels: readAuxiliaryModels(fm, file),
  };
}

/** One top-level key of the front matter, type-checked with the README line of any mistake. */
class CardField {
  private readonly pair: Pair<unknown, unknown> | undefined;

  constructor(
    private readonly fm: FrontMatter,
    private readonly file: string,
    private readonly key: string,
  ) {
    this.pair = fm.map.items.find((p) => isScalar(p.key) && p.key.value === key);
  }

  /** The value's line, else the key's (an empty value has no node). */
  line(): number {
    return this.fm.lineOf((this.pair?.value ?? this.pair?.key) as Node | undefined);
  }

  /** Absent and `null` both mean "not stated". */
  string(): string | null {
    const node = this.value();
    if (node === null || node === undefined || isNull(node)) return null;
    if (!isScalar(node) || typeof node.value !== 'string') {
      throw cardError(this.file, this.line(), `${this.key} must be a string, got ${describe(node)}`);
    }
    return this.nonEmpty(node.value, this.line());
  }

  /** The Hub accepts one id or a list of ids for the same field. */
  stringList(): string[] {
    const node = this.value();
    if (node === null || node === undefined || isNull(node)) return [];
    if (isScalar(node) && typeof node.value === 'string') return [this.nonEmpty(node.value, this.line())];
    if (!isSeq(node)) throw cardError(this.file, this.line(), `${this.key} must be a string or a list of strings, got ${describe(node)}`);
    return node.items.map((raw, i) => {
      const line = this.fm.lineOf(raw as Node);
      const item = this.resolve(raw as Node);
      if (!isScalar(item) || typeof item.value !== 'string') {
        throw cardError(this.file, line, `${this.key}[${i}] must be a string, got ${describe(item as Node)}`);
      }
      return this.nonEmpty(item.value, line);
    });
  }

  private value(): Node | null | undefined {
    return this.resolve(this.pair?.value as Node | null | undefined);
  }

  /** `&anchor` / `*alias` are legal YAML; an alias stands for the anchored node. */
  private resolve(node: Node | null | undefined): Node | null | undefined {
    return isAlias(node) ? (node.resolve(this.fm.doc) as Node | undefined) : node;
  }

  private nonEmpty(value: string, line: number): string {
    const trimmed = value.trim();
    if (!trimmed) throw cardError(this.file, line, `${this.key} is an empty string; remove it or give a value`);
    return trimmed;
  }
}

/** `model-index` is the Hub's evaluation-results block; its first entry names the model. */
function modelIndexName(fm: FrontMatter, file: string): string | null {
  const index = fm.map.items.find((p) => isScalar(p.key) && p.key.value === 'model-index')?.value as Node | null | undefined;
  if (!index || isNull(index)) return null;
  if (!isSeq(index)) throw cardError(file, fm.lineOf(index), `model-index must be a list, got ${describe(index)}`);
  const first = index.items[0] as Node | undefined;
  if (!first) return null;
  if (!isMap(first)) throw cardError(file, fm.lineOf(first), `model-index[0] must be a mapping with a name, got ${describe(first)}`);
  const name = first.items.find((p) => isScalar(p.key) && p.key.value === 'name')?.value as Node | null | undefined;
  if (!name || isNull(name)) return null;
  if (!isScalar(name) || typeof name.value !== 'string') throw cardError(file, fm.lineOf(name), `model-index[0].name must be a string, got ${describe(name)}`);
  return name.value.trim() || null;
}

function isNull(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

function describe(node: Node | null | undefined): string {
  if (!node) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'null' : `${typeof node.value} ${JSON.stringify(node.value)}`;
  return 'an alias';
}
