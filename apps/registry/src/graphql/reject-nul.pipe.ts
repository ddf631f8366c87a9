import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { invalidInput } from '@pedigree/core';

/**
 * PostgreSQL text cannot hold NUL; rejecting it here names the field instead of surfacing a
 * driver error. Applies to every resolver argument.
 */
@Injectable()
export class RejectNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Only client-supplied arguments (@Args arrive as 'body'); the parent object and context are ours.
    if (metadata.type !== 'body') return value;
    const where = findNul(value, metadata.data ?? 'input');
    if (where) throw invalidInput(where, 'contains a NUL character', 'text without \\u0000');
    return value;
  }
}

function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findNul(v, `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return null;
}
