import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { EXPLOITATION_FORMS, FORM_CODES, isFormCode } from './forms.ts';
import { findIndicator, INDICATOR_GROUPS, INDICATORS, indicatorReasonForm } from './indicators.ts';
import { findMunicipality, MUNICIPALITIES } from './municipalities.ts';
import { POLICE_UNITS } from './police-units.ts';
import { RIEC_REGIONS } from './riec-regions.ts';

describe('reference data', () => {
  it('has every form of exploitation once with both labels', () => {
    assert.deepEqual(
      EXPLOITATION_FORMS.map((form) => form.code),
      [...FORM_CODES],
    );
    for (const form of EXPLOITATION_FORMS) assert.ok(form.label.nl && form.label.en);
    assert.ok(isFormCode('labour'));
    assert.ok(!isFormCode('begging'));
  });

  it('has unique indicator codes, each in a known group, with labels and forms', () => {
    const codes = INDICATORS.map((indicator) => indicator.code);
    assert.equal(new Set(codes).size, codes.length);
    const groups = new Set(INDICATOR_GROUPS.map((group) => group.code));
    for (const indicator of INDICATORS) {
      assert.ok(groups.has(indicator.group), indicator.code);
      assert.match(indicator.code, /^(om\.(1a|1b|2a|2b|2c|3|4|5)|ilo|web)\.[a-z0-9_]+$/);
      assert.ok(indicator.label.nl && indicator.label.en, indicator.code);
      assert.ok(indicator.forms.length > 0 && indicator.forms.every(isFormCode), indicator.code);
    }
    for (const group of groups)
      assert.ok(
        INDICATORS.some((indicator) => indicator.group === group),
        group,
      );
  });

  it('has the 11 ILO indicators of forced labour, all counting as labour indicators', () => {
    const ilo = INDICATORS.filter((indicator) => indicator.group === 'ilo');
    assert.equal(ilo.length, 11);
    for (const indicator of ilo) assert.equal(indicatorReasonForm(indicator), 'labour');
    assert.equal(indicatorReasonForm(findIndicator('om.1a.fear')!), 'unknown');
    assert.equal(findIndicator('om.4.organ_removal')?.forms[0], 'organ_removal');
  });

  it('holds every municipality of the shared reference list', () => {
    const rows: { cbs_code: string; name: string }[] = parse(
      readFileSync('test/data/reference/municipalities.csv'),
      { columns: true },
    );
    assert.equal(MUNICIPALITIES.length, rows.length);
    for (const row of rows) assert.equal(findMunicipality(row.cbs_code)?.name, row.name);
    assert.equal(findMunicipality('gm0363')?.name, 'Amsterdam');
  });

  it('has 10 regional police units with an AVIM plus the national unit, and 10 RIECs plus the LIEC', () => {
    assert.equal(POLICE_UNITS.filter((unit) => !unit.national && unit.avim).length, 10);
    assert.equal(POLICE_UNITS.filter((unit) => unit.national).length, 1);
    assert.equal(RIEC_REGIONS.filter((region) => !region.national).length, 10);
    assert.equal(new Set(RIEC_REGIONS.map((region) => region.code)).size, RIEC_REGIONS.length);
  });
});
