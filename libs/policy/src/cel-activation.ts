import { celList, celMap } from '@bufbuild/cel';
import { Activation } from './policy-condition';

/**
 * The activation converted to CEL values once. Handed plain objects, the evaluator converts every
 * object and list again at each access, for each policy and for each ancestor tried when
 * explaining; converted once per subject, ten policies cost ten evaluations, not ten conversions.
 * `ancestors` stays an array (of converted elements) because explanations evaluate it one by one.
 * A key whose value is undefined is left out (a list element becomes null).
 */
export function celActivation(activation: Activation): Activation {
  const out = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(activation)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.map(toCelValue) : toCelValue(value);
  }
  return out as Activation;
}

function toCelValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v)) return celList(v.map(toCelValue) as never);
  // Only plain data is converted here; anything else goes to the evaluator as it is, as before.
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v;
  const entries = new Map<string, unknown>();
  for (const [k, x] of Object.entries(v)) if (x !== undefined) entries.set(k, toCelValue(x));
  return celMap(entries as never);
}
