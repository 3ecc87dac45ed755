/**
 * The Dutch victim lists 2010–2015 (I Inspectie SZW, K KMar, O shelters, P police, R care coordinators, Z others;
 * 8,234 persons) as used for the UNODC / National Rapporteur estimate: the same table as
 * test/data/mse/netherlands_2010_2015_6lists.csv (sources in test/data/README.md), inlined for the tests of
 * the estimate page's candidate models (issue 19), which quote its stepwise path.
 */
export const NL6_TABLE = `I,K,O,P,R,Z,count
1,0,1,1,0,0,4
1,0,1,0,0,0,1
1,0,0,1,0,1,4
1,0,0,1,0,0,18
1,0,0,0,1,0,3
1,0,0,0,0,1,16
1,0,0,0,0,0,352
0,1,1,0,0,0,1
0,1,0,1,0,0,44
0,1,0,0,0,1,4
0,1,0,0,0,0,1299
0,0,1,1,1,0,2
0,0,1,1,0,1,7
0,0,1,1,0,0,59
0,0,1,0,1,0,2
0,0,1,0,0,1,57
0,0,1,0,0,0,403
0,0,0,1,1,1,1
0,0,0,1,1,0,82
0,0,0,1,0,1,125
0,0,0,1,0,0,4466
0,0,0,0,1,1,2
0,0,0,0,1,0,650
0,0,0,0,0,1,632
`;
