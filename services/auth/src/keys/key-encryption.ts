import { ConfigError } from '@todo-bus/config';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The signing keys in the database were encrypted with another KEY_ENCRYPTION_SECRET. A configuration error:
 * auth refuses to start (one line, exit 1) rather than answer every login with a 500.
 */
export class SigningKeysUnreadableError extends ConfigError {
  override name = 'SigningKeysUnreadableError';
  constructor(count: number) {
    super(
      `KEY_ENCRYPTION_SECRET does not match the signing keys in the database (${count} cannot be decrypted): ` +
        'start auth with the secret they were encrypted with, or, if it is lost, run ' +
        '`npm run rotate-keys -w services/auth` with this secret to replace them ' +
        '(tokens already issued stay valid until they expire)',
    );
  }
}

/**
 * Encrypts signing keys at rest. The AES key is derived from KEY_ENCRYPTION_SECRET with HKDF, so the
 * secret can be any long random string. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export interface KeyEncryption {
  encrypt(plaintext: Buffer): string;
  decrypt(sealed: string): Buffer;
}

export function createKeyEncryption(secret: string): KeyEncryption {
  const key = Buffer.from(hkdfSync('sha256', secret, 'todo-bus/auth', 'signing-key-encryption/v1', 32));
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !ciphertext)
        throw new Error('unrecognised encrypted key format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    },
  };
}
