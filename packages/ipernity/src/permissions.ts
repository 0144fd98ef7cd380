import { InvalidOptionError, type Param } from '@authplug/core';
import { PKG } from './constants.ts';

/**
 * The areas a user grants access to on the authorization page.
 *
 * @example
 * ```ts
 * const area: IpernityArea = 'doc';
 * ```
 */
export type IpernityArea = 'doc' | 'blog' | 'network' | 'user';
/**
 * Access levels: `write` implies `read`, `delete` implies `write`.
 *
 * @example
 * ```ts
 * const level: IpernityLevel = 'write';
 * ```
 */
export type IpernityLevel = 'read' | 'write' | 'delete';
/**
 * What an application asks for: one level per area, areas left out are not asked for.
 *
 * @example
 * ```ts
 * const permissions: IpernityPermissions = { doc: 'write', network: 'read' };
 * ```
 */
export type IpernityPermissions = Partial<Record<IpernityArea, IpernityLevel>>;
/**
 * What the provider granted: every area, `none` where nothing was granted.
 *
 * @example
 * ```ts
 * const { permissions } = await flow.complete(); // { doc: 'write', blog: 'none', network: 'read', user: 'none' }
 * ```
 */
export type IpernityGrantedPermissions = Record<IpernityArea, IpernityLevel | 'none'>;

/**
 * The four permission areas, in the order the provider lists them.
 *
 * @example
 * ```ts
 * IPERNITY_AREAS.map((area) => `perm_${area}`); // ['perm_doc', 'perm_blog', 'perm_network', 'perm_user']
 * ```
 */
export const IPERNITY_AREAS: readonly IpernityArea[] = ['doc', 'blog', 'network', 'user'];
const LEVELS: readonly string[] = ['read', 'write', 'delete'];

/**
 * Validates requested permissions and turns them into the authorization link's
 * `perm_<area>=<level>` parameters. An unknown area or level, or no area at all, is an
 * {@link InvalidOptionError} (code `AUTHPLUG_INVALID_OPTION`).
 *
 * @example
 * ```ts
 * permissionParams({ doc: 'write', network: 'read' });
 * // [['perm_doc', 'write'], ['perm_network', 'read']]
 * ```
 */
export function permissionParams(permissions: IpernityPermissions): Param[] {
  if (typeof permissions !== 'object' || permissions === null) {
    throw new InvalidOptionError(PKG, 'permissions', 'must be an object such as `{ doc: "read" }`.');
  }
  const params: Param[] = [];
  for (const [area, level] of Object.entries(permissions)) {
    if (level === undefined) continue;
    if (!IPERNITY_AREAS.includes(area as IpernityArea)) {
      throw new InvalidOptionError(
        PKG,
        `permissions.${area}`,
        `is not an ipernity permission area. Use ${IPERNITY_AREAS.map((a) => `\`${a}\``).join(', ')}.`,
      );
    }
    if (typeof level !== 'string' || !LEVELS.includes(level)) {
      throw new InvalidOptionError(
        PKG,
        `permissions.${area}`,
        'must be `read`, `write` or `delete` (write implies read, delete implies write).',
      );
    }
    params.push([`perm_${area}`, level]);
  }
  if (params.length === 0) {
    throw new InvalidOptionError(
      PKG,
      'permissions',
      'must ask for at least one area, e.g. `{ doc: "read" }`.',
    );
  }
  return params;
}

/**
 * True when `granted` covers `needed` (`delete` ⊇ `write` ⊇ `read`).
 *
 * @example
 * ```ts
 * permits('delete', 'write'); // true
 * permits('read', 'write');   // false
 * ```
 */
export function permits(granted: IpernityLevel | 'none' | undefined, needed: IpernityLevel): boolean {
  const rank = (level: string | undefined): number => (level ? LEVELS.indexOf(level) : -1);
  return rank(granted) >= rank(needed);
}

/**
 * Normalizes the provider's granted permissions (missing or unknown values become `none`).
 *
 * @example
 * ```ts
 * grantedPermissions({ doc: 'read' }); // { doc: 'read', blog: 'none', network: 'none', user: 'none' }
 * ```
 */
export function grantedPermissions(raw: unknown): IpernityGrantedPermissions {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out = {} as IpernityGrantedPermissions;
  for (const area of IPERNITY_AREAS) {
    const value = source[area];
    out[area] = typeof value === 'string' && LEVELS.includes(value) ? (value as IpernityLevel) : 'none';
  }
  return out;
}
