import { SignJWT } from 'jose';
import { devUserId } from './dev-user-id.ts';

export interface SignOptions {
  secret: string;
  username: string;
  audience?: string;
  expiresIn?: string;
  /** Overrides the derived id (tests sign tokens for arbitrary users). */
  sub?: string;
  email?: string;
  fullName?: string;
}

/** An HS256 access token shaped like the ones Supabase Auth issues. */
export async function signAccessToken(options: SignOptions): Promise<string> {
  return new SignJWT({
    role: 'authenticated',
    email: options.email ?? `${options.username}@example.com`,
    user_metadata: { username: options.username, full_name: options.fullName },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub ?? devUserId(options.username))
    .setAudience(options.audience ?? 'authenticated')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '7d')
    .sign(new TextEncoder().encode(options.secret));
}
