import { Evidence } from '@pedigree/core';

export enum OrganizationKind {
  COMPANY = 'COMPANY',
  ACADEMIC = 'ACADEMIC',
  GOVERNMENT = 'GOVERNMENT',
  NONPROFIT = 'NONPROFIT',
  COMMUNITY = 'COMMUNITY',
  INDIVIDUAL = 'INDIVIDUAL',
}

export interface OrganizationRecord {
  id: string;
  slug: string;
  name: string;
  /** Null means unknown, which is reported as such rather than guessed. */
  country: string | null;
  kind: OrganizationKind;
  evidence: Evidence;
  createdAt: Date;
}

export interface OrganizationRoot {
  organizationId: string;
  /** The ultimate controlling owner (the vendor); the organization itself when none holds over half. */
  rootId: string;
  /** Country of the highest owner on the controlling chain whose country is known. */
  rootCountry: string | null;
  /** The organization that country comes from (its evidence supports the claim). */
  countryOrgId: string | null;
}
