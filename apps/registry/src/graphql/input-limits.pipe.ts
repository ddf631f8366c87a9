import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { checkArgument } from './input-limits';

/**
 * Every client argument is checked here before a resolver runs, so no value PostgreSQL would
 * refuse (NUL, a lone surrogate, a year 275760) reaches SQL as an INTERNAL error, and no list or
 * string is larger than the registry means to store. Errors name the field and the limit.
 */
@Injectable()
export class InputLimitsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Only client-supplied arguments (@Args arrive as 'body'); the parent object and context are ours.
    if (metadata.type !== 'body') return value;
    checkArgument(value, metadata.data ?? 'input');
    return value;
  }
}
