// API tokens are stored as SHA-256 hashes only: a leaked users collection yields no usable credential.
// Tokens are long random strings, so a plain (unsalted) hash is enough and allows an indexed look-up.
import { createHash, randomBytes } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token: a recognisable prefix and 32 random bytes (base64url). */
export const newToken = (): string => `ast_${randomBytes(32).toString('base64url')}`;
