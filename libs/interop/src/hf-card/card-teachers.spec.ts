import { DomainError } from '@pedigree/core';
import { planModelCards } from './card-plan';
import { parseModelCard } from './model-card.parser';

/** Shaped like the Starling-LM-7B-alpha card, with the two Pedigree keys a publisher could add. */
const STARLING = `---
license: apache-2.0
base_model: openchat/openchat_3.5
auxiliary_models:
- model: berkeley-nest/Starling-RM-7B-alpha
  role: reward_model
distillation_teachers:
- openai/gpt-4
- model: openai/gpt-3.5-turbo
  snapshot: gpt-3.5-turbo-0613
  used_from: 2023-07-01
  used_to: 2023-08-15
---
`;

const withKeys = (yaml: string) => `---\nlicense: apache-2.0\n${yaml}\n---\n`;

function cardLine(text: string): string {
  try {
    parseModelCard(text, 'x/README.md');
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INVALID_INPUT');
    return (e as DomainError).field!;
  }
  throw new Error('expected an error');
}

describe('distillation_teachers and auxiliary_models on a model card', () => {
  it('reads teachers (bare ids or with snapshot and period) and auxiliary models with their role', () => {
    const facts = parseModelCard(STARLING, 'starling/README.md');
    expect(facts.teachers).toEqual([
      { model: 'openai/gpt-4', snapshot: null, usedFrom: null, usedTo: null },
      { model: 'openai/gpt-3.5-turbo', snapshot: 'gpt-3.5-turbo-0613', usedFrom: '2023-07-01', usedTo: '2023-08-15' },
    ]);
    expect(facts.auxiliaryModels).toEqual([{ model: 'berkeley-nest/Starling-RM-7B-alpha', role: 'REWARD_MODEL' }]);
    expect(parseModelCard(withKeys('base_model: a/b'), 'f').teachers).toEqual([]);
  });

  it('plans a DISTILLATION edge per teacher with what the card states, and an AUXILIARY edge with the role', () => {
    const facts = parseModelCard(STARLING, 'starling/README.md');
    const plan = planModelCards(
      [{ name: 'berkeley-nest/Starling-LM-7B-alpha', facts, source: 'https://huggingface.co/berkeley-nest/Starling-LM-7B-alpha' }],
      'cards',
      {
        placeholders: true,
        unknownLicenses: false,
        knownLicenseRefs: new Set(),
      },
    );
    const edges = plan.ops.filter((o) => o.mutation === 'assertLineage').map((o) => o.input);
    expect(edges.map((e) => [e.relation, (e.source as { model: string }).model])).toEqual([
      ['FINETUNE', 'openchat/openchat_3.5'],
      ['DISTILLATION', 'openai/gpt-4'],
      ['DISTILLATION', 'openai/gpt-3.5-turbo'],
      ['AUXILIARY', 'berkeley-nest/Starling-RM-7B-alpha'],
    ]);
    expect(edges[1]).not.toHaveProperty('teacherSnapshot');
    expect(edges[2]).toMatchObject({ teacherSnapshot: 'gpt-3.5-turbo-0613', usedFrom: '2023-07-01', usedTo: '2023-08-15' });
    expect(edges[3]).toMatchObject({
      auxiliaryRole: 'REWARD_MODEL',
      evidence: { origin: 'MODEL_CARD', justification: expect.stringContaining('auxiliary_models') },
    });
    expect(plan.counts).toMatchObject({ 'edges.DISTILLATION': 2, 'edges.AUXILIARY': 1, placeholders: 4 });
    const placeholder = plan.ops.find((o) => o.mutation === 'registerModel' && o.input.name === 'openai/gpt-4')!;
    expect(placeholder.input).toMatchObject({ placeholder: true, evidence: { justification: expect.stringContaining('access unknown') } });
  });

  it.each([
    ['a teacher list that is a string', 'distillation_teachers: openai/gpt-4', 'x/README.md:3'],
    ['an unknown teacher field', 'distillation_teachers:\n- model: openai/gpt-4\n  version: 0613', 'x/README.md:5'],
    ['a teacher without a model', 'distillation_teachers:\n- snapshot: gpt-4-0613', 'x/README.md:4'],
    ['a date that is not YYYY-MM-DD', 'distillation_teachers:\n- model: openai/gpt-4\n  used_from: June 2023', 'x/README.md:4'],
    ['a period that ends before it starts', 'distillation_teachers:\n- model: openai/gpt-4\n  used_from: 2023-09-01\n  used_to: 2023-06-13', 'x/README.md:4'],
    ['an unknown role', 'auxiliary_models:\n- model: a/rm\n  role: teacher', 'x/README.md:4'],
    ['an auxiliary model without a role', 'auxiliary_models:\n- model: a/rm', 'x/README.md:4'],
    ['a bare auxiliary model id', 'auxiliary_models:\n- a/rm', 'x/README.md:4'],
  ])('refuses %s, naming the README line', (_, yaml, field) => {
    expect(cardLine(withKeys(yaml))).toBe(field);
  });
});
