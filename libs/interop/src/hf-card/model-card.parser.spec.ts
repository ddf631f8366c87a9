import { DomainError, ErrorCode } from '@pedigree/core';
import { parseModelCard } from './model-card.parser';

/** Shaped like a PEFT-generated card: a LoRA adapter on Llama 3.1. */
const LORA_CARD = `---
base_model: meta-llama/Llama-3.1-8B-Instruct
base_model_relation: adapter
library_name: peft
license: llama3.1
datasets:
- HuggingFaceH4/ultrachat_200k
pipeline_tag: text-generation
model-index:
- name: llama-3.1-8b-legal-lora
  results: []
---

# llama-3.1-8b-legal-lora

This model is a fine-tuned version of [meta-llama/Llama-3.1-8B-Instruct](https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct).
`;

/** Shaped like a mergekit README: the base model is listed once per slice. */
const MERGE_CARD = `---
base_model:
- mistralai/Mistral-7B-v0.1
- HuggingFaceH4/zephyr-7b-beta
- mistralai/Mistral-7B-v0.1
library_name: transformers
tags:
- mergekit
- merge
license: apache-2.0
---
# merge

This is a merge of pre-trained language models created using [mergekit](https://github.com/cg123/mergekit).
`;

function failure(text: string): DomainError {
  try {
    parseModelCard(text, 'acme/model/README.md');
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the card to be rejected');
}

describe('parseModelCard', () => {
  it('reads a LoRA card: a string base_model, a declared relation, license and datasets', () => {
    expect(parseModelCard(LORA_CARD, 'acme/lora/README.md')).toEqual({
      file: 'acme/lora/README.md',
      baseModels: ['meta-llama/Llama-3.1-8B-Instruct'],
      baseModelRelation: 'adapter',
      hubParents: null,
      license: 'llama3.1',
      licenseName: null,
      licenseLink: null,
      datasets: ['HuggingFaceH4/ultrachat_200k'],
      modelName: 'llama-3.1-8b-legal-lora',
      pipelineTag: 'text-generation',
      libraryName: 'peft',
      teachers: [],
      auxiliaryModels: [],
    });
  });

  it("keeps a merge card's repeated parent as written, so the repeat count survives", () => {
    const facts = parseModelCard(MERGE_CARD, 'README.md');
    expect(facts.baseModels).toEqual(['mistralai/Mistral-7B-v0.1', 'HuggingFaceH4/zephyr-7b-beta', 'mistralai/Mistral-7B-v0.1']);
    expect(facts.baseModelRelation).toBeNull();
  });

  it('reads license_name and license_link, a datasets string and model_name', () => {
    const facts = parseModelCard(
      '---\nlicense: other\nlicense_name: qwen\nlicense_link: LICENSE\ndatasets: allenai/tulu-3-sft-mixture\nmodel_name: Qwen2.5 Legal\n---\n',
      'README.md',
    );
    expect(facts).toMatchObject({
      license: 'other',
      licenseName: 'qwen',
      licenseLink: 'LICENSE',
      datasets: ['allenai/tulu-3-sft-mixture'],
      modelName: 'Qwen2.5 Legal',
    });
  });

  it('accepts CRLF line endings, a BOM, null values and YAML anchors', () => {
    const facts = parseModelCard('\uFEFF---\r\nbase_model: &base a/b\r\nlicense:\r\ndatasets: [*base]\r\n---\r\n', 'README.md');
    expect(facts).toMatchObject({ baseModels: ['a/b'], license: null, datasets: ['a/b'] });
  });

  it.each(['quantized', 'merge', 'finetune', 'adapter'])('accepts base_model_relation: %s', (relation) => {
    expect(parseModelCard(`---\nbase_model: a/b\nbase_model_relation: ${relation}\n---\n`, 'README.md').baseModelRelation).toBe(relation);
  });

  it('rejects an unknown base_model_relation, naming the field, its line and the accepted values', () => {
    const e = failure('---\nlicense: mit\nbase_model: a/b\nbase_model_relation: lora\n---\n');
    expect(e.code).toBe(ErrorCode.INVALID_INPUT);
    expect(e.field).toBe('acme/model/README.md:4');
    expect(e.message).toBe(
      'acme/model/README.md line 4: base_model_relation "lora" is not a relation the Hub defines. Accepted: adapter, merge, quantized, finetune.',
    );
  });

  it('reports a YAML syntax error at its README line, counting the opening ---', () => {
    // Line 7 of the README is line 6 of the YAML.
    const card = [
      '---',
      'license: mit',
      'base_model:',
      '- a/b',
      '- c/d',
      'library_name: transformers',
      'pipeline_tag: text-generation: extra',
      '---',
      '# Card',
    ].join('\n');
    const e = failure(card);
    expect(e.field).toBe('acme/model/README.md:7');
    expect(e.message).toMatch(/^acme\/model\/README\.md line 7: front matter is not valid YAML: /);
  });

  it('reports a duplicate key at the line of the second occurrence', () => {
    const e = failure('---\nlicense: mit\npipeline_tag: text-generation\nlicense: apache-2.0\n---\n');
    expect(e.field).toBe('acme/model/README.md:4');
    expect(e.message).toContain('Map keys must be unique');
  });

  it('rejects front matter that is never closed', () => {
    const e = failure('---\nlicense: mit\nbase_model: a/b\n\n# Title\n');
    expect(e.field).toBe('acme/model/README.md:1');
    expect(e.message).toContain('never closed');
  });

  it('rejects a card without front matter', () => {
    const e = failure('# My model\n\n---\nlicense: mit\n---\n');
    expect(e.message).toBe(
      'acme/model/README.md line 1: has no YAML front matter: a model card must start with a "---" line, its metadata, and a closing "---" line.',
    );
  });

  it.each([
    ['a list', '---\n# metadata\n- license: mit\n- base_model: a/b\n---\n', 3],
    ['a single value', '---\n\njust some text\n---\n', 3],
  ])('rejects front matter that is %s, at the line where it starts', (_, card, line) => {
    const e = failure(card as string);
    expect(e.field).toBe(`acme/model/README.md:${line}`);
    expect(e.message).toContain('must be a mapping');
  });

  it('rejects empty front matter', () => {
    expect(failure('---\n---\n# Card\n').message).toContain('front matter is empty');
  });

  it.each([
    ['base_model: 42', 2, 'base_model must be a string or a list of strings, got number 42'],
    ['base_model:\n  - a/b\n  - {name: c/d}', 4, 'base_model[1] must be a string, got a mapping'],
    ['license: [mit, apache-2.0]', 2, 'license must be a string, got a list'],
    ['datasets:\n  key: value', 3, 'datasets must be a string or a list of strings, got a mapping'],
    ['model-index: {name: x}', 2, 'model-index must be a list, got a mapping'],
    ['base_model: "  "', 2, 'base_model is an empty string'],
  ])('rejects a wrongly typed field: %s', (yaml, line, problem) => {
    const e = failure(`---\n${yaml}\n---\n`);
    expect(e.field).toBe(`acme/model/README.md:${line}`);
    expect(e.message).toContain(`line ${line}: ${problem}`);
  });

  it('reports an alias used before its anchor at its line', () => {
    expect(failure('---\nlicense: mit\nbase_model: *parent\n---\n').field).toBe('acme/model/README.md:3');
  });
});
