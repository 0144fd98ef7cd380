import { AuthplugError } from '@authplug/core';
import { describe, expect, it } from 'vitest';
import { type IpernityPermissions, permissionParams, permits } from './permissions.ts';

describe('permissions', () => {
  it('turns areas into perm_<area> params', () => {
    expect(permissionParams({ doc: 'delete', blog: 'read', network: 'write', user: 'read' })).toEqual([
      ['perm_doc', 'delete'],
      ['perm_blog', 'read'],
      ['perm_network', 'write'],
      ['perm_user', 'read'],
    ]);
  });

  it.each([
    [{ photos: 'read' }, 'permissions.photos'],
    [{ doc: 'admin' }, 'permissions.doc'],
    [{}, 'permissions'],
  ])('rejects %j with a typed error', (permissions, option) => {
    try {
      permissionParams(permissions as IpernityPermissions);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AuthplugError);
      expect((error as AuthplugError).code).toBe('AUTHPLUG_INVALID_OPTION');
      expect((error as { option: string }).option).toBe(option);
    }
  });

  it('delete implies write implies read', () => {
    expect(permits('delete', 'read')).toBe(true);
    expect(permits('write', 'delete')).toBe(false);
    expect(permits('none', 'read')).toBe(false);
    expect(permits(undefined, 'read')).toBe(false);
  });
});
