/** Pure building blocks of the transparency log (issue #21): signed notes, keys, checkpoints. */
export * from './note-text';
export * from './note-keys';
export * from './signed-note';
export * from './checkpoint';
