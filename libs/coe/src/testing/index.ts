export * from './coe-fixtures';
export * from './coe-life-script';
export * from './coe-v2-life-script';
/** Version 2 command builders and histories (`v2.history.network()`, `v2.launch(...)`, ...). */
export * as v2 from './coe-v2-fixtures';
export * from './coe-v2-recorded-steps';
export { PORTFOLIO as COE_V2_PORTFOLIO, SITTINGS as COE_V2_SITTINGS, type Sitting as CoeV2Sitting } from './coe-v2-portfolio';
