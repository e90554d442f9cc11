export * from './types';
export * from './official';
export * from './calendar';
