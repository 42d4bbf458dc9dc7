import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { loadDevSecret } from './dev-secret.ts';
import { signAccessToken } from './sign.ts';

const USAGE = 'Usage: npm run token -- <username (3-32 of a-z, 0-9, _)> [expiry like 1h or 30d]';

// npm run token -- <username> [expiry, e.g. 1h or 30d]: an access token for local development.
try {
  loadDotEnv();
  const config = loadConfig();
  const [username, expiresIn = '7d'] = process.argv.slice(2);
  if (!username || !/^[a-z0-9_]{3,32}$/.test(username)) {
    throw new ConfigError(USAGE);
  }
  if (config.env === 'production') throw new ConfigError('Refusing to mint tokens with NODE_ENV=production');
  if (config.auth.supabaseUrl && !config.auth.jwtSecret) {
    throw new ConfigError('Tokens come from Supabase Auth when SUPABASE_URL is set without SUPABASE_JWT_SECRET');
  }
  const secret = config.auth.jwtSecret ?? loadDevSecret(config.dataDir);
  const token = await signAccessToken({ secret, username, audience: config.auth.audience, expiresIn }).catch(
    (error: unknown) => {
      if (error instanceof TypeError) throw new ConfigError(`Invalid expiry ${JSON.stringify(expiresIn)}. ${USAGE}`);
      throw error;
    },
  );
  console.log(token);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
