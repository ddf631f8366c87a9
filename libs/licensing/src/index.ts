// License expressions, custom-license terms and obligations (pure).
export { normalizeLicense } from './license-expression';
export type { NormalizedLicense } from './license-expression';
export type { CustomLicenseRecord } from './custom-license.record';
export { comparableLicenseTerms } from './license-registration';
export { ObligationKind, forbidsDerivatives, isNonCommercial, isShareAlike, licenseProfile, useRestrictions } from './license-profile';
export type { LicenseProfile, LicenseTerms, Obligation } from './license-profile';
export { LICENSE_REF_ACCEPTED, isLicenseRef, licenseRefsIn } from './license-ref';
