import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { ApiTokenService } from '@pedigree/access';
import { requestContext, Role } from '@pedigree/core';
import { attachDatabase, readDatabaseConfig } from '@pedigree/database';
import { AdminTokenModule } from './admin-token.module';

const USAGE = 'usage: npm run admin-token -- [--owner <name>]   (run on the server host; prints a new ADMIN token)';

/**
 * Recovers a registry whose admin tokens are lost: mints a new ADMIN token straight into the
 * database. Whoever can run this can already read DATABASE_URL or the data directory, so it asks
 * for no token; it goes through ApiTokenService, so the token is stored hashed and the audit trail
 * gets the same createApiToken event as a token made over GraphQL, with this command as the actor.
 */
async function main(argv: string[]): Promise<number> {
  let owner = 'recovered-admin';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--owner' && argv[i + 1]) owner = argv[++i];
    else if (argv[i] === '--help' || argv[i] === '-h') return (console.log(USAGE), 0);
    else return (console.error(`unknown argument ${argv[i]}\n${USAGE}`), 2);
  }
  const config = readDatabaseConfig();
  // Without DATABASE_URL the registry's data directory must exist: a typo must not initialise a new,
  // empty registry and report a token for it as a recovery.
  if (!config.url && !existsSync(config.dataDir)) {
    console.error(`No registry data at ${config.dataDir}. Run this where the registry runs, or set PEDIGREE_DATA_DIR or DATABASE_URL.`);
    return 2;
  }
  // Progress goes to stderr, so `TOKEN=$(npm run -s admin-token)` captures only the token.
  const db = await attachDatabase(config, (line) => console.error(line));
  try {
    const app = await NestFactory.createApplicationContext(
      AdminTokenModule.forRoot({ url: db.url, poolSize: 2, statementTimeoutMs: config.statementTimeoutMs, acquireTimeoutMs: config.acquireTimeoutMs }),
      // Nest writes warnings to stdout; stdout carries only the token.
      { logger: false },
    );
    try {
      if (await app.get(DataSource).showMigrations()) {
        console.error(
          'The database lacks migrations this build has (is the registry running an older version?). Start the registry on this build once (it migrates), then run this again.',
        );
        return 1;
      }
      const actor = `system:admin-token (${operator()}@${hostname()})`;
      const { token, record } = await requestContext.runAs({ tokenId: null, actor, role: Role.ADMIN, namespaces: [] }, () =>
        app.get(ApiTokenService).create({ owner, role: Role.ADMIN }),
      );
      console.error(`New ADMIN token for "${owner}" (id ${record.id}); it is shown once, store it now:`);
      console.log(token);
    } finally {
      await app.close();
    }
  } finally {
    await db.embedded?.stop();
  }
  return 0;
}

/** The operator's name; in a container the uid may have no passwd entry. */
function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`admin-token failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
