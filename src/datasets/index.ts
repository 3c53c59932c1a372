/** The dataset importers: one line per format. */
import { UsageError } from '../core/errors.js';
import type { DatasetImporter } from './importer.js';
import { harmbenchImporter } from './harmbench/index.js';
import { simpleqaImporter } from './simpleqa/index.js';
import { strongrejectImporter } from './strongreject/index.js';
import { sycophancyEvalImporter } from './sycophancy-eval/index.js';

const IMPORTERS: Record<string, DatasetImporter> = {
  simpleqa: simpleqaImporter,
  strongreject: strongrejectImporter,
  harmbench: harmbenchImporter,
  'sycophancy-eval': sycophancyEvalImporter,
};

export const DATASET_FORMATS = Object.keys(IMPORTERS);

export function datasetImporter(format: string): DatasetImporter {
  const importer = IMPORTERS[format];
  if (!importer) throw new UsageError(`unknown dataset format "${format}": use one of ${DATASET_FORMATS.join(', ')}`);
  return importer;
}

export function allImporters(): DatasetImporter[] {
  return Object.values(IMPORTERS);
}
