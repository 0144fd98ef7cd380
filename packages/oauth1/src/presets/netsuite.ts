import { InvalidOptionError, InvalidRequestUrlError, requireString } from '@authplug/core';
import { credentialSource, type StoreOptions } from '@authplug/credentials';
import { createStrategy, type OAuth1Settings, type OAuth1Strategy, resolveSettings } from '../oauth1.ts';
import type { OAuth1Credentials } from '../signer.ts';
import { onlyValue } from './fixed.ts';

const PKG = '@authplug/oauth1';
const ACCOUNT_ID = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/;

function accountIdOf(options: object): string {
  const accountId = requireString(
    PKG,
    options,
    'accountId',
    'NetSuite shows it under Setup > Company > Company Information (e.g. 1234567 or 1234567-sb1).',
  );
  if (!ACCOUNT_ID.test(accountId)) {
    throw new InvalidOptionError(
      PKG,
      'accountId',
      'must be a NetSuite account id: letters and digits, a sandbox or release preview suffix after "-" or "_" (e.g. 1234567-sb1).',
    );
  }
  return accountId;
}

/**
 * A NetSuite account's `realm` and URLs, derived from its account id.
 *
 * @example
 * ```ts
 * const { realm, restUrl }: NetSuiteEndpoints = netsuiteEndpoints('1234567-sb1');
 * ```
 */
export interface NetSuiteEndpoints {
  /** Upper case, `-` as `_`: `1234567_SB1`. */
  readonly realm: string;
  /** Lower case, `_` as `-`: `1234567-sb1` (the form in host names). */
  readonly hostId: string;
  /** SuiteTalk REST web services: `https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/`. */
  readonly restUrl: string;
  /** RESTlets: `https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl`. */
  readonly restletUrl: string;
}

/**
 * The `realm` (account id upper-cased, `-` → `_`) and the account's REST and RESTlet URLs
 * (account id lower-cased, `_` → `-`), as NetSuite derives them.
 *
 * @example
 * ```ts
 * netsuiteEndpoints('1234567-sb1').realm;   // '1234567_SB1'
 * netsuiteEndpoints('1234567_SB1').restUrl; // 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/'
 * ```
 */
export function netsuiteEndpoints(accountId: string): NetSuiteEndpoints {
  const id = accountIdOf({ accountId });
  const hostId = id.toLowerCase().replaceAll('_', '-');
  return {
    realm: id.toUpperCase().replaceAll('-', '_'),
    hostId,
    restUrl: `https://${hostId}.suitetalk.api.netsuite.com/services/rest/`,
    restletUrl: `https://${hostId}.restlets.api.netsuite.com/app/site/hosting/restlet.nl`,
  };
}

/**
 * Settings NetSuite allows: HMAC-SHA256 in the `Authorization` header with the account's realm.
 *
 * @example
 * ```ts
 * const settings: NetSuiteSettings = { clock: () => Date.now() };
 * netsuite({ accountId, store, ...settings });
 * ```
 */
export type NetSuiteSettings = Omit<
  OAuth1Settings,
  'signatureMethod' | 'provider' | 'placement' | 'realm'
> & {
  signatureMethod?: 'HMAC-SHA256';
  placement?: 'header';
  /** The account id, `1234567` or `1234567-sb1` (`1234567_SB1` is the same account). */
  accountId: string;
};

/**
 * Options of {@link netsuite}: the integration record's consumer key and secret and the access
 * token's id and secret (token-based authentication), or a `{ store, profile }` holding them.
 *
 * @example
 * ```ts
 * const options: NetSuiteOptions = { accountId: '1234567-sb1', consumerKey, consumerSecret, token, tokenSecret };
 * netsuite(options);
 * ```
 */
export type NetSuiteOptions = NetSuiteSettings &
  ({ consumerKey: string; consumerSecret: string; token: string; tokenSecret: string } | StoreOptions);

/**
 * The NetSuite preset of {@link oauth1}: token-based authentication (TBA) as SuiteTalk REST web
 * services and RESTlets want it: HMAC-SHA256, the `Authorization` header, `realm` = the account
 * id upper-cased with `-` as `_` (`1234567-sb1` → `1234567_SB1`), all four credentials required
 * (credentials under `netsuite/<profile>`). There is no flow: the token comes from NetSuite's
 * UI (Access Tokens). A call to another account's `*.netsuite.com` host is refused before it is
 * sent, since NetSuite would log it as a failed login.
 *
 * @example
 * ```ts
 * import got from 'got';
 * import { withAuth } from '@authplug/got';
 * import { netsuite, netsuiteEndpoints } from '@authplug/oauth1';
 *
 * const auth = netsuite({ accountId: '1234567-sb1', consumerKey, consumerSecret, token, tokenSecret });
 * const api = withAuth(got.extend({ prefixUrl: netsuiteEndpoints('1234567-sb1').restUrl }), auth);
 * await api.get('record/v1/customer/107').json();
 * ```
 */
export function netsuite(options: NetSuiteOptions): OAuth1Strategy {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError(
      PKG,
      'options',
      'must be an object with accountId and credentials or a store.',
    );
  }
  onlyValue(options, 'signatureMethod', 'HMAC-SHA256', 'NetSuite');
  onlyValue(options, 'placement', 'header', 'NetSuite');
  if ((options as { realm?: unknown }).realm !== undefined) {
    throw new InvalidOptionError(PKG, 'realm', 'is derived from `accountId` for NetSuite: leave it out.');
  }
  const { realm, hostId } = netsuiteEndpoints(accountIdOf(options));
  const settings = resolveSettings({
    ...options,
    signatureMethod: 'HMAC-SHA256',
    placement: 'header',
    realm,
    provider: 'netsuite',
  });
  const credentials = credentialSource<OAuth1Credentials & Record<string, unknown>>(
    PKG,
    'netsuite',
    options,
    {
      required: ['consumerKey', 'consumerSecret', 'token', 'tokenSecret'],
    },
  );
  return createStrategy(settings, credentials, (url) => {
    if (!url.includes('.netsuite.com')) return;
    const host = new URL(url).hostname;
    if (host.endsWith('.netsuite.com') && host.split('.')[0] !== hostId) {
      throw new InvalidRequestUrlError(
        PKG,
        `${host} is not account ${hostId}'s host: NetSuite would refuse the call and log a failed login. ` +
          'Use netsuiteEndpoints(accountId).restUrl or .restletUrl, or the accountId of that host.',
      );
    }
  });
}
