import { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DatabaseModule, Db } from '@pedigree/database';
import { createTestDatabase, TestDatabase } from './test-database';

export interface ServiceTier {
  app: INestApplicationContext;
  db: Db;
  database: TestDatabase;
  /** Typed lookup of a provider from the real modules. */
  get<T>(token: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/**
 * The given feature modules, unmocked, over the real DatabaseModule on a fresh test database
 * (migrations run at start, as in production). One per test file: call in beforeAll, close in afterAll.
 */
export async function startServiceTier(imports: NonNullable<ModuleMetadata['imports']>): Promise<ServiceTier> {
  const database = await createTestDatabase();
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({ url: database.url, poolSize: 4, statementTimeoutMs: 10_000, acquireTimeoutMs: 10_000, logMigrations: false }),
        ...imports,
      ],
    }).compile();
    const app = await moduleRef.init();
    return {
      app,
      db: app.get(Db),
      database,
      get: (token) => app.get(token),
      async close() {
        await app.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
