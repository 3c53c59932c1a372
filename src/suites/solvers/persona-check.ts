import type { Persona } from './persona.js';

/** A persona's fields, each checked as an items file gives them; `bad` records a mistake for a field. */
export function checkPersona(value: unknown, bad: (field: string, message: string) => void): Persona {
  const p = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) bad('persona', 'missing: an object with about, goal, beliefs, plan, stopWhen, opening');
  const text = (k: string) => (typeof p[k] === 'string' && (p[k] as string).trim() ? (p[k] as string) : (bad(`persona.${k}`, 'missing'), ''));
  const list = (k: string) => (Array.isArray(p[k]) && (p[k] as unknown[]).length > 0 && (p[k] as unknown[]).every((x) => typeof x === 'string') ? (p[k] as string[]) : (bad(`persona.${k}`, 'must be a non-empty list of texts'), []));
  return {
    about: text('about'), goal: text('goal'), beliefs: list('beliefs'), plan: list('plan'), stopWhen: text('stopWhen'), opening: text('opening'),
    ...(typeof p.style === 'string' ? { style: p.style } : {}),
  };
}
