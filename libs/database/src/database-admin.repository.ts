import { Client } from 'pg';

/**
 * Server-level statements run before the app's data source exists (creating its database), on a
 * connection of their own to the server's admin database.
 */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name "${name}"`);
  if (template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(template)) throw new Error(`Invalid template name "${template}"`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    // Identifiers cannot be parameters; both were checked against a strict pattern above.
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await client.end();
  }
}
