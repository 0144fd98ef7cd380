import { historypin } from '@authplug/historypin';
import { ipernity } from '@authplug/ipernity';
import { oauth1 } from '@authplug/oauth1';
import { safecreative } from '@authplug/safecreative';
import axios from 'axios';
import addOAuthInterceptor from 'axios-oauth-1.0a';
import { type BenchScheme, keepAlive, paramsFor } from './harness.ts';

const OAUTH = {
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
};

export const HISTORYPIN = {
  apiKey: 'e519f7e8481e2002f9874cf10ac19bfca533704746d02b98ee9f9f6baa3231d8',
  apiSecret: '4a37d542252bd03300a8e79131f9624c',
};
export const IPERNITY = {
  apiKey: '6fa87ba500002712bd4eed6020f3bd72',
  secret: 'e9a599f0cf6ce193',
  authToken: '987654321-e5a5b9c3d5a77eab',
};

// Made-up keys: the bench server does not verify, it only answers as each provider would on
// success (the strategies that inspect answers read them).
export const strategies: BenchScheme[] = [
  {
    name: 'historypin',
    path: '/en/api/user/get_edit.json',
    make: () => historypin(HISTORYPIN),
    digest: { algorithm: 'sha256', hmacKey: HISTORYPIN.apiSecret, encoding: 'hex' },
    signatureIn: { query: 'api_token' },
  },
  {
    name: 'ipernity',
    path: '/api/doc.get/json',
    make: () => ipernity(IPERNITY),
    digest: { algorithm: 'md5', encoding: 'hex' },
    signatureIn: { query: 'api_sig' },
  },
  {
    name: 'oauth1 HMAC-SHA1 header',
    path: '/1/statuses/home_timeline.json',
    make: () => oauth1(OAUTH),
    digest: {
      algorithm: 'sha1',
      hmacKey: `${OAUTH.consumerSecret}&${OAUTH.tokenSecret}`,
      encoding: 'base64',
    },
    signatureIn: { header: 'authorization', field: 'oauth_signature' },
    peers: {
      axios: {
        name: 'axios-oauth-1.0a',
        make(base) {
          const client = axios.create({
            baseURL: base,
            httpAgent: keepAlive(),
          });
          addOAuthInterceptor(client, {
            algorithm: 'HMAC-SHA1',
            key: OAUTH.consumerKey,
            secret: OAUTH.consumerSecret,
            token: OAUTH.token,
            tokenSecret: OAUTH.tokenSecret,
          });
          return (i) =>
            client.get('/1/statuses/home_timeline.json', { params: new URLSearchParams(paramsFor(i)) });
        },
      },
    },
  },
  {
    name: 'safecreative',
    path: '/v2/',
    firstParam: ['component', 'work.get'],
    make: () =>
      safecreative({
        sharedKey: 'zy9x4ol0ctg3btyswq7b5wi9',
        privateKey: '1f5lcps1hvpo7y1sw175y5qkp',
        authKey: '23j22wtpoguzgzk0fag39sey6',
        authPrivateKey: '3m8zz7k2qk1d0x5vjq9ol4y7a',
      }),
    digest: { algorithm: 'sha1', encoding: 'hex' },
    signatureIn: { query: 'signature' },
  },
];
