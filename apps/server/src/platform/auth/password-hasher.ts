import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1): strong enough, and cheap enough for 2 cores.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** Checks a password against an argon2 hash; false for a malformed hash rather than an exception. */
export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

/** A fixed hash to verify against when the account does not exist, so that timing does not reveal accounts. */
export const DUMMY_HASH_INPUT = 'kakine-no-such-account-placeholder';
