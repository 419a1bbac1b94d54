export { type ApiCredentials, exchangeCredentials, type KeyAccess, KeyAccessSchema, makeCredentials } from './api-credentials';
export { credentialsFromEnv, credentialVariables, type Environment } from './credentials-from-env';
export { KeystoreDecryptError, KeystoreFormatError, MissingCredentialsError } from './key-errors';
export { KeyRing } from './key-ring';
export { readKeystore, type WriteKeystoreOptions, writeKeystore } from './keystore';
export {
  DEFAULT_SCRYPT_PARAMS,
  type KeystoreFile,
  KeystoreFileSchema,
  keystoreAad,
  type ScryptParams,
  ScryptParamsSchema,
} from './keystore-format';
export { redactError, redactSecrets } from './redact';
export { REDACTED_TEXT, Secret } from './secret';
