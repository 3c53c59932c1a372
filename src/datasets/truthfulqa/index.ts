export { truthfulqaImporter } from './generation.js';
export { truthfulqaBinaryImporter } from './binary-choice.js';
