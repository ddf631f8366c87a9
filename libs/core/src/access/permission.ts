export enum Role {
  ADMIN = 'ADMIN',
  PIPELINE = 'PIPELINE',
  AUDITOR = 'AUDITOR',
  READER = 'READER',
}

/** What an operation needs. Every root query and mutation declares exactly one. */
export enum Permission {
  /** Models, organizations, datasets, checkpoints, licenses, lineage. */
  CATALOG_READ = 'CATALOG_READ',
  /** Exposure, impact, portfolio, deployments, the audit trail: everything readable. */
  AUDIT_READ = 'AUDIT_READ',
  /** Register models, datasets, checkpoints, training runs; assert and retract lineage. */
  LINEAGE_WRITE = 'LINEAGE_WRITE',
  DEPLOYMENT_WRITE = 'DEPLOYMENT_WRITE',
  /** Organizations and custom licenses: reference data. */
  REFERENCE_WRITE = 'REFERENCE_WRITE',
  /** Create and version policies, load policy packs, grant and revoke waivers. */
  POLICY_ADMIN = 'POLICY_ADMIN',
  /** Manage webhook subscriptions, read their deliveries, replay dead-lettered ones. */
  ALERTS_ADMIN = 'ALERTS_ADMIN',
  /** Create, list and revoke tokens; sign audit tree heads on demand. */
  ADMIN = 'ADMIN',
}

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.ADMIN]: Object.values(Permission),
  [Role.PIPELINE]: [Permission.CATALOG_READ, Permission.LINEAGE_WRITE, Permission.DEPLOYMENT_WRITE],
  [Role.AUDITOR]: [Permission.CATALOG_READ, Permission.AUDIT_READ],
  [Role.READER]: [Permission.CATALOG_READ],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export interface Principal {
  tokenId: string | null;
  /** Who, for the audit trail: token owner, or "system:<task>", or "anonymous (auth disabled)". */
  actor: string;
  role: Role;
  /** Model/dataset namespaces a pipeline token may write; empty means unrestricted. */
  namespaces: readonly string[];
  /**
   * Organizations a scoped pipeline token may name as publisher, operator or deployment owner:
   * its organizations, those whose slug or alias is one of its namespaces, and all they own.
   * Null: unrestricted.
   */
  organizationIds?: readonly string[] | null;
}
