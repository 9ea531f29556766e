/**
 * What the image's `npm ci --omit=dev` installs, read from package-lock.json, and the packages the
 * compiled code requires at run time, read from dist/: every one of those must be among the former,
 * or the container fails with "Cannot find module" on the first request that loads it.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The top-level packages `npm ci --omit=dev` installs: the lock's entries not marked dev. */
export function productionPackages(lockText: string): Set<string> {
  const lock = JSON.parse(lockText) as { packages?: Record<string, { dev?: boolean; devOptional?: boolean }> };
  if (!lock.packages) throw new Error('package-lock.json has no "packages" map (lockfileVersion 2 or later is needed)');
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && !path.slice('node_modules/'.length).includes('/node_modules/') && !entry.dev)
      .map(([path]) => path.slice('node_modules/'.length)),
  );
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const BUILTINS = new Set(builtinModules);

/** The packages (not Node built-ins, not relative paths) a compiled file requires or imports, literally named. */
export function requiredPackages(code: string): string[] {
  const specifiers = [...code.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
  return [
    ...new Set(specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !BUILTINS.has(packageName(s))).map(packageName)),
  ];
}

/**
 * The compiled files the image runs (dist/ without the console's browser bundle and without the
 * test helpers under testing/) whose required packages a production install lacks, as
 * `file: package` lines; empty when the production install is enough.
 */
export function missingAtRunTime(distDir: string, installed: Set<string>): string[] {
  const files = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.js') && !file.startsWith('console/') && !file.split('/').includes('testing'),
  );
  if (files.length === 0) throw new Error(`no compiled files under ${distDir}: run node tools/build.js first`);
  return files.flatMap((file) =>
    requiredPackages(readFileSync(join(distDir, file), 'utf8'))
      .filter((name) => !installed.has(name))
      .map((name) => `${relative(process.cwd(), join(distDir, file))}: ${name}`),
  );
}
