import { RegistryClient } from './registry-client';

const EXISTS = {
  model: 'query($n: String!) { found: model(name: $n) { id } }',
  dataset: 'query($n: String!) { found: dataset(name: $n) { id } }',
  organization: 'query($n: String!) { found: organization(slug: $n) { id } }',
  license: 'query($n: String!) { found: customLicense(key: $n) { key } }',
  checkpoint: 'query($n: String!) { found: checkpoint(digest: $n) { id } }',
} as const;

/** Whether the registry already holds a record of that kind and name (slug, key or digest). */
export async function exists(client: RegistryClient, kind: keyof typeof EXISTS, name: string): Promise<boolean> {
  const { found } = await client.request<{ found: unknown }>(EXISTS[kind], { n: name });
  return !!found;
}
