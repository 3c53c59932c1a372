export * from './errors.js';
export * from './messages.js';
export * from './model-ref.js';
export * from './generation.js';
export * from './outcome.js';
export * from './suite.js';
