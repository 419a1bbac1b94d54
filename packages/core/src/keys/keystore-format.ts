import { z } from 'zod';

/**
 * scrypt cost parameters used when writing a keystore unless told otherwise:
 * N = 2^17, r = 8, p = 1 (128 MiB of memory, a few hundred ms per unlock),
 * the OWASP recommendation for scrypt. The parameters are stored in the file,
 * so files written with other costs stay readable.
 *
 * @example
 * ```ts
 * DEFAULT_SCRYPT_PARAMS.N; // 131072
 * ```
 */
export const DEFAULT_SCRYPT_PARAMS = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

/**
 * scrypt cost parameters accepted for reading and writing: N a power of two
 * in [2^10, 2^20], r in [1, 32], p in [1, 16]. The bounds refuse both
 * trivially weak files and files crafted to exhaust memory.
 *
 * @example
 * ```ts
 * ScryptParamsSchema.parse({ N: 16384, r: 8, p: 1 });
 * ```
 */
export const ScryptParamsSchema = z.object({
  N: z
    .number()
    .int()
    .refine((n) => isPowerOfTwo(n) && n >= 2 ** 10 && n <= 2 ** 20, { message: 'must be a power of two in [1024, 1048576]' }),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});
/**
 * scrypt cost parameters: see {@link ScryptParamsSchema}.
 *
 * @example
 * ```ts
 * const fastForTests: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
 * ```
 */
export type ScryptParams = z.infer<typeof ScryptParamsSchema>;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be base64' });

/**
 * The keystore file (JSON). `salt` (16 bytes), `iv` (12 bytes), `tag`
 * (16 bytes) and `ciphertext` are base64. The key is
 * `scrypt(passphrase, salt, 32, { N, r, p })`; the cipher is AES-256-GCM
 * whose additional authenticated data is {@link keystoreAad}, so changing
 * the version, the parameters or the salt makes decryption fail. The
 * plaintext is `{ "keys": [{ venue, access, apiKey, secret, password? }] }`.
 *
 * @example
 * ```ts
 * const file = KeystoreFileSchema.parse(JSON.parse(await readFile('keys.json', 'utf8')));
 * ```
 */
export const KeystoreFileSchema = z.object({
  version: z.literal(1),
  kdf: z.object({ name: z.literal('scrypt'), keyLength: z.literal(32) }).extend(ScryptParamsSchema.shape),
  cipher: z.literal('aes-256-gcm'),
  salt: Base64,
  iv: Base64,
  tag: Base64,
  ciphertext: Base64,
});
/**
 * A parsed keystore file: see {@link KeystoreFileSchema}.
 *
 * @example
 * ```ts
 * const { kdf }: KeystoreFile = file;
 * ```
 */
export type KeystoreFile = z.infer<typeof KeystoreFileSchema>;

/**
 * The additional authenticated data of a keystore: its header fields, so the
 * header cannot be altered without failing authentication.
 *
 * @example
 * ```ts
 * keystoreAad({ N: 16384, r: 8, p: 1 }, 'c2FsdA=='); // 'arbot-keystore/1/scrypt/16384/8/1/c2FsdA=='
 * ```
 */
export function keystoreAad(params: ScryptParams, saltBase64: string): string {
  return `arbot-keystore/1/scrypt/${params.N}/${params.r}/${params.p}/${saltBase64}`;
}
