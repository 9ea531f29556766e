/**
 * The other files the image is built from, read as Docker and npm read them: which paths
 * .dockerignore keeps out of the build context, and what `npm start` runs once it has built dist/.
 */

/** A .dockerignore pattern as a regular expression over a context-relative path (`*`, `?`, `**`). */
function patternRegExp(pattern: string): RegExp {
  const parts = pattern.replace(/^\/+|\/+$/g, '').split('/');
  const source = parts
    .map((part, i) => {
      const last = i === parts.length - 1;
      if (part === '**') return last ? '.*' : '(?:.*/)?';
      const escaped = part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
      return last ? escaped : `${escaped}/`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Whether .dockerignore (its text) keeps `path` out of the build context: a pattern matching the path
 * or one of its parent directories excludes it, a later `!pattern` brings it back.
 */
export function dockerignored(ignoreText: string, path: string): boolean {
  const parts = path.replace(/^\.?\/+/, '').split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const raw of ignoreText.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = patternRegExp(negated ? line.slice(1).trim() : line);
    if (prefixes.some((prefix) => pattern.test(prefix))) ignored = !negated;
  }
  return ignored;
}

/**
 * The command `npm start` runs after `node tools/build.js &&` (what the image runs: dist/ is built
 * in the image's build stage). An error when the start script no longer has that shape.
 */
export function npmStartRuns(packageJsonText: string): string {
  const start = (JSON.parse(packageJsonText) as { scripts?: Record<string, string> }).scripts?.start;
  const match = start === undefined ? null : /^node tools\/build\.js && (?:exec )?([\s\S]+)$/.exec(start);
  if (!match) throw new Error(`package.json "start" should be "node tools/build.js && <command>", is ${JSON.stringify(start)}`);
  return match[1];
}
