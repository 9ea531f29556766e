import { useState } from 'react';
import { refusal, useSession } from '../api';
import { Refusal, answerOf, type Problem } from '../query';
import { NOUN, exportInstance, exportStore, type ExportFormat, type Seal, type Target } from './audit-api';

interface BlobReply {
  data?: Blob;
  error?: unknown;
  response: Response;
}

/** Hands `blob` to the browser as a file named `name` (an object URL: the key stays in the request's header, never in an address). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a file the API streamed, under the name its Content-Disposition gives (else `fallback`). */
async function saveReply(reply: Promise<BlobReply>, fallback: string): Promise<string> {
  let settled: BlobReply;
  try {
    settled = await reply;
  } catch {
    throw new Refusal(0, 'The server cannot be reached.');
  }
  const { data, error, response } = settled;
  if (!response.ok || data === undefined) {
    const problem = typeof error === 'object' && error !== null ? (error as Problem) : undefined;
    throw new Refusal(response.status, refusal(response.status, problem?.detail), problem);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  save(data, name);
  return name;
}

/** A button that fetches a file (with the key) and saves it; says what it saved, or why not. */
function DownloadButton({ label, fetchFile }: { label: string; fetchFile: () => Promise<string> }) {
  const [state, setState] = useState<{ busy: boolean; saved?: string; error?: string }>({ busy: false });
  const run = () => {
    setState({ busy: true });
    fetchFile().then(
      (saved) => setState({ busy: false, saved }),
      (error: unknown) => setState({ busy: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <li>
      <button type="button" onClick={run} disabled={state.busy} aria-busy={state.busy}>
        {label}
      </button>
      <span aria-live="polite">
        {state.busy && ' Preparing the file…'}
        {state.saved && ` Saved as ${state.saved}.`}
      </span>
      {state.error && <span role="alert"> {state.error}</span>}
    </li>
  );
}

/** The seal (GET /audit/seal) as a JSON file to file outside the system; its digest shown too. */
function SealButton() {
  const { api } = useSession();
  const [seal, setSeal] = useState<Seal>();
  const fetchSeal = async () => {
    const taken = await answerOf(api.GET('/audit/seal'));
    setSeal(taken);
    const name = `seal-${taken.sealedAt.replace(/[:.]/g, '-')}.json`;
    save(new Blob([`${JSON.stringify(taken, null, 2)}\n`], { type: 'application/json' }), name);
    return name;
  };
  return (
    <>
      <DownloadButton label="Download the seal (JSON)" fetchFile={fetchSeal} />
      {seal && (
        <li className="audit-seal">
          Seal taken at {seal.sealedAt} over {seal.streams} streams and {seal.events} events; digest <code>{seal.digest}</code>. File it outside the system: a
          later verify with this digest proves nothing was appended or removed since.
        </li>
      )}
    </>
  );
}

const FORMATS: readonly [ExportFormat, string][] = [
  ['jsonl', 'JSON Lines'],
  ['csv', 'CSV'],
];

export function StoreDownloads() {
  const { api } = useSession();
  return (
    <ul className="audit-downloads">
      <SealButton />
      {FORMATS.map(([format, name]) => (
        <DownloadButton key={format} label={`Export the whole store (${name})`} fetchFile={() => saveReply(exportStore(api, format), `events.${format}`)} />
      ))}
    </ul>
  );
}

export function InstanceDownloads({ target }: { target: Target }) {
  const { api } = useSession();
  return (
    <ul className="audit-downloads">
      {FORMATS.map(([format, name]) => (
        <DownloadButton
          key={format}
          label={`Export this ${NOUN[target.programme]} (${name})`}
          fetchFile={() => saveReply(exportInstance(api, target, format), `${target.id}.${format}`)}
        />
      ))}
    </ul>
  );
}
