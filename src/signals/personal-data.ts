import type { PersonalData } from '../capability.ts';
import { erasePersons, restrictPersons } from './privacy/erase.ts';
import { findPersons } from './privacy/find.ts';
import { loadOwnPersons } from './privacy/persons.ts';
import { rectifyPerson } from './privacy/rectify.ts';
import { reportPersons } from './privacy/report.ts';
import { retentionMonths, runSignalRetention } from './privacy/retention.ts';

/**
 * Signals' persons (`signal_persons`, with their lookup identifiers in `signal_identifiers`) under the
 * data-subject rights and the retention period. src/privacy reaches them only through this object, which
 * the signals manifest names (`personalData`); the record an inzage or a search names is the signal.
 */
export const signalPersonalData: PersonalData = {
  find: findPersons,
  held: async (tx, ids) => (await loadOwnPersons(tx, ids)).map((person) => person.id),
  report: reportPersons,
  restrict: restrictPersons,
  erase: erasePersons,
  rectify: rectifyPerson,
  retention: async (store, { now, months }) => {
    const { signals } = await runSignalRetention(store, { months: months ?? retentionMonths(), now });
    return { records: signals };
  },
};
