export * from './merkle-hash';
export * from './merkle-size';
export * from './merkle-root';
export * from './merkle-frontier';
export * from './merkle-proofs';
export * from './merkle-verify';
