// Streams folded for the read models that need a whole instance's state (the COE overview, the deadlines): the folded
// state before an event (cached, read back on a miss), a from-zero rebuild that folds in a worker thread, the facts
// as corrected, and the envelope fields every read model reads.
export * from './event-fields';
export * from './corrected-events';
export * from './stream-folds';
export * from './worker/fold-registry';
export * from './worker/module-worker';
export * from './worker/worker-fold-rebuild';
export * from './shared-stream-fold';
export * from './worker/follow-worker-fold';
