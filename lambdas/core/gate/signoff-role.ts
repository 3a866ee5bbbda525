/**
 * `Security Engineer` → `security-engineer`: the form a role takes in object keys. Two roles with one
 * slug would share their sign-off records, and a role without letters or digits has none, so the
 * configuration refuses both.
 */
export function roleSlug(role: string): string {
  return role
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
