import { modelRegistrationFromCard } from './card-registration';
import { parseModelCard } from './model-card.parser';

const CARD = `---
base_model: meta-llama/Llama-3.1-8B-Instruct
base_model_relation: adapter
library_name: peft
license: llama3.1
datasets: [HuggingFaceH4/ultrachat_200k]
pipeline_tag: text-generation
---
`;

describe('modelRegistrationFromCard', () => {
  const reg = modelRegistrationFromCard('acme/legal-lora', parseModelCard(CARD, 'out/README.md'), 'out/README.md');

  it('gives the registerModel input without lineage, and the lineage separately', () => {
    expect(reg.model).toMatchObject({ name: 'acme/legal-lora', access: 'OPEN_WEIGHTS', license: 'LicenseRef-llama3.1', modality: 'text' });
    expect(reg.model).not.toHaveProperty('lineage');
    expect(reg.lineage).toEqual([
      { source: { model: 'meta-llama/Llama-3.1-8B-Instruct' }, relation: 'ADAPTER', evidence: expect.objectContaining({ origin: 'MODEL_CARD', confidence: 0.9 }) },
      { source: { dataset: 'HuggingFaceH4/ultrachat_200k' }, relation: 'TRAINED_ON', evidence: expect.objectContaining({ origin: 'MODEL_CARD' }) },
    ]);
  });

  it('lists what must exist first, in order', () => {
    expect(reg.prerequisites.map((op) => op.label)).toEqual([
      'organization "acme"',
      'organization "meta-llama"',
      'organization "huggingfaceh4"',
      'license "LicenseRef-llama3.1" (placeholder terms)',
      'placeholder dataset "HuggingFaceH4/ultrachat_200k"',
      'placeholder model "meta-llama/Llama-3.1-8B-Instruct"',
    ]);
  });
});
