import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { print, type ExecutionResult } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signAccessToken } from '../src/auth/sign.ts';
import { graphql } from './gql/index.ts';
import { startApi, TEST_JWT_SECRET, type TestApi } from './helpers/api.ts';

const Me = graphql(`
  query AuthMe {
    me {
      id
      username
    }
  }
`);

const PublicSpaces = graphql(`
  query AuthPublicSpaces {
    publicSpaces {
      id
    }
  }
`);

const USERNAME = /^[a-z0-9_]{3,32}$/;
const OTHER_SECRET = 'another-secret-that-is-also-long-enough';
const nowSeconds = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims of a signed-in Supabase user, valid for an hour. */
function userClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    sub: randomUUID(),
    role: 'authenticated',
    aud: 'authenticated',
    email: 'someone@example.com',
    iat: nowSeconds(),
    exp: nowSeconds() + 3600,
    ...overrides,
  };
}

function signHs256(claims: JWTPayload, secret = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

async function errorCode(api: TestApi, token: string): Promise<unknown> {
  return (await api.clientWithToken(token).error(Me)).code;
}

async function meWithAuthorization(api: TestApi, authorization: string): Promise<ExecutionResult> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
    body: JSON.stringify({ query: print(Me) }),
  });
  return (await response.json()) as ExecutionResult;
}

describe('HS256 tokens', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(() => api?.stop());

  it('signs in with a valid token', async () => {
    const token = await signAccessToken({ secret: TEST_JWT_SECRET, username: 'valid_user' });
    const { me } = await api.clientWithToken(token).data(Me);
    expect(me.username).toBe('valid_user');
  });

  it('rejects expired, foreign-audience, unsigned, forged, tampered and malformed tokens', async () => {
    const valid = await signHs256(userClaims());
    const [header, payload, signature] = valid.split('.');
    const tampered = `${header}.${base64url({ ...userClaims(), sub: randomUUID() })}.${signature}`;
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const rejected = {
      expired: await signHs256(userClaims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })),
      'wrong audience': await signHs256(userClaims({ aud: 'someone-else' })),
      'alg none': unsigned,
      'wrong signature': await signHs256(userClaims(), OTHER_SECRET),
      tampered,
      'no exp': await signHs256(userClaims({ exp: undefined })),
      'not a jwt': 'not-a-jwt',
      'garbage segments': 'abc.def.ghi',
    };
    for (const [name, token] of Object.entries(rejected)) {
      expect([name, await errorCode(api, token)]).toEqual([name, 'UNAUTHENTICATED']);
    }
  });

  it('stops accepting a token the moment it expires, however often it was used before', async () => {
    const exp = nowSeconds() + 2;
    const token = await signHs256(userClaims({ exp }));
    for (let i = 0; i < 3; i += 1) expect((await api.clientWithToken(token).data(Me)).me).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));
    expect(await errorCode(api, token)).toBe('UNAUTHENTICATED');
  });

  it('accepts only an Authorization header of the form "Bearer <token>"', async () => {
    const token = await signHs256(userClaims());
    for (const header of [`Basic ${token}`, `Token ${token}`, token, 'Bearer', `Bearer ${token} extra`]) {
      const result = await meWithAuthorization(api, header);
      expect([header, result.errors?.[0]?.extensions?.code]).toEqual([header, 'UNAUTHENTICATED']);
    }
    expect((await meWithAuthorization(api, `bearer ${token}`)).errors).toBeUndefined();
  });

  it('rejects a service_role token', async () => {
    const error = await api.clientWithToken(await signHs256(userClaims({ role: 'service_role' }))).error(Me);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('service_role');
  });

  it("treats Supabase's anon key as no token at all", async () => {
    const anonKey = await signHs256({
      iss: 'supabase',
      ref: 'uvianlocal',
      role: 'anon',
      iat: nowSeconds(),
      exp: nowSeconds() + 3600,
    });
    const anonymous = api.clientWithToken(anonKey);
    expect(Array.isArray((await anonymous.data(PublicSpaces)).publicSpaces)).toBe(true);
    expect((await anonymous.error(Me)).code).toBe('UNAUTHENTICATED');

    const forged = await signHs256({ role: 'anon', exp: nowSeconds() + 3600 }, OTHER_SECRET);
    expect((await api.clientWithToken(forged).error(PublicSpaces)).code).toBe('UNAUTHENTICATED');
  });
});

describe('profile provisioning on first sight', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(() => api?.stop());

  const me = async (token: string) => (await api.clientWithToken(token).data(Me)).me;
  const tokenFor = (username: string, sub = randomUUID()) =>
    signAccessToken({ secret: TEST_JWT_SECRET, username, sub });

  it('takes the username from user_metadata, and finds another free one when it is taken', async () => {
    const first = await me(await tokenFor('zoe'));
    expect(first.username).toBe('zoe');
    const second = await me(await tokenFor('zoe'));
    expect(second.id).not.toBe(first.id);
    expect(second.username).not.toBe('zoe');
    expect(second.username).toMatch(USERNAME);
  });

  it("falls back to the email's local part without metadata", async () => {
    const profile = await me(await signHs256(userClaims({ email: 'carol@example.com' })));
    expect(profile.username).toBe('carol');
  });

  it('creates one profile when a new user sends many first requests at once', async () => {
    const sub = randomUUID();
    const token = await tokenFor('crowd', sub);
    const answers = await Promise.all(Array.from({ length: 10 }, () => me(token)));
    expect(new Set(answers.map((answer) => `${answer.id}/${answer.username}`))).toEqual(new Set([`${sub}/crowd`]));
  });
});

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

interface JwksServer {
  /** The Supabase project URL this server stands in for. */
  url: string;
  /** How many times the key set was fetched. */
  fetches: number;
  keys: JWK[];
  close(): Promise<void>;
}

async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/auth/v1/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    jwks.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: jwks.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwks: JwksServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fetches: 0,
    keys,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return jwks;
}

describe('JWKS (asymmetric Supabase keys)', () => {
  let keyA: SigningKey;
  let jwks: JwksServer;
  let api: TestApi;
  const apis: TestApi[] = [];

  const startJwksApi = async () => {
    const started = await startApi({ env: { SUPABASE_URL: jwks.url, SUPABASE_JWT_SECRET: '' } });
    apis.push(started);
    return started;
  };

  const signEs256 = (key: Pick<SigningKey, 'kid' | 'privateKey'>, claims: JWTPayload = {}) =>
    new SignJWT(userClaims({ iss: `${jwks.url}/auth/v1`, ...claims }))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);

  const signsIn = async (target: TestApi, token: string) => {
    const result = await target.clientWithToken(token).request(Me);
    return result.errors === undefined && typeof result.data?.me.id === 'string';
  };

  beforeAll(async () => {
    keyA = await newSigningKey('key-a');
    jwks = await startJwksServer([keyA.jwk]);
    api = await startJwksApi();
  });

  afterAll(async () => {
    vi.useRealTimers();
    await Promise.all(apis.map((started) => started.stop()));
    await jwks?.close();
  });

  it('accepts valid ES256 tokens, fetching the key set once for many requests', async () => {
    const tokens = await Promise.all(Array.from({ length: 5 }, () => signEs256(keyA)));
    const concurrent = await Promise.all(tokens.map((token) => signsIn(api, token)));
    const sequential = [];
    for (const token of [...tokens, ...tokens]) sequential.push(await signsIn(api, token));
    expect([...concurrent, ...sequential].every(Boolean)).toBe(true);
    expect(jwks.fetches).toBe(1);
  });

  it('rejects a token from another issuer', async () => {
    const token = await signEs256(keyA, { iss: 'https://elsewhere.supabase.co/auth/v1' });
    expect(await errorCode(api, token)).toBe('UNAUTHENTICATED');
  });

  it('rejects tokens signed by a key the project does not publish', async () => {
    const stranger = await newSigningKey('key-unknown');
    expect(await errorCode(api, await signEs256(stranger))).toBe('UNAUTHENTICATED');
    const impostor = { kid: keyA.kid, privateKey: stranger.privateKey };
    expect(await errorCode(api, await signEs256(impostor))).toBe('UNAUTHENTICATED');
  });

  it('rejects HS256 tokens when only the JWKS is configured', async () => {
    const token = await signAccessToken({ secret: TEST_JWT_SECRET, username: 'hs_user' });
    expect(await errorCode(api, token)).toBe('UNAUTHENTICATED');
  });

  it('picks up a rotated key once the refetch cooldown (30 s) has passed', async () => {
    const running = await startJwksApi();
    const start = Date.now();
    vi.setSystemTime(start);
    expect(await signsIn(running, await signEs256(keyA))).toBe(true);
    const fetchesBefore = jwks.fetches;

    const keyB = await newSigningKey('key-b');
    jwks.keys = [keyA.jwk, keyB.jwk];
    expect(await signsIn(running, await signEs256(keyB))).toBe(false);
    expect(jwks.fetches).toBe(fetchesBefore);

    vi.setSystemTime(start + 31_000);
    expect(await signsIn(running, await signEs256(keyB))).toBe(true);
    expect(await signsIn(running, await signEs256(keyA))).toBe(true);
    expect(jwks.fetches).toBe(fetchesBefore + 1);
    vi.useRealTimers();
  });

  it('accepts a rotated key on a server whose first request carries it', async () => {
    const keyC = await newSigningKey('key-c');
    jwks.keys = [keyA.jwk, keyC.jwk];
    const fresh = await startJwksApi();
    expect(await signsIn(fresh, await signEs256(keyC))).toBe(true);
  });
});
