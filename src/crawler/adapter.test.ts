import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateAds } from '../../bench/crawler/generator.ts';
import { adPage, syntheticAdapter } from '../../bench/crawler/site.ts';
import { AdapterError, parseAdapter } from './adapter.ts';
import { extractAd, extractListing } from './extract.ts';

test('the synthetic adapter is valid configuration, also as JSON text', () => {
  const adapter = syntheticAdapter('http://127.0.0.1:8080');
  assert.deepEqual(parseAdapter(JSON.stringify(adapter)), adapter);
});

test('a malformed adapter is reported field by field', () => {
  const broken = {
    ...syntheticAdapter('ftp://x'),
    id: 'Bad Id',
    listing: { urlPattern: '(', adLinks: 'a[[' },
    ad: { urlPattern: '^/ad/', fields: { text: '.description' } },
  };
  assert.throws(
    () => parseAdapter(broken),
    (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      const fields = error.problems.map((p) => p.split(':')[0]);
      assert.deepEqual(fields.sort(), [
        'ad.fields.title',
        'baseUrl',
        'id',
        'listing.adLinks',
        'listing.urlPattern',
      ]);
      assert.match(error.message, /listing\.adLinks: not a valid CSS selector/);
      return true;
    },
  );
  assert.throws(() => parseAdapter('{not json'), /not valid JSON/);
});

test('extracts every field of an ad page, phones and e-mails normalised', () => {
  const [ad] = generateAds({ seed: 3, ads: 1, operatorShare: 1 });
  const withEmail = {
    ...ad,
    email: 'Lisa.X@Example.NL',
    handle: 'snap: Lisa_X',
    phoneField: '06 twaalf34 5678',
  };
  const adapter = syntheticAdapter('http://site.test');
  const extracted = extractAd(adPage(withEmail), 'http://site.test/ad/1', adapter);
  assert.equal(extracted.title, ad.title);
  assert.equal(extracted.city, ad.city);
  assert.equal(extracted.postedAt, new Date(ad.postedAt).toISOString());
  assert.equal(extracted.price, ad.price);
  assert.equal(extracted.statedAge, ad.age);
  assert.ok(extracted.phones.some((p) => p.e164 === '+31612345678'));
  assert.deepEqual(extracted.emails, ['lisa.x@example.nl']);
  assert.deepEqual(extracted.handles, ['snapchat:lisa_x']);
  assert.deepEqual(
    extracted.imageUrls,
    ad.images.map((name) => `http://site.test/img/${name}.png`),
  );
});

test('listing links are sorted into ads and listing pages; other hosts are dropped', () => {
  const adapter = syntheticAdapter('http://site.test');
  const html =
    '<a class="ad-link" href="/ad/a1">1</a><a class="ad-link" href="http://other.test/ad/a2">2</a>' +
    '<a class="ad-link" href="/about">x</a><a class="next" href="/ads?page=2">next</a>';
  assert.deepEqual(extractListing(html, 'http://site.test/ads?page=1', adapter), {
    ads: ['http://site.test/ad/a1'],
    listings: ['http://site.test/ads?page=2'],
  });
});
