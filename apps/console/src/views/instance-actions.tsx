import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState } from 'react';
import { useSession } from '../api';
import { readable } from '../forms/form-values';
import { commandNote } from '../forms/notes';
import { commandsOf, offeredCommands, type CommandOperation } from '../forms/openapi';
import { readAgain, useOpenApi } from '../forms/use-openapi';
import { Loaded } from '../query';

/** The forms load when one is opened, not with the console's first page. */
const CommandForm = lazy(() => import('./command-form'));

/** The programmes the console drives: their collections in the API. */
export type Programme = 'coe' | 'bcn';

export const COLLECTIONS: Readonly<Record<Programme, string>> = { coe: 'coes', bcn: 'bcn-exchanges' };
export const NOUNS: Readonly<Record<Programme, string>> = { coe: 'COE', bcn: 'BCN exchange' };

/** The roles that issue commands from the console; the others read what is allowed, in words. */
const ACTORS = new Set(['assessor', 'admin']);

/** An event type in words: `AssessmentRecorded` → "Assessment recorded". */
export const eventInWords = (type: string): string => readable(type);

interface Props {
  programme: Programme;
  id: string;
  revision: number;
  allowedEvents: readonly string[];
}

/** What can be done to an instance now (its `allowedEvents`): for an assessor or admin, one action per command allowed now, each a form. */
export function InstanceActions(props: Props) {
  const { role } = useSession();
  return (
    <section aria-labelledby="actions-title" className="instance-actions">
      <h2 id="actions-title" tabIndex={-1}>
        Allowed now
      </h2>
      {props.allowedEvents.length === 0 ? (
        <p>Nothing can happen to this {NOUNS[props.programme]} now.</p>
      ) : ACTORS.has(role) ? (
        <Actions {...props} />
      ) : (
        <EventsInWords allowedEvents={props.allowedEvents} />
      )}
    </section>
  );
}

function EventsInWords({ allowedEvents }: { allowedEvents: readonly string[] }) {
  return (
    <ul>
      {allowedEvents.map((event) => (
        <li key={event}>{eventInWords(event)}</li>
      ))}
    </ul>
  );
}

function Actions({ programme, id, revision, allowedEvents }: Props) {
  const { role } = useSession();
  const openApi = useOpenApi();
  return (
    <Loaded query={openApi}>
      {(document) => {
        const all = commandsOf(document, COLLECTIONS[programme]);
        const offered = offeredCommands(all, allowedEvents, role);
        const others = all.filter((c) => !offered.includes(c) && c.emits.some((e) => allowedEvents.includes(e)));
        return <ActionList programme={programme} id={id} revision={revision} offered={offered} all={all} others={others} />;
      }}
    </Loaded>
  );
}

function ActionList({
  programme,
  id,
  revision,
  offered,
  all,
  others,
}: {
  programme: Programme;
  id: string;
  revision: number;
  offered: CommandOperation[];
  all: CommandOperation[];
  others: CommandOperation[];
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string>();
  const [done, setDone] = useState<string>();
  const listRef = useRef<HTMLUListElement>(null);
  const command = all.find((c) => c.operationId === open);
  const close = () => {
    setOpen(undefined);
    listRef.current?.querySelector('button')?.focus();
  };
  return (
    <>
      <p role="status" className="done">
        {done}
      </p>
      {offered.length === 0 ? (
        <p>Nothing you may do to this {NOUNS[programme]} now.</p>
      ) : (
        <ul className="actions" ref={listRef} aria-label="Actions">
          {offered.map((c) => (
            <li key={c.operationId}>
              <button
                type="button"
                className={open === c.operationId ? '' : 'secondary'}
                aria-expanded={open === c.operationId}
                aria-controls={open === c.operationId ? `form-${c.operationId}--heading` : undefined}
                onClick={() => {
                  setDone(undefined);
                  setOpen(open === c.operationId ? undefined : c.operationId);
                }}
              >
                {c.summary}
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <p className="help">
          Also allowed now, for another role: {others.map((c) => `${c.summary} (${c.roles.filter((r) => r !== 'system').join(' or ')})`).join('; ')}.
        </p>
      )}
      {command && (
        <>
          {!offered.includes(command) && <p className="help">This action is no longer allowed now; what you typed is kept.</p>}
          <Suspense fallback={<p role="status">Loading the form…</p>}>
            <CommandForm
              key={command.operationId}
              command={command}
              id={id}
              revision={revision}
              noun={NOUNS[programme]}
              note={commandNote}
              onReload={() => readAgain(queryClient)}
              onCancel={close}
              onDone={(answer) => {
                setOpen(undefined);
                setDone(`Recorded: ${command.summary}. The ${NOUNS[programme]} is now at revision ${answer.revision}.`);
                document.getElementById('actions-title')?.focus();
              }}
            />
          </Suspense>
        </>
      )}
    </>
  );
}
