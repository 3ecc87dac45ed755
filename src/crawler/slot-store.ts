import { GrowableInt32 } from './growable.ts';
import type { SlotKind } from './template.ts';

/**
 * The slot values (name, age, city, …) of every ad, interned: names and cities repeat across
 * many ads, so each ad keeps one small number per kind instead of an object of strings.
 */
const KINDS: readonly SlotKind[] = ['name', 'age', 'city', 'price', 'number'];

export class SlotStore {
  private readonly codes = KINDS.map(() => new GrowableInt32());
  private readonly values = new Map<string, number>();

  add(slots: Partial<Record<SlotKind, string>>): void {
    KINDS.forEach((kind, k) => {
      const value = slots[kind];
      if (value === undefined) {
        this.codes[k].push(0);
        return;
      }
      let code = this.values.get(value);
      if (code === undefined) {
        code = this.values.size + 1;
        this.values.set(value, code);
      }
      this.codes[k].push(code);
    });
  }

  /** The kinds whose values differ between two ads (a kind present in only one counts). */
  differing(a: number, b: number): SlotKind[] {
    return KINDS.filter((_, k) => this.codes[k].get(a) !== this.codes[k].get(b));
  }
}
