/**
 * A small Dockerfile reader, enough to check docker/Dockerfile without a Docker daemon: build stages
 * with their FROM (build arguments declared before the first FROM substituted), instructions with
 * their flags (`COPY --from=deps`, `HEALTHCHECK --timeout=3s`), exec or shell form commands, and the
 * environment and working directory a stage ends with. It reads the instructions this repository
 * uses; anything it cannot read is a `DockerfileError` naming the line, never a guess.
 */

/** A Dockerfile the reader cannot make sense of, with the line it stopped at. */
export class DockerfileError extends Error {}

/** One instruction, continuation lines joined. */
export interface Instruction {
  /** Upper case: FROM, RUN, COPY, ENV, ... */
  keyword: string;
  /** The text after the keyword and its flags. */
  args: string;
  /** `--name=value` flags before the arguments (`--from`, `--chown`, `--interval`, ...). */
  flags: Record<string, string>;
  /** The line the instruction starts on (1-based). */
  line: number;
}

/** One build stage: its base image and its instructions (FROM excluded). */
export interface Stage {
  /** The `AS` name, if any. */
  name?: string;
  /** The base image with build arguments substituted, e.g. `node:22.23.3-bookworm-slim`. */
  from: string;
  instructions: Instruction[];
}

/** A parsed Dockerfile: the build arguments declared before the first FROM, then the stages in order. */
export interface Dockerfile {
  args: Record<string, string | undefined>;
  stages: Stage[];
}

const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** The logical lines: comments dropped (also inside a continuation, as Docker does), `\` continuations joined. */
function logicalLines(text: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    // Docker skips blank lines inside a continuation too (with a warning).
    if (trimmed.startsWith('#') || trimmed === '') return;
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1).trim() : trimmed;
    current = current ? { ...current, text: `${current.text} ${part}`.trim() } : { text: part, line: index + 1 };
    if (!continues) {
      if (current.text !== '') lines.push(current);
      current = undefined;
    }
  });
  if (current) throw new DockerfileError(`line ${current.line}: the file ends inside a continued instruction (a trailing \\)`);
  return lines;
}

/** Splits words on blanks, keeping quoted parts together and dropping the quotes (as ENV and ARG read them). */
export function words(text: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new DockerfileError(`unterminated ${quote} quote in: ${text}`);
  if (word !== undefined) out.push(word);
  return out;
}

/** `${NAME}`, `${NAME:-default}` and `$NAME` replaced from `vars`; a name without a value is an error. */
function substitute(text: string, vars: Record<string, string | undefined>, line: number): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g, (_whole, braced: string, fallback: string | undefined, bare: string) => {
    const name = braced ?? bare;
    const value = vars[name] ?? fallback;
    if (value === undefined) throw new DockerfileError(`line ${line}: \${${name}} has no value (declare it with ARG ${name}=... before the first FROM)`);
    return value;
  });
}

/** The leading `--name=value` flags of an instruction and the text after them. */
function splitFlags(text: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = text;
  for (let match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); match; match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[match[1]] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** Reads a Dockerfile's text; a `DockerfileError` names the first line it cannot read. */
export function parseDockerfile(text: string): Dockerfile {
  const args: Record<string, string | undefined> = {};
  const stages: Stage[] = [];
  for (const { text: instruction, line } of logicalLines(text)) {
    const [, word, after = ''] = /^(\S+)\s*([\s\S]*)$/.exec(instruction) ?? [];
    const keyword = word.toUpperCase();
    if (!KEYWORDS.has(keyword)) throw new DockerfileError(`line ${line}: unknown instruction ${word}`);
    const { flags, rest } = splitFlags(after);
    if (keyword === 'FROM') {
      const parts = words(rest);
      const named = parts.length === 3 && parts[1].toUpperCase() === 'AS';
      if (parts.length !== 1 && !named) throw new DockerfileError(`line ${line}: FROM takes an image and an optional "AS name", not: ${rest}`);
      stages.push({ from: substitute(parts[0], args, line), name: named ? parts[2] : undefined, instructions: [] });
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new DockerfileError(`line ${line}: ${keyword} before the first FROM (only ARG may come first)`);
      for (const declaration of words(rest)) {
        const [name, ...value] = declaration.split('=');
        args[name] = value.length > 0 ? value.join('=') : undefined;
      }
    } else {
      if (keyword === 'HEALTHCHECK' && !/^(NONE|CMD\s+\S[\s\S]*)$/i.test(rest.trim()))
        throw new DockerfileError(`line ${line}: HEALTHCHECK takes NONE or CMD <command>, got ${rest}`);
      stages[stages.length - 1].instructions.push({ keyword, args: rest, flags, line });
    }
  }
  if (stages.length === 0) throw new DockerfileError('no FROM: a Dockerfile needs at least one build stage');
  return { args, stages };
}

/** The last stage: what `docker build` produces without --target. */
export const finalStage = (dockerfile: Dockerfile): Stage => dockerfile.stages[dockerfile.stages.length - 1];

/** A stage's instructions with that keyword, in order. */
export const instructionsOf = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.keyword === keyword);

/**
 * A CMD's (or ENTRYPOINT's, or HEALTHCHECK CMD's) command as the argument vector Docker executes:
 * the exec form's JSON array as written, the shell form as `/bin/sh -c <text>`.
 */
export function commandOf(text: string, line: number): string[] {
  if (!text.trimStart().startsWith('[')) return ['/bin/sh', '-c', text];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DockerfileError(`line ${line}: the command looks like an exec-form JSON array but is not valid JSON: ${text}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((part) => typeof part === 'string'))
    throw new DockerfileError(`line ${line}: an exec-form command must be a non-empty array of strings: ${text}`);
  return parsed as string[];
}

/** The environment a stage's ENV instructions leave (a stage built FROM an earlier stage starts with that one's). */
export function stageEnvironment(dockerfile: Dockerfile, stage: Stage): Record<string, string> {
  const parent = dockerfile.stages.find((other) => other.name !== undefined && other.name === stage.from && other !== stage);
  const env: Record<string, string> = parent ? stageEnvironment(dockerfile, parent) : {};
  for (const { args, line } of instructionsOf(stage, 'ENV')) {
    const parts = words(args);
    if (parts.length >= 2 && !parts[0].includes('=')) {
      env[parts[0]] = args.slice(args.indexOf(parts[0]) + parts[0].length).trim();
      continue;
    }
    for (const part of parts) {
      const equals = part.indexOf('=');
      if (equals <= 0) throw new DockerfileError(`line ${line}: ENV expects NAME=value pairs, got ${part}`);
      env[part.slice(0, equals)] = substitute(part.slice(equals + 1), env, line);
    }
  }
  return env;
}

/** The working directory a stage ends in (relative WORKDIRs resolve against the previous one; `/` by default). */
export function stageWorkdir(stage: Stage): string {
  return instructionsOf(stage, 'WORKDIR').reduce((dir, { args }) => {
    const next = args.trim();
    return next.startsWith('/') ? next : `${dir.replace(/\/$/, '')}/${next}`;
  }, '/');
}

/** The user a stage's process runs as (its last USER; root when there is none). */
export const stageUser = (stage: Stage): string => instructionsOf(stage, 'USER').at(-1)?.args.trim() ?? 'root';

/** The stage's HEALTHCHECK: its flags and command, or undefined when there is none or it is NONE. */
export function stageHealthcheck(stage: Stage): { flags: Record<string, string>; command: string[] } | undefined {
  const check = instructionsOf(stage, 'HEALTHCHECK').at(-1);
  if (!check || /^NONE$/i.test(check.args.trim())) return undefined;
  const match = /^CMD\s+([\s\S]+)$/i.exec(check.args.trim());
  if (!match) throw new DockerfileError(`line ${check.line}: HEALTHCHECK takes NONE or CMD <command>, got ${check.args}`);
  return { flags: check.flags, command: commandOf(match[1], check.line) };
}
