import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts secrets at rest with AES-256-GCM, so a credential waiting to be revealed, or a
 * signing key, is never stored in plaintext. The key comes from config; the GCM tag makes any
 * edit of the stored text fail to decrypt rather than yield a wrong secret.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `secret` is any string of at least 32 characters; it is hashed to a 256-bit key. */
  constructor(secret: string) {
    if (secret.length < 32) {
      throw new Error('souverain.concierge.encryptionKey must be at least 32 characters');
    }
    this.key = createHash('sha256').update(secret, 'utf8').digest();
  }

  /** A box with a random key that lives only in this process (local mode without a configured key). */
  static ephemeral(): SecretBox {
    return new SecretBox(randomBytes(48).toString('base64'));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) {
      throw new Error('not a sealed secret');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }
}
