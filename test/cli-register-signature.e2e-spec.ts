import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateCycloneDx, validateSpdx } from '@pedigree/interop';
import { assertNoErrors, newOrganization, RegistryProcess, runCli, signModel, startRegistry, tableCounts, testSigningKey } from '@pedigree/testing';

// `pedigree register --signature` (docs/signatures.md): the CLI re-hashes the model directory
// against the OMS v1.0 manifest before sending anything, and the registry verifies the signer.
const CARD = '---\nlicense: apache-2.0\n---\n# A signed model\n';
const SIGNATURE = `signature { status signer { method fingerprint } }`;

describe('pedigree register --signature', () => {
  let r: RegistryProcess;
  let root: string;
  const publisher = testSigningKey();
  const stranger = testSigningKey();
  let fingerprint: string;
  let n = 0;

  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r);
    const trusted = await r.gql(`mutation($i: AddTrustedSignerInput!) { addTrustedSigner(input: $i) { fingerprint } }`, {
      i: { organization: 'test-org', kind: 'KEY', pem: publisher.publicKeyPem },
    });
    fingerprint = assertNoErrors(trusted).data.addTrustedSigner.fingerprint;
    root = mkdtempSync(join(tmpdir(), 'pedigree-signed-'));
  });
  afterAll(async () => {
    await r?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** A model directory holding `onDisk`, with `model.sig` signing `signed` (default: the same files). */
  const modelDir = (onDisk: Record<string, string>, signed: Record<string, string> = onDisk, key = publisher.privateKeyPem) => {
    const dir = mkdtempSync(join(root, 'model-'));
    for (const [path, body] of Object.entries(onDisk)) writeFileSync(join(dir, path), body);
    writeFileSync(join(dir, 'model.sig'), signModel({ files: signed, privateKeyPem: key }));
    return dir;
  };
  const files = () => ({ 'README.md': CARD, 'model.safetensors': `weights-${++n}-${process.pid}`, 'config.json': '{"hidden": 8}' });
  const register = (dir: string, name: string, json = true) =>
    runCli(r, [...(json ? ['--json'] : []), 'register', dir, '--name', name, '--signature', join(dir, 'model.sig')]);

  /** Refused by the CLI or the registry: exit 1, and every table, the audit trail included, unchanged. */
  const refused = async (dir: string, name: string) => {
    const before = await tableCounts(r);
    const run = await register(dir, name, false);
    expect(run.code).toBe(1);
    expect(await tableCounts(r)).toEqual(before);
    expect((await r.gql(`query($m: String!) { model(name: $m) { id } }`, { m: name })).data.model).toBeNull();
    return run;
  };

  it('registers a model whose files match a trusted signature, shown VERIFIED, and exports the status in valid BOMs', async () => {
    const dir = modelDir(files());
    const run = await register(dir, 'test-org/signed');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = run.json();
    expect(report.signature).toMatchObject({ status: 'VERIFIED', signer: { method: 'key', fingerprint }, files: 3 });
    const human = await register(dir, 'test-org/signed', false);
    expect(human.stdout).toMatch(/signature {2}.*model\.sig: all 3 files match the signed manifest/);
    expect(human.stdout).toContain(`signature  VERIFIED  key sha256:${fingerprint}`);

    const { data } = await r.gql(`query($d: String!) { checkpoint(digest: $d) { ${SIGNATURE} } }`, { d: report.digest });
    expect(data.checkpoint.signature).toEqual({ status: 'VERIFIED', signer: { method: 'key', fingerprint } });

    const cdx = join(root, 'signed.cdx.json');
    expect((await runCli(r, ['export', 'cyclonedx', 'test-org/signed', '-o', cdx])).code).toBe(0);
    const bom = JSON.parse(readFileSync(cdx, 'utf8'));
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });
    expect(bom.metadata.component.properties).toEqual(
      expect.arrayContaining([
        { name: `pedigree:checkpoint:${report.digest}:signature:status`, value: 'VERIFIED' },
        { name: `pedigree:checkpoint:${report.digest}:signature:signer`, value: `key sha256:${fingerprint}` },
      ]),
    );
    const spdxFile = join(root, 'signed.spdx.json');
    expect((await runCli(r, ['export', 'spdx', 'test-org/signed', '-o', spdxFile])).code).toBe(0);
    const spdx = JSON.parse(readFileSync(spdxFile, 'utf8'));
    expect(validateSpdx(spdx)).toEqual({ valid: true, errors: [] });
    const file = spdx['@graph'].find((o: any) => o.type === 'software_File' && o.name === report.digest);
    expect(file.extension[0].extension_cdxProperty).toEqual(
      expect.arrayContaining([
        { type: 'extension_CdxPropertyEntry', extension_cdxPropName: 'pedigree:checkpoint:signature:status', extension_cdxPropValue: 'VERIFIED' },
      ]),
    );
  });

  it('runs the docs/signatures.md example as written, and prints what it shows', async () => {
    const docs = readFileSync(resolve(__dirname, '..', 'docs', 'signatures.md'), 'utf8');
    const blocks = [...docs.matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map((m) => m[1]);
    // The publisher and its key first; then the Sigstore identity example, which names that publisher.
    const [setUp] = blocks.filter((b) => b.includes('registerOrganization'));
    assertNoErrors(await r.gql(setUp));
    for (const other of blocks.filter((b) => b !== setUp)) assertNoErrors(await r.gql(other));
    const command = [...docs.matchAll(/^npx pedigree (.*)$/gm)].map((m) => m[1].split(/\s+/));
    expect(command).toHaveLength(1);
    const run = await runCli(r, command[0], {}, resolve(__dirname, '..'));
    expect(run.code).toBe(0);
    const shown = /^signature {2}VERIFIED {2}key sha256:[0-9a-f]{64}/m.exec(docs)![0];
    expect(run.stdout).toContain(shown);
    expect(run.stdout).toContain('signature  examples/signed-model/model.sig: all 3 files match the signed manifest');
  });

  it('refuses an unsigned extra file before sending anything, naming it', async () => {
    const signed = files();
    const run = await refused(modelDir({ ...signed, 'extra.py': 'print(1)' }, signed), 'test-org/extra-file');
    expect(run.stderr).toContain('unsigned extra file: extra.py');
    expect(run.stderr).toContain('nothing was sent or written');
  });

  it('refuses a file changed since signing, naming it', async () => {
    const signed = files();
    const run = await refused(modelDir({ ...signed, 'model.safetensors': 'tampered' }, signed), 'test-org/tampered');
    expect(run.stderr).toContain('changed since signing (digest differs): model.safetensors');
  });

  it('sends a matching signature by a key the publisher does not trust; the registry refuses it and nothing is written', async () => {
    const f = files();
    const run = await refused(modelDir(f, f, stranger.privateKeyPem), 'test-org/untrusted');
    expect(run.stdout).toMatch(/REFUSED .*\[SIGNATURE_INVALID\].*not.*trusted/i);
    expect(run.stderr).toMatch(/Nothing was written.*refused the model signature/);
  });
});
