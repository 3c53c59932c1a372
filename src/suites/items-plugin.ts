/**
 * A plug-in whose items can be swapped: `load` builds the suite on its own items, `withItems` on
 * a folder's (an imported dataset, a lab's own items, through `base: NAME`), checked by the
 * suite's `fromRecords`; the solver, scorers and measures stay the same.
 */
import type { SuiteMeasures } from '../core/measures.js';
import type { Suite } from '../core/suite.js';
import type { ItemRecord, SuiteLoadOptions, SuitePlugin } from './plugin.js';

export interface ItemsPluginSpec<I> {
  name: string;
  description: string;
  measures: SuiteMeasures;
  reviewGuide?: SuitePlugin['reviewGuide'];
  /** The suite's own items and their raw text (hashed into the version). */
  own(): { items: I[]; raw: string };
  fromRecords(records: readonly ItemRecord[], file: string): { items: I[]; raw: string };
  build(name: string, description: string, items: I[], raw: string, opts: SuiteLoadOptions): Suite;
}

export function itemsPlugin<I>(spec: ItemsPluginSpec<I>): SuitePlugin {
  const plugin: SuitePlugin = {
    name: spec.name,
    description: spec.description,
    measures: spec.measures,
    ...(spec.reviewGuide ? { reviewGuide: spec.reviewGuide } : {}),
    load(opts) {
      const { items, raw } = spec.own();
      return spec.build(spec.name, spec.description, items, raw, opts);
    },
    withItems(records, meta) {
      const { items, raw } = spec.fromRecords(records, meta.file);
      return { ...plugin, name: meta.name, description: meta.description, load: (opts) => spec.build(meta.name, meta.description, items, raw, opts) };
    },
  };
  return plugin;
}
