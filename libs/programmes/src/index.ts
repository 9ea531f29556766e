export * from './programmes';
export * from './privacy-definition';
