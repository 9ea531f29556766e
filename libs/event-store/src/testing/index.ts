export { describeEventStoreConformance, type ConformanceHarness } from './conformance';
