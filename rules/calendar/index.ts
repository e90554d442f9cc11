export * from './types';
export * from './cn-2026';
export * from './calendar';
