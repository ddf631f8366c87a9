import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

const ROOT = resolve(__dirname, '..');

describe('schema.gql', () => {
  it('is committed and matches the resolvers (run `npm run schema` to regenerate)', () => {
    const out = execFileSync(process.execPath, ['dist/apps/registry/src/print-schema.js', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('matches');
  });

  it('describes every type, field, argument and enum value', () => {
    const schema = buildSchema(readFileSync(resolve(ROOT, 'schema.gql'), 'utf8'));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID', 'Query', 'Mutation', 'Subscription'].includes(type.name)) {
        if (!['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
      } else if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
