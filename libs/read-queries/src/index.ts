// The queries the API answers from the read database (pages, filters, CSV).
export * from './bcn-exchange-queries';
export * from './bcn-statistics-queries';
export * from './coe-overview-queries';
export * from './coe-record-queries';
export * from './csv';
export * from './deadline-queries';
export * from './list-order';
export * from './page';
