/** A small Wav dataset for tests and the demo: the example company and one with trade names. */
export const WAV_CSV = `id,kvk,name,trade_names,street,house_number,postcode,city,fined_on,irrevocable_on,article
WAV-1,12345678,De Vries Bouw BV (h.o.d.n. Bouwbedrijf De Vries),,Dorpsstraat,12,1234 AB,Utrecht,2026-01-10,2026-03-01,art. 2 Wav
WAV-2,23456789,Schoonmaakbedrijf Jansen V.O.F.,Jansen Clean|JC Services,Kerkweg,3,3511AA,Utrecht,2025-11-10,2026-02-01,art. 2 Wav
`;

/** The header of an FIU batch (src/feeds/fiu.ts FIU_COLUMNS). */
export const FIU_HEADER =
  'reference,date,kind,amount,currency,description,place,ordering_name,ordering_iban,ordering_birth_date,ordering_kvk,beneficiary_name,beneficiary_iban,beneficiary_birth_date,beneficiary_kvk,institution_category,fiu_indicators';

/**
 * A small FIU batch for tests and the demo: wages of several workers from three employers land in Marius
 * Ionescu's account, which also pays rent and a bus trip for others; Dana Petrova's account pays for ads and
 * receives cash in three cities; one ordinary payment that no indicator touches.
 */
export const FIU_CSV = `${FIU_HEADER}
T-01,2026-10-02,transfer,1450.00,EUR,Loon week 39 A. Popescu,,Agro Flex BV,NL20INGB0001234567,,34123456,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,bank,MH-loon
T-02,2026-10-02,transfer,1380.00,EUR,Loon week 39 V. Marin,,Agro Flex BV,NL20INGB0001234567,,34123456,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,bank,MH-loon
T-03,2026-10-09,transfer,1510.00,EUR,Salaris week 40 I. Dumitru,,Kas Tomaat BV,NL44RABO0123456789,,34234567,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,bank,MH-loon
T-04,2026-10-16,transfer,1420.00,EUR,Loon week 41 G. Stan,,Flex Uitzend BV,NL36INGB0007654321,,34345678,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,bank,MH-loon
T-05,2026-10-16,transfer,1395.50,EUR,Loon week 41 A. Popescu,,Agro Flex BV,NL20INGB0001234567,,34123456,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,bank,MH-loon
T-06,2026-10-03,transfer,2400.00,EUR,Huur kamers Naaldwijk oktober,,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,Verhuur Westland BV,NL12ABNA0123123123,,34456789,bank,
T-07,2026-10-17,transfer,2400.00,EUR,Huur kamers Naaldwijk november,,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,Verhuur Westland BV,NL12ABNA0123123123,,34456789,bank,
T-08,2026-10-20,transfer,640.00,EUR,Busreis 4 personen Constanta,,Marius Ionescu,NL91ABNA0417164300,1985-04-12,,Transbus SRL,RO76RNCB0082004530120001,,,payment_institution,
T-09,2026-10-05,card_payment,95.00,EUR,Advertentie kinky.nl 7 dagen,,Dana Petrova,NL93RABO0987654321,1990-02-02,,Advertentiesite BV,NL63TRIO0212345678,,34567890,payment_institution,MH-advertentie
T-10,2026-10-12,card_payment,95.00,EUR,Advertentie kinky.nl 7 dagen,,Dana Petrova,NL93RABO0987654321,1990-02-02,,Advertentiesite BV,NL63TRIO0212345678,,34567890,payment_institution,MH-advertentie
T-11,2026-10-06,cash_deposit,900.00,EUR,,Den Haag,,,,,Dana Petrova,NL93RABO0987654321,1990-02-02,,bank,MH-contant
T-12,2026-10-08,cash_deposit,1100.00,EUR,,Utrecht,,,,,Dana Petrova,NL93RABO0987654321,1990-02-02,,bank,MH-contant
T-13,2026-10-11,cash_deposit,750.00,EUR,,Eindhoven,,,,,Dana Petrova,NL93RABO0987654321,1990-02-02,,bank,MH-contant
T-14,2026-10-07,transfer,54.20,EUR,Boodschappen,,Jan Jansen,NL94INGB0005555555,1970-01-01,,Supermarkt Centrum BV,NL38ABNA0999888777,,34678901,bank,
`;
