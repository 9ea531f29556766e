export * from './coe-fixtures';
export * from './coe-life-script';
export * as v2 from './coe-v2-fixtures';
export { PORTFOLIO as COE_V2_PORTFOLIO, SITTINGS as COE_V2_SITTINGS, type Sitting as CoeV2Sitting } from './coe-v2-portfolio';
