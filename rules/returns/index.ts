export * from './policy';
export * from './rules';
export * from './types';
export * from './evaluate';
export * from './return-rate';
