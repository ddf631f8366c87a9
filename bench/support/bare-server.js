'use strict';
// Issue 18's "bare framework" limit: a minimal Fastify + Mercurius server answering the same
// `model(id) { id name }` from the same table, with no Nest, guards, limits or loaders, so the
// registry's cost over the framework it is built on shows as a ratio. Run as its own process
// (as the registry is) by bare-framework.phase.js; prints `BARE_READY <url>`.
const Fastify = require('fastify');
const mercurius = require('mercurius');
const { Pool } = require('pg');

const schema = `
  type Model { id: ID! name: String! }
  type Query { model(id: ID!): Model }
`;

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const app = Fastify({ logger: false });
  const resolvers = {
    Query: {
      model: async (_root, { id }) => {
        const { rows } = await pool.query({ name: 'bare_model', text: 'SELECT id::text AS id, name FROM model WHERE id = $1', values: [id] });
        return rows[0] ?? null;
      },
    },
  };
  // graphql-jit as the registry sets it: a query is compiled once it has been seen twice.
  app.register(mercurius, { schema, resolvers, jit: 2 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`BARE_READY ${address}`);
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
