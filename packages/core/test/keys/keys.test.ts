import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ArbotError,
  credentialsFromEnv,
  credentialVariables,
  exchangeCredentials,
  KeystoreDecryptError,
  KeystoreFormatError,
  MissingCredentialsError,
  makeCredentials,
  readKeystore,
  redactError,
  redactSecrets,
  Secret,
  writeKeystore,
} from '../../src/index';

const API_KEY = 'AKIA-live-3f9c1d2e7b';
const API_SECRET = 's3cr3t-Zq8Lm2Xv9Rt4';
const PASSWORD = 'okx-pass-phrase-77';
const FAST = { scrypt: { N: 2 ** 14, r: 8, p: 1 } } as const;

afterEach(() => {
  vi.restoreAllMocks();
});

async function keystorePath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'arbot-keys-')), 'keys.json');
}

describe('Secret and redaction', () => {
  it('never shows its value through console, inspect, JSON, templates or errors', () => {
    const creds = makeCredentials('okx', 'trading', { apiKey: API_KEY, secret: API_SECRET, password: PASSWORD });
    const printed: string[] = [];
    const capture = (...args: unknown[]): void => {
      printed.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
    };
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(capture);
    console.log(creds);
    console.info('creds', creds, { nested: { creds } });
    console.warn(`key=${creds.apiKey} secret=${creds.secret}`);
    console.error(JSON.stringify(creds));
    console.debug(String(creds.password), `${[creds.apiKey]}`, { ...creds });
    const logged = printed.join('\n');
    for (const secret of [API_KEY, API_SECRET, PASSWORD]) expect(logged).not.toContain(secret);
    expect(logged).toContain('[REDACTED]');
    expect(JSON.stringify(creds)).toBe(
      '{"venue":"okx","access":"trading","apiKey":"[REDACTED]","secret":"[REDACTED]","password":"[REDACTED]"}',
    );
    expect(exchangeCredentials(creds)).toEqual({ apiKey: API_KEY, secret: API_SECRET, password: PASSWORD });
  });

  it('redacts secrets echoed back in error messages, stacks, causes and contexts', () => {
    const key = new Secret(API_KEY);
    const cause = new Error(`signature for ${API_KEY} rejected`);
    const err = new ArbotError(
      'ORDER_REJECTED',
      `binance refused: apiKey=${API_KEY}`,
      { venue: 'binance', url: `/order?key=${API_KEY}` },
      { cause },
    );
    const safe = redactError(err, [key]);
    const text = `${safe.message}\n${safe.stack}\n${inspect(safe, { depth: 5 })}\n${JSON.stringify((safe as ArbotError).context)}`;
    expect(text).not.toContain(API_KEY);
    expect(safe.message).toBe('binance refused: apiKey=[REDACTED]');
    expect((safe as ArbotError).code).toBe('ORDER_REJECTED');
    expect((safe.cause as Error).message).toBe('signature for [REDACTED] rejected');
    expect(redactSecrets(`a ${API_SECRET} b ${API_SECRET}`, [new Secret(API_SECRET)])).toBe('a [REDACTED] b [REDACTED]');
  });
});

describe('credentialsFromEnv', () => {
  it('reads trading and read-only keys from separate variables', () => {
    const env = {
      ARBOT_BINANCE_US_API_KEY: API_KEY,
      ARBOT_BINANCE_US_SECRET: API_SECRET,
      ARBOT_BINANCE_US_READONLY_API_KEY: 'ro-key-123456',
      ARBOT_BINANCE_US_READONLY_SECRET: 'ro-secret-123456',
    };
    expect(credentialVariables('binance-us', 'read-only')).toEqual({
      apiKey: 'ARBOT_BINANCE_US_READONLY_API_KEY',
      secret: 'ARBOT_BINANCE_US_READONLY_SECRET',
      password: 'ARBOT_BINANCE_US_READONLY_PASSWORD',
    });
    const trading = credentialsFromEnv('binance-us', 'trading', env);
    expect(trading.apiKey.reveal()).toBe(API_KEY);
    expect(trading.password).toBeUndefined();
    expect(credentialsFromEnv('binance-us', 'read-only', env).apiKey.reveal()).toBe('ro-key-123456');
  });

  it('names the missing variables, never values, and never falls back from read-only to trading', () => {
    const env = { ARBOT_OKX_API_KEY: API_KEY, ARBOT_OKX_SECRET: API_SECRET };
    let caught: unknown;
    try {
      credentialsFromEnv('okx', 'read-only', env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MissingCredentialsError);
    expect((caught as MissingCredentialsError).context.variables).toEqual(['ARBOT_OKX_READONLY_API_KEY', 'ARBOT_OKX_READONLY_SECRET']);
    expect(String(caught)).not.toContain(API_KEY);
  });
});

describe('keystore', () => {
  it('round-trips credentials through AES-256-GCM with a scrypt key, and the file holds no plaintext', async () => {
    const path = await keystorePath();
    const creds = [
      makeCredentials('okx', 'trading', { apiKey: API_KEY, secret: API_SECRET, password: PASSWORD }),
      makeCredentials('okx', 'read-only', { apiKey: 'ro-key-123456', secret: 'ro-secret-123456' }),
    ];
    await writeKeystore(path, creds, new Secret('correct horse battery'), FAST);
    const text = await readFile(path, 'utf8');
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['cipher', 'ciphertext', 'iv', 'kdf', 'salt', 'tag', 'version']);
    expect(file.kdf).toEqual({ name: 'scrypt', keyLength: 32, N: 16384, r: 8, p: 1 });
    expect(Buffer.from(file.salt as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(file.iv as string, 'base64')).toHaveLength(12);
    for (const secret of [API_KEY, API_SECRET, PASSWORD]) expect(text).not.toContain(secret);
    const ring = await readKeystore(path, 'correct horse battery');
    expect(ring.get('okx', 'trading').password?.reveal()).toBe(PASSWORD);
    expect(ring.get('okx', 'read-only').apiKey.reveal()).toBe('ro-key-123456');
    expect(inspect(ring)).toBe('KeyRing(okx:trading, okx:read-only)');
    expect(() => ring.get('binance', 'trading')).toThrow(MissingCredentialsError);
  });

  it('refuses a wrong passphrase and any altered byte or header field', async () => {
    const path = await keystorePath();
    await writeKeystore(path, [makeCredentials('a', 'trading', { apiKey: API_KEY, secret: API_SECRET })], 'pass-one', FAST);
    await expect(readKeystore(path, 'pass-two')).rejects.toBeInstanceOf(KeystoreDecryptError);
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const ct = Buffer.from(file.ciphertext as string, 'base64');
    ct[0] = (ct[0] ?? 0) ^ 1;
    await writeFile(path, JSON.stringify({ ...file, ciphertext: ct.toString('base64') }));
    await expect(readKeystore(path, 'pass-one')).rejects.toBeInstanceOf(KeystoreDecryptError);
    await writeFile(path, JSON.stringify({ ...file, kdf: { ...(file.kdf as object), r: 4 } }));
    await expect(readKeystore(path, 'pass-one')).rejects.toBeInstanceOf(KeystoreDecryptError);
    await writeFile(path, JSON.stringify({ ...file, kdf: { ...(file.kdf as object), N: 3 } }));
    await expect(readKeystore(path, 'pass-one')).rejects.toMatchObject({ code: 'KEYSTORE_INVALID', context: { field: 'kdf.N' } });
    await writeFile(path, 'not json');
    await expect(readKeystore(path, 'pass-one')).rejects.toBeInstanceOf(KeystoreFormatError);
  });
});
