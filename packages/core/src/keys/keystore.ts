import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { parseWith } from '../model/parse';
import { Id } from '../model/primitives';
import { type ApiCredentials, KeyAccessSchema, makeCredentials } from './api-credentials';
import { KeystoreDecryptError, KeystoreFormatError } from './key-errors';
import { KeyRing } from './key-ring';
import {
  DEFAULT_SCRYPT_PARAMS,
  type KeystoreFile,
  KeystoreFileSchema,
  keystoreAad,
  type ScryptParams,
  ScryptParamsSchema,
} from './keystore-format';
import type { Secret } from './secret';

const PlainSchema = z.object({
  keys: z.array(
    z.object({
      venue: Id,
      access: KeyAccessSchema,
      apiKey: z.string().min(1),
      secret: z.string().min(1),
      password: z.string().optional(),
    }),
  ),
});

/**
 * Options of {@link writeKeystore}.
 *
 * @example
 * ```ts
 * const options: WriteKeystoreOptions = { scrypt: { N: 2 ** 14, r: 8, p: 1 } }; // cheaper, e.g. for tests
 * ```
 */
export interface WriteKeystoreOptions {
  /** scrypt cost; default {@link DEFAULT_SCRYPT_PARAMS}. */
  readonly scrypt?: ScryptParams;
}

function deriveKey(passphrase: Secret | string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const pass = typeof passphrase === 'string' ? passphrase : passphrase.reveal();
  // scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default.
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(pass, salt, 32, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Encrypts credentials into a keystore file (format in
 * {@link KeystoreFileSchema}): a fresh random salt and IV each time, the key
 * derived with scrypt from the passphrase, AES-256-GCM. The file is written
 * to a temporary name with mode 0600, fsync'd and renamed over `path`, so a
 * crash never leaves a half-written keystore.
 *
 * @example
 * ```ts
 * await writeKeystore('keys.json', [credentialsFromEnv('binance', 'trading')], new Secret(passphrase));
 * ```
 */
export async function writeKeystore(
  path: string,
  credentials: readonly ApiCredentials[],
  passphrase: Secret | string,
  options: WriteKeystoreOptions = {},
): Promise<void> {
  const params = parseWith(ScryptParamsSchema, options.scrypt ?? DEFAULT_SCRYPT_PARAMS, 'keystore scrypt parameters');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(passphrase, salt, params);
  const saltBase64 = salt.toString('base64');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keystoreAad(params, saltBase64), 'utf8'));
  const plain = {
    keys: credentials.map((c) => ({
      venue: c.venue,
      access: c.access,
      apiKey: c.apiKey.reveal(),
      secret: c.secret.reveal(),
      ...(c.password === undefined ? {} : { password: c.password.reveal() }),
    })),
  };
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
  const file: KeystoreFile = {
    version: 1,
    kdf: { name: 'scrypt', keyLength: 32, ...params },
    cipher: 'aes-256-gcm',
    salt: saltBase64,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/**
 * Decrypts a keystore written by {@link writeKeystore} into a
 * {@link KeyRing}. Throws {@link KeystoreFormatError} for a file that is not
 * a valid keystore and {@link KeystoreDecryptError} for a wrong passphrase
 * or an altered file; neither message contains any secret.
 *
 * @example
 * ```ts
 * const ring = await readKeystore('keys.json', new Secret(process.env.ARBOT_KEYSTORE_PASSPHRASE ?? ''));
 * const creds = ring.get('binance', 'trading');
 * ```
 */
export async function readKeystore(path: string, passphrase: Secret | string): Promise<KeyRing> {
  const file = parseFile(path, await readFile(path, 'utf8'));
  const params = { N: file.kdf.N, r: file.kdf.r, p: file.kdf.p };
  const key = await deriveKey(passphrase, Buffer.from(file.salt, 'base64'), params);
  const iv = Buffer.from(file.iv, 'base64');
  const tag = Buffer.from(file.tag, 'base64');
  if (iv.length !== 12) throw new KeystoreFormatError(path, 'iv', 'must be 12 bytes');
  if (tag.length !== 16) throw new KeystoreFormatError(path, 'tag', 'must be 16 bytes');
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(keystoreAad(params, file.salt), 'utf8'));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(Buffer.from(file.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new KeystoreDecryptError(path);
  }
  let content: z.infer<typeof PlainSchema>;
  try {
    content = PlainSchema.parse(JSON.parse(plain));
  } catch {
    // Authenticated but unreadable: report the field, never the plaintext.
    throw new KeystoreFormatError(path, 'keys', 'is not a valid list of credentials');
  }
  return new KeyRing(content.keys.map((k) => makeCredentials(k.venue, k.access, k)));
}

function parseFile(path: string, text: string): KeystoreFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeystoreFormatError(path, '(file)', 'is not JSON');
  }
  const result = KeystoreFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new KeystoreFormatError(path, issue?.path.map(String).join('.') || '(root)', issue?.message ?? 'is invalid');
  }
  return result.data;
}
