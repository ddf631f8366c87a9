import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The compliance web app (apps/web), built by Vite into dist/web by `npm run build`. It is a
 * static bundle that talks only to /graphql, so serving it is reading files: they are loaded
 * once at start, which also means no request path ever reaches the file system.
 */
const WEB_ROOT = join(__dirname, '..', '..', '..', '..', 'web');

/**
 * The app's pages, routed in the browser (apps/web/src/app/routes.ts). Listed here rather than
 * a catch-all so that a mistyped API path still gets a JSON 404, not the app.
 */
export const WEB_APP_PAGES = ['/', '/sign-in', '/search', '/model', '/lineage', '/exposure', '/impact', '/portfolio', '/violations', '/audit'];

/**
 * Strict: no inline script or style, nothing from another origin. Images may be data: or blob:
 * URLs because the graph's print picture is a PNG made in the page.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(join(dir, name)), type });
  }
  return assets;
}

function secure(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', WEB_APP_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pedigree</title></head><body>
<h1>The Pedigree web app is not built</h1>
<p>dist/web/index.html is missing. Run <code>npm run build</code> (or <code>npm start</code>, which builds when the sources changed) and reload.
The GraphQL API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

/** Serves the app's pages and its hashed assets from dist/web. */
export function registerWebApp(fastify: FastifyInstance, root = WEB_ROOT): void {
  const indexPath = join(root, 'index.html');
  const index = existsSync(indexPath) ? readFileSync(indexPath) : null;
  const assets = loadAssets(join(root, 'assets'));
  for (const page of WEB_APP_PAGES) {
    fastify.get(page, (_req, reply) => {
      // The page names the current asset hashes, so it must be revalidated; the assets never change.
      if (!index) return void secure(reply).code(503).type(TYPES['.html']).send(NOT_BUILT);
      void secure(reply).type(TYPES['.html']).header('cache-control', 'no-cache').send(index);
    });
  }
  fastify.get<{ Params: { file: string } }>('/assets/:file', (req, reply) => {
    const asset = assets.get(req.params.file);
    if (!asset) return void reply.code(404).send({ message: 'Not found' });
    void secure(reply).type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}
