/**
 * What a terminal must not be handed raw: C0 control characters (ESC starts the sequences that
 * clear a screen or retitle a window, BEL rings, NUL, CR overwrites a line), DEL, C1 control
 * characters (U+009B is a one-character CSI to some terminals) and UTF-16 surrogates without their
 * pair (no character at all: written as U+FFFD, they would hide what is stored).
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it finds
const UNSAFE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text read from the log as a terminal may show it: every unsafe character (see UNSAFE) written
 * visibly as its JavaScript escape (`\u001b`); with `lines`, tab, newline and CR LF stay as they
 * are (a multi-line text printed as such; a CR alone, which rewrites the line, does not). Used by every text printer of the audit (the timeline, the
 * divergences, the CLI's output), so nothing stored in the log drives the auditor's terminal.
 * JSON printed with it stays valid JSON of the same value.
 */
export function terminalSafe(text: string, lines = false): string {
  return text.replace(UNSAFE, (c: string, at: number) =>
    lines && (c === '\n' || c === '\t' || (c === '\r' && text[at + 1] === '\n')) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
