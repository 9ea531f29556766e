export { describeEventStoreConformance, type ConformanceHarness } from './conformance';
export { startEsdbWireServer, type EsdbWireServer } from './esdb-wire-server';
