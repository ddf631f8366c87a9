import { SetMetadata } from '@nestjs/common';
import { Permission } from '@pedigree/core';

export const ACCESS_METADATA = 'pedigree:access';

/** Declares what a root query or mutation requires. The access guard refuses operations without it. */
export const Allow = (permission: Permission) => SetMetadata(ACCESS_METADATA, permission);
