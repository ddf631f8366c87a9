import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const DEFAULT_QUERY = `# Ancestry of a real model from the demo catalog, with typed edges and evidence.
query Ancestry {
  lineage(of: { model: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B" }) {
    nodes {
      depth
      node { name kind ... on Model { country license } }
    }
    edges {
      relation
      derived { name }
      source { name }
      evidence { origin documentRef confidence }
    }
  }
}
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Pedigree GraphiQL</title>
    <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading…</div>
    <script src="/graphiql/assets/react.production.min.js"></script>
    <script src="/graphiql/assets/react-dom.production.min.js"></script>
    <script src="/graphiql/assets/graphiql.min.js"></script>
    <script src="/graphiql/assets/init.js"></script>
  </body>
</html>
`;

// A separate script (not inline) so a strict `script-src 'self'` CSP holds. Headers are not
// persisted, so a pasted token does not outlive the tab.
const INIT = `(function () {
  var url = new URL('/graphql', location.href);
  var ws = new URL(url.toString());
  ws.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  // Subscriptions (events) go over WebSocket; the JSON of the Headers editor becomes connection_init.
  var fetcher = GraphiQL.createFetcher({ url: url.toString(), subscriptionUrl: ws.toString() });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
      defaultHeaders: '{\\n  "Authorization": "Bearer <paste the token printed at first start>"\\n}',
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    }),
  );
})();
`;

const JS = 'application/javascript; charset=utf-8';

function packageFile(pkg: string, file: string): Buffer {
  // These packages have export maps, so resolve the package root and join the file onto it.
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

/** GraphiQL from npm packages in node_modules: no CDN, so it works air-gapped. */
export function registerGraphiql(fastify: FastifyInstance): void {
  const assets = new Map<string, { body: Buffer | string; type: string }>([
    ['graphiql.min.css', { body: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css; charset=utf-8' }],
    ['graphiql.min.js', { body: packageFile('graphiql', 'graphiql.min.js'), type: JS }],
    ['react.production.min.js', { body: packageFile('react', 'umd/react.production.min.js'), type: JS }],
    ['react-dom.production.min.js', { body: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: JS }],
    ['init.js', { body: INIT, type: JS }],
  ]);
  fastify.get('/graphiql', (_req, reply) => {
    void reply.type('text/html; charset=utf-8').send(PAGE);
  });
  fastify.get<{ Params: { file: string } }>('/graphiql/assets/:file', (req, reply) => {
    const asset = assets.get(req.params.file);
    if (!asset) return void reply.code(404).send({ message: 'Not found' });
    void reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
}
