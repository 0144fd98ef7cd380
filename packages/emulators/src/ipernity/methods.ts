/** A permission area and the level a method needs. */
export type Area = 'doc' | 'blog' | 'network' | 'user';
export type Level = 'read' | 'write' | 'delete';

/** What the provider's method list says about a method (`api.methods.getList`). */
export interface MethodInfo {
  /** Must come by POST. */
  readonly post: boolean;
  /** Must be signed even when the key does not require it. */
  readonly sign: boolean;
  /** Needs an `auth_token`. */
  readonly token: boolean;
  readonly permission?: { readonly area: Area; readonly level: Level };
}

/** The methods the emulator implements, with the provider's authentication requirements. */
export const METHODS: Readonly<Record<string, MethodInfo>> = {
  'auth.getFrob': { post: false, sign: true, token: false },
  'auth.getToken': { post: false, sign: true, token: false },
  'auth.checkToken': { post: false, sign: true, token: true },
  'test.hello': { post: false, sign: false, token: false },
  'test.echo': { post: false, sign: false, token: false },
  'doc.get': { post: false, sign: true, token: true, permission: { area: 'doc', level: 'read' } },
  'doc.tags.add': { post: true, sign: true, token: true, permission: { area: 'doc', level: 'write' } },
  'doc.delete': { post: true, sign: true, token: true, permission: { area: 'doc', level: 'delete' } },
};

/**
 * Error codes the emulator answers with. 104/105 are the provider's documented codes; the
 * others follow its numbering of common errors (below 100: auth.getToken's frob states).
 */
export const ERRORS: Readonly<Record<string, readonly [code: string, message: string]>> = {
  frobNotFound: ['1', 'Invalid frob'],
  frobPending: ['2', 'Frob not authorized yet'],
  frobDenied: ['3', 'Authorization denied by user'],
  docNotFound: ['4', 'Document not found'],
  missingParam: ['5', 'Missing required parameter'],
  apiKey: ['100', 'Invalid API key'],
  format: ['101', 'Unknown format'],
  method: ['102', 'Method not found'],
  tokenInvalid: ['103', 'Invalid auth token'],
  tokenMissing: ['103', 'Authentication token required'],
  sigMissing: ['104', 'Missing signature'],
  sigInvalid: ['105', 'Invalid signature'],
  permission: ['106', 'Insufficient permissions'],
  post: ['107', 'This method requires POST'],
};

const LEVELS: readonly string[] = ['read', 'write', 'delete'];
export const AREAS: readonly Area[] = ['doc', 'blog', 'network', 'user'];

/** True when `granted` covers `needed` (delete ⊇ write ⊇ read). */
export function covers(granted: string | undefined, needed: Level): boolean {
  return granted !== undefined && LEVELS.indexOf(granted) >= LEVELS.indexOf(needed);
}

export function isLevel(value: string): value is Level {
  return LEVELS.includes(value);
}
