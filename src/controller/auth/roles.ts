/** The roles of the people who use cardline, least to most privileged. */
export const ROLES = ['operator', 'qa', 'supervisor', 'admin'] as const;

/** One role. */
export type Role = (typeof ROLES)[number];

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
