/** A small Wav dataset for tests and the demo: the example company and one with trade names. */
export const WAV_CSV = `id,kvk,name,trade_names,street,house_number,postcode,city,fined_on,irrevocable_on,article
WAV-1,12345678,De Vries Bouw BV (h.o.d.n. Bouwbedrijf De Vries),,Dorpsstraat,12,1234 AB,Utrecht,2026-01-10,2026-03-01,art. 2 Wav
WAV-2,23456789,Schoonmaakbedrijf Jansen V.O.F.,Jansen Clean|JC Services,Kerkweg,3,3511AA,Utrecht,2025-11-10,2026-02-01,art. 2 Wav
`;
