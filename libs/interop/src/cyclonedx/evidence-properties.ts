import { invalidInput } from '@pedigree/core';
import { DocEvidence } from '../lineage-document';
import { CdxProperty } from './cyclonedx-bom';
import { numberFrom, oneOf, PropertyAt, stringAt } from './bom-shape';

const ORIGINS = ['PIPELINE_DECLARATION', 'MODEL_CARD', 'THIRD_PARTY_REPORT', 'AUDIT_FINDING'] as const;

/**
 * One evidence record as a property group `<prefix>origin`, `:justification`, `:documentRef`,
 * `:confidence`, `:collector`, `:observedAt`. Edges, node licenses and countries, and organizations
 * all use it, so every claim is written and read the same way.
 */
export function evidenceProperties(prefix: string, ev: DocEvidence): CdxProperty[] {
  const opt = (name: string, value: string | null | undefined) => (value === null || value === undefined ? [] : [{ name: `${prefix}${name}`, value }]);
  return [
    { name: `${prefix}origin`, value: ev.origin },
    { name: `${prefix}justification`, value: ev.justification },
    ...opt('documentRef', ev.documentRef),
    { name: `${prefix}confidence`, value: String(ev.confidence) },
    ...opt('collector', ev.collector),
    ...opt('observedAt', ev.observedAt),
  ];
}

/**
 * Reads the group written by `evidenceProperties`. `props` are named with `prefix`; `where` is the
 * error path of a missing property and `shown` the full prefix its message names.
 */
export function readEvidence(props: PropertyAt[], prefix: string, where: string, shown = prefix): DocEvidence {
  const get = (name: string, required = true) => {
    const p = props.find((x) => x.name === `${prefix}${name}`) ?? null;
    if (!p && required) throw invalidInput(where, `has no ${shown}${name} property`);
    return p;
  };
  const confidenceProp = get('confidence')!;
  const confidence = numberFrom(confidenceProp);
  if (confidence < 0 || confidence > 1) throw invalidInput(confidenceProp.path, `${confidence} is out of range`, 'a number from 0 to 1');
  const observed = get('observedAt', false);
  if (observed && Number.isNaN(Date.parse(observed.value ?? ''))) throw invalidInput(observed.path, `"${observed.value}" is not a date-time`, 'ISO 8601');
  const justification = get('justification')!;
  return {
    origin: oneOf(get('origin')!, ORIGINS),
    justification: stringAt(justification.value, justification.path),
    documentRef: get('documentRef', false)?.value ?? null,
    confidence,
    collector: get('collector', false)?.value ?? null,
    ...(observed ? { observedAt: observed.value } : {}),
  };
}

/** Whether the group exists at all (the optional claims may have no evidence). */
export function hasEvidence(props: PropertyAt[], prefix: string): boolean {
  return props.some((p) => p.name.startsWith(prefix));
}
