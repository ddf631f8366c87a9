import { LineageDocument } from '../lineage-document';
import { CdxSpecVersion, CycloneDxBom } from './cyclonedx-bom';
import { fromCycloneDx } from './cyclonedx-reader';
import { validateCycloneDx } from './cyclonedx-validator';
import { toCycloneDx } from './cyclonedx-writer';
import { auxiliaryDocument, distilledLlamaDocument, evidence, mergeDocument } from './lineage-document.fixture';

/** A document whose every claim is evidenced, as the registry exports it: edges, licenses, countries, organizations, and a signed checkpoint. */
function evidencedDocument(): LineageDocument {
  const doc = distilledLlamaDocument();
  const card = (what: string) =>
    evidence({ justification: `${what} stated on the model page.`, documentRef: 'https://huggingface.co/x', collector: 'hf-card-scraper' });
  doc.nodes = doc.nodes.map((n) => ({
    ...n,
    ...(n.license ? { licenseEvidence: card('License') } : {}),
    ...(n.country
      ? { countryEvidence: evidence({ origin: 'THIRD_PARTY_REPORT', justification: 'Publisher country.', observedAt: '2025-01-02T03:04:05.000Z' }) }
      : {}),
    checkpoints: n.checkpoints.map((c, i) => (i === 0 ? { ...c, signature: { status: 'VERIFIED', signer: 'release@meta.example' } } : c)),
  }));
  doc.organizations = doc.organizations.map((o) => ({ ...o, evidence: evidence({ origin: 'AUDIT_FINDING', justification: `${o.name} registry extract.` }) }));
  return doc;
}

/** RFC 6901 lookup, to show each pointer names a real field. */
function at(bom: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((v, key) => (v as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], bom);
}

function bomRefs(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => bomRefs(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) k === 'bom-ref' ? out.add(v as string) : bomRefs(v, out);
  return out;
}

describe('CycloneDX 1.7 citations', () => {
  it('cites every evidenced claim at the root, with pointers to real fields, a time and who supplied it', async () => {
    const doc = evidencedDocument();
    const bom = toCycloneDx(doc);
    expect(bom.specVersion).toBe('1.7');
    expect(bom.metadata).not.toHaveProperty('citations');
    const citations = bom.citations!;
    const licensed = doc.nodes.filter((n) => n.license).length;
    const countried = doc.nodes.filter((n) => n.country).length;
    expect(citations).toHaveLength(doc.edges.length + licensed + countried + doc.organizations.length);

    const refs = bomRefs({ ...bom, citations: [] });
    for (const c of citations) {
      expect(c.pointers.length).toBeGreaterThan(0);
      for (const p of c.pointers) expect(at(bom, p)).toBeDefined();
      expect(refs.has(c.attributedTo)).toBe(true);
      expect(Number.isNaN(Date.parse(c.timestamp))).toBe(false);
    }
    const n = doc.edges.findIndex((e) => e.relation === 'FINETUNE');
    const finetune = citations.find((c) => c['bom-ref'] === `citation:edge:${n}`)!;
    expect(finetune.pointers.map((p) => at(bom, p))).toEqual([
      { name: `pedigree:edge:${n}:source`, value: 'model:meta-llama/Llama-3.1-8B' },
      { name: `pedigree:edge:${n}:relation`, value: 'FINETUNE' },
    ]);
    expect(finetune).toMatchObject({ attributedTo: 'collector:hf-card-scraper', timestamp: '2025-02-01T00:00:00.000Z' });
    expect(finetune.note).toContain('Document: https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-8B');
    const country = citations.find((c) => c['bom-ref'] === 'citation:country:model:meta-llama/Llama-3.1-8B')!;
    expect(country).toMatchObject({ attributedTo: 'tool:pedigree', timestamp: '2025-01-02T03:04:05.000Z' });
    expect(at(bom, country.pointers[0])).toEqual({ name: 'pedigree:country', value: 'US' });
    const license = citations.find((c) => c['bom-ref'] === 'citation:license:model:deepseek-ai/DeepSeek-R1-Distill-Llama-8B')!;
    expect(at(bom, license.pointers[0])).toEqual({ expression: 'MIT AND LicenseRef-llama3.1' });
    const owner = citations.find((c) => c['bom-ref'] === 'citation:organization:deepseek')!;
    expect(owner.pointers.map((p) => at(bom, p))).toEqual([
      { name: 'pedigree:organization:deepseek:country', value: 'CN' },
      { name: 'pedigree:organization:deepseek:parent', value: 'high-flyer' },
    ]);

    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });
  });

  it('cites a dataset’s source kind, size range and top domains as one claim, pointing at each of them', () => {
    const doc = auxiliaryDocument();
    const ev = evidence({ justification: 'Dataset card.', documentRef: 'https://example.org/card' });
    doc.nodes = doc.nodes.map((n) =>
      n.kind === 'DATASET'
        ? { ...n, sourceKind: 'CRAWLED', sizeRange: 'TEXT_UNDER_1B_TOKENS', topDomains: ['a.example', 'b.example'], profileEvidence: ev }
        : n,
    );
    const bom = toCycloneDx(doc);
    const profiles = bom.citations!.filter((c) => c['bom-ref'].startsWith('citation:profile:'));
    expect(profiles).toHaveLength(doc.nodes.filter((n) => n.kind === 'DATASET').length);
    expect(profiles.length).toBeGreaterThan(0);
    expect(profiles[0].pointers.map((p) => at(bom, p))).toEqual([
      { name: 'pedigree:sourceKind', value: 'CRAWLED' },
      { name: 'pedigree:sizeRange', value: 'TEXT_UNDER_1B_TOKENS' },
      { name: 'pedigree:topDomain', value: 'a.example' },
      { name: 'pedigree:topDomain', value: 'b.example' },
    ]);
    expect(profiles[0].note).toContain('Document: https://example.org/card');
  });

  it.each<[string, (c: Record<string, unknown>) => void]>([
    ['no timestamp', (c) => delete c.timestamp],
    ['both pointers and expressions', (c) => (c.expressions = ['$.components[0]'])],
    ['neither attributedTo nor process', (c) => delete c.attributedTo],
  ])('fails the strict 1.7 schema on a citation with %s', async (_, breakIt) => {
    const bom = JSON.parse(JSON.stringify(toCycloneDx(evidencedDocument()))) as Record<string, any>;
    breakIt(bom.citations[1]);
    expect((await validateCycloneDx(bom)).errors.join('\n')).toContain('/citations/1');
  });

  it('writes the checkpoint signature status when the input has one, and reads it back', () => {
    const bom = toCycloneDx(evidencedDocument());
    const llama = bom.components.find((c) => c.name === 'meta-llama/Llama-3.1-8B')!;
    const digest = evidencedDocument().nodes.find((n) => n.name === llama.name)!.checkpoints[0].digest;
    expect(llama.properties).toEqual(
      expect.arrayContaining([
        { name: `pedigree:checkpoint:${digest}:signature:status`, value: 'VERIFIED' },
        { name: `pedigree:checkpoint:${digest}:signature:signer`, value: 'release@meta.example' },
      ]),
    );
    const back = fromCycloneDx(JSON.parse(JSON.stringify(bom)), 'x.cdx.json');
    expect(back.nodes.find((n) => n.name === llama.name)!.checkpoints[0].signature).toEqual({ status: 'VERIFIED', signer: 'release@meta.example' });
  });
});

describe('CycloneDX 1.6 and 1.7', () => {
  it('writes 1.6 on request: no citations, valid against the 1.6 schema, while a 1.7 BOM is not', async () => {
    const v16 = toCycloneDx(evidencedDocument(), { specVersion: '1.6' });
    expect(v16.specVersion).toBe('1.6');
    expect(v16).not.toHaveProperty('citations');
    expect(await validateCycloneDx(v16)).toEqual({ valid: true, errors: [] });
    const v17as16 = { ...toCycloneDx(evidencedDocument()), specVersion: '1.6' };
    expect((await validateCycloneDx(v17as16)).errors.join('\n')).toContain('(citations)');
    expect(await validateCycloneDx({ ...v16, specVersion: '1.4' })).toMatchObject({ valid: false, errors: [expect.stringContaining('/specVersion')] });
  });

  it.each<[string, () => LineageDocument, CdxSpecVersion]>([
    ['every claim evidenced', evidencedDocument, '1.6'],
    ['every claim evidenced', evidencedDocument, '1.7'],
    ['a merge', mergeDocument, '1.6'],
    ['a merge', mergeDocument, '1.7'],
    ['a reward-model-tuned policy', auxiliaryDocument, '1.6'],
    ['a reward-model-tuned policy', auxiliaryDocument, '1.7'],
  ])('round-trips %s losslessly in %s: doc -> BOM -> doc -> same bytes', async (_, make, specVersion) => {
    const doc = make();
    const first = JSON.stringify(toCycloneDx(doc, { specVersion, toolVersion: '0.1.0' }));
    expect(await validateCycloneDx(first)).toEqual({ valid: true, errors: [] });
    const back = fromCycloneDx(JSON.parse(first) as CycloneDxBom, 'export.cdx.json');
    expect(back).toEqual(doc);
    expect(JSON.stringify(toCycloneDx(back, { specVersion, toolVersion: '0.1.0' }))).toBe(first);
  });
});
