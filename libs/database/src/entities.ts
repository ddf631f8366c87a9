// Every table's entity, as migrations/index.ts lists every migration. Each lib owns its entities
// and names them in a Nest-free `<lib>.entities.ts` (its `@pedigree/<lib>/entities` entry), so this
// list, which sits below those libs, imports nothing of their services and makes no cycle. The
// schema test (test/entity-schema.e2e-spec.ts) fails when they and the migrated schema differ.
import { ACCESS_ENTITIES } from '@pedigree/access/entities';
import { ALERTS_ENTITIES } from '@pedigree/alerts/entities';
import { AUDIT_ENTITIES } from '@pedigree/audit/entities';
import { CATALOG_ENTITIES } from '@pedigree/catalog/entities';
import { DEPLOYMENT_ENTITIES } from '@pedigree/deployment/entities';
import { EXPOSURE_ENTITIES } from '@pedigree/exposure/entities';
import { LINEAGE_ENTITIES } from '@pedigree/lineage/entities';
import { OUTBOX_ENTITIES } from '@pedigree/outbox/entities';
import { POLICY_ENTITIES } from '@pedigree/policy/entities';

export const ENTITIES = [
  ...LINEAGE_ENTITIES,
  ...CATALOG_ENTITIES,
  ...DEPLOYMENT_ENTITIES,
  ...ACCESS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...POLICY_ENTITIES,
  ...OUTBOX_ENTITIES,
  ...ALERTS_ENTITIES,
  ...EXPOSURE_ENTITIES,
];
