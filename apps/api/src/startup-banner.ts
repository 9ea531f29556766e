import type { Role } from './auth/api-keys';

/**
 * The last thing `npm start` prints: where the API is, and the development keys in a frame
 * (shown once, when this start created them; afterwards, where they are kept).
 */
export function startupBanner(url: string, dataDir: string, createdKeys: Readonly<Record<Role, string>> | undefined): string {
  const lines = [`APO workflow API listening on ${url}`, `OpenAPI ${url}/docs   health ${url}/health`];
  if (createdKeys) {
    lines.push(
      '',
      'Development API keys, one per role (shown this once; only their hashes are kept,',
      `in ${dataDir}/dev-api-keys.json: delete it and restart for new keys):`,
      '',
    );
    for (const [role, key] of Object.entries(createdKeys)) lines.push(`  ${role.padEnd(9)} ${key}`);
    lines.push('', `e.g.  ADMIN=${createdKeys.admin}`, `      curl -H "authorization: Bearer $ADMIN" ${url}/coes`);
  } else {
    lines.push(
      '',
      'API keys: API_KEYS / API_KEYS_FILE, else the development keys printed when',
      `${dataDir}/dev-api-keys.json was created (delete it and restart for new keys).`,
    );
  }
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return [rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule, ''].join('\n');
}
