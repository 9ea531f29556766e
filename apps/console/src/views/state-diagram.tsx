import { useId, useMemo } from 'react';
import { useSession } from '../api';
import { Loaded, useRead } from '../query';
import { layoutMachine, stateWords, within, words, type Box, type Machine } from './diagram-layout';
import type { Programme } from './instance-actions';
import './state-diagram.css';

const NAMES: Record<Programme, string> = { coe: 'COE life cycle', bcn: 'BCN exchange life cycle' };

export interface StateDiagramProps {
  readonly programme: Programme;
  /** The definition version the instance runs (its `definitionVersion`); the latest when absent. */
  readonly version?: number;
  /** The instance's state id, e.g. `active.delivery.year1`. */
  readonly state: string;
  /** The events allowed now: their arrows from the current state are highlighted. */
  readonly allowedEvents?: readonly string[];
  /** The heading's text ("State diagram" by default). */
  readonly heading?: string;
  /** The heading's level where the diagram sits in its page's outline (2 by default). */
  readonly headingLevel?: 2 | 3 | 4;
}

/**
 * The programme's state machine (GET /definitions/:programme/:version/machine, cached for good)
 * drawn as an SVG, with `state` marked by a thick outline and the words "current state", and the
 * same machine in words (every transition) for screen readers and anyone who prefers a list.
 */
export function StateDiagram({ programme, version, state, allowedEvents = [], heading = 'State diagram', headingLevel = 2 }: StateDiagramProps) {
  const { api } = useSession();
  const versionKey = version === undefined ? 'latest' : String(version);
  const machine = useRead(['machine', programme, versionKey], () =>
    api.GET('/definitions/{programme}/{version}/machine', { params: { path: { programme, version: versionKey } } }),
  );
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby={headingId} className="state-diagram">
      <Heading id={headingId}>{heading}</Heading>
      <Loaded query={machine}>{(m) => <Drawing machine={m} state={state} allowedEvents={allowedEvents} name={NAMES[programme]} />}</Loaded>
    </section>
  );
}

function Drawing({ machine, state, allowedEvents, name }: { machine: Machine; state: string; allowedEvents: readonly string[]; name: string }) {
  const layout = useMemo(() => layoutMachine(machine, state, allowedEvents), [machine, state, allowedEvents]);
  const id = useId().replace(/:/g, '');
  const title = `${name}, definition version ${machine.version}: the current state is ${stateWords(state)}`;
  const { x, y, width, height } = layout.viewBox;
  return (
    <>
      <p>
        Current state: <strong>{stateWords(state)}</strong>
        {allowedEvents.length > 0 && <> (arrows of the events allowed now are drawn thick and blue)</>}
      </p>
      <div className="scroll diagram-scroll" tabIndex={0} role="region" aria-label="State diagram (scrolls)">
        <svg role="group" aria-labelledby={`${id}-title`} viewBox={`${x} ${y} ${width} ${height}`} width={width} height={height}>
          <title id={`${id}-title`}>{title}</title>
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
            </marker>
            <marker id={`${id}-allowed`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head allowed" />
            </marker>
          </defs>
          {layout.boxes.map((box) => (
            <StateBox key={box.state.id} box={box} current={state} />
          ))}
          <g aria-hidden="true">
            {layout.arrows.map((a) => (
              <path
                key={`${a.from}→${a.to}`}
                d={a.path}
                className={a.allowed ? 'transition allowed' : 'transition'}
                markerEnd={`url(#${id}-${a.allowed ? 'allowed' : 'arrow'})`}
              />
            ))}
            {layout.arrows.map((a) => (
              <text
                key={`${a.from}→${a.to}`}
                x={a.labelAt.x}
                y={a.labelAt.y}
                className={a.allowed ? 'transition-label allowed' : 'transition-label'}
                textAnchor="middle"
              >
                {a.label}
              </text>
            ))}
          </g>
        </svg>
      </div>
      <InWords machine={machine} state={state} allowedEvents={allowedEvents} />
    </>
  );
}

function StateBox({ box, current }: { box: Box; current: string }) {
  const { state, x, y, w, h } = box;
  const compound = state.states.length > 0;
  const marked = state.id === current;
  const holds = compound && within(current, state.id);
  const name = `${stateWords(state.id)}${marked ? ': current state' : holds ? ' (holds the current state)' : ''}${state.type === 'final' ? ' (final)' : ''}`;
  const className = ['state', compound ? 'compound' : 'leaf', marked ? 'current' : '', holds ? 'holds-current' : '', state.type === 'final' ? 'final' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <g role="img" aria-label={name} aria-current={marked ? 'step' : undefined} className={className}>
      <rect x={x} y={y} width={w} height={h} rx={compound ? 6 : 16} />
      {state.type === 'final' && <rect x={x + 4} y={y + 4} width={w - 8} height={h - 8} rx={12} className="final-ring" />}
      <text
        x={compound ? x + 10 : x + w / 2}
        y={compound ? y + 18 : marked ? y + 24 : y + h / 2 + 5}
        textAnchor={compound ? 'start' : 'middle'}
        className="state-name"
      >
        {words(state.key)}
      </text>
      {marked && (
        <text x={x + w / 2} y={y + 44} textAnchor="middle" className="current-words">
          current state
        </text>
      )}
    </g>
  );
}

/** The text alternative: every transition as "from → to on Event", with its rule. */
function InWords({ machine, state, allowedEvents }: { machine: Machine; state: string; allowedEvents: readonly string[] }) {
  return (
    <details className="diagram-words">
      <summary>The diagram in words ({machine.transitions.length} transitions)</summary>
      <p>
        Starts in {machine.initial ? stateWords(machine.initial) : 'its first state'}. Current state: {stateWords(state)}.{' '}
        {allowedEvents.length > 0 ? `Allowed now: ${allowedEvents.join(', ')}.` : 'Nothing is allowed now.'}
      </p>
      <ul>
        {machine.transitions.map((t) => (
          <li key={`${t.from}|${t.to}|${t.event}|${t.guard ?? ''}`}>
            {stateWords(t.from)} → {stateWords(t.to)}
            {t.toPriorState ? ' (the state it was in before)' : ''} on {t.event}
            {t.guard ? ` (rule: ${t.guard})` : ''}
            {within(state, t.from) && allowedEvents.includes(t.event) ? ' (allowed now)' : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
