export * from './types';
export * from './official';
export * from './calendar';
export * from './next-year';
