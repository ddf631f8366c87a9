/** SPDX's form of a custom license id: `LicenseRef-` then letters, digits, `.` or `-`. */
const LICENSE_REF = /LicenseRef-[A-Za-z0-9.-]+/g;
const WHOLE = /^LicenseRef-[A-Za-z0-9.-]+$/;

export const LICENSE_REF_ACCEPTED = '"LicenseRef-" followed by letters, digits, "." or "-", e.g. LicenseRef-llama3.1';

export function isLicenseRef(text: string): boolean {
  return WHOLE.test(text);
}

/** The distinct `LicenseRef-` ids a license expression uses, in order of appearance. */
export function licenseRefsIn(expression: string | null | undefined): string[] {
  return [...new Set(expression?.match(LICENSE_REF) ?? [])];
}
