import type { SignalSubmission } from './schema.ts';

/** A complete, valid submission used by tests and benchmarks; callers copy and change it. */
export function exampleSubmission(): SignalSubmission {
  return {
    channel: 'api',
    externalReference: 'ZAAK-2024-0012',
    receivedAt: '2024-06-14T09:30:00+02:00',
    observedAt: '2024-06-12',
    forms: ['labour'],
    indicators: [
      { code: 'ilo.excessive_overtime', remark: 'Werkt 14 uur per dag' },
      { code: 'ilo.retention_of_documents' },
      { code: 'ilo.withholding_of_wages' },
      { code: 'om.1a.sleeps_at_workplace' },
    ],
    narrative:
      'Medewerkers slapen in de loods achter het bedrijf; paspoorten liggen bij de uitzendbemiddelaar.',
    location: {
      municipality: 'GM0363',
      street: 'Havenstraat',
      houseNumber: '12',
      postcode: '1011ab',
      city: 'Amsterdam',
    },
    persons: [
      {
        role: 'possible_victim',
        givenNames: 'Ştefan',
        surname: 'Popescu',
        dateOfBirth: '2007-09-01',
        gender: 'male',
        nationality: 'ro',
        phones: ['06-12345678'],
      },
      {
        role: 'possible_suspect',
        givenNames: 'Jan',
        prefix: 'van der',
        surname: 'Berg',
        dateOfBirth: '03-02-1990',
        phones: ['+31 6 8765 4321'],
        emails: ['J.vdBerg@Example.nl'],
        bsn: '123456782',
      },
    ],
    companies: [{ name: 'Uitzendbureau Snel BV', kvk: '69241234' }],
    vehicles: [{ plate: '12abc3' }],
    urls: ['www.example.nl/vacature?utm_source=fb'],
    handles: [{ platform: 'telegram', handle: '@SnelWerk' }],
  };
}
