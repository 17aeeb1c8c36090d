// End-to-end test of the symptom checker page (/check) in a real headless
// Chromium: with JavaScript (autocomplete from /api/v1/symptoms/suggest) and
// without it (a plain GET form), how each phrase was read, removing a
// symptom, the ranked and explained list, and the emergency notice for a
// red-flag finding.
//
// The database gets the project's own checker fixture
// (tests/fixtures/checker_web: a few HPO terms, invented diseases), so this
// needs no ../shared.
//
// Environment: as article.test.mjs (SYMPTOMDB_BIN, SCREENSHOT_DIR, SEED,
// CONTENT_DIR, CHROMIUM_BIN). Screenshots: check-suggest.png,
// check-results.png, check-emergency-phone.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, PHONE, SCREENSHOT_DIR,
  browserSuite, contentSource, importSeed, runCli, watchPage, expectVisible, squash, submitAndWait,
} from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, '..', 'fixtures', 'checker_web');

async function prepareDb(db) {
  await importSeed(db);
  await runCli(['import', 'hpo', path.join(FIXTURE, 'hp.obo'), '--db', db]);
  await runCli(['import', 'hpoa', path.join(FIXTURE, 'phenotype.hpoa'), '--db', db]);
}

const chips = (page) => page.locator('.readings .chip');

describe('symptom checker page', () => {
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-check-',
    prepareDb,
    announce: (baseUrl) => console.log(`# checker at ${baseUrl}/check over ${contentSource()}`),
  });

  test('autocomplete, reading, ranking and removing with JavaScript', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      await page.goto(`${suite.baseUrl}/check`);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Symptom checker' }), 'the page heading');
      const box = page.getByLabel(/Your symptoms/);
      // Suggestions arrive for the phrase after the last comma.
      const suggested = page.waitForResponse((r) => r.url().includes('/api/v1/symptoms/suggest'));
      await box.pressSequentially('muscle wa', { delay: 20 });
      assert.equal((await suggested).status(), 200);
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('#symptom-suggestions option')).some((o) => o.value === 'Muscle wasting'));
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'check-suggest.png') });

      await box.fill('muscle wasting, muscle twitch');
      await submitAndWait(page, page.getByRole('button', { name: 'Check' }), '/check', 'checking symptoms');
      await expectVisible(page.getByRole('heading', { name: 'How we read your symptoms' }), 'the readings');
      assert.deepEqual((await chips(page).locator('strong').allTextContents()),
        ['Skeletal muscle atrophy', 'Fasciculations']);
      assert.match(squash(await chips(page).first().textContent()), /“muscle wasting”/);

      const results = page.locator('.condition-result');
      await expectVisible(results.first(), 'the ranked conditions');
      assert.match(squash(await results.first().locator('h3').textContent()), /^Example wasting disorder/);
      // Each condition explains itself term by term, with its sources.
      assert.match(squash(await results.first().locator('.explain').textContent()),
        /listed for this condition as Skeletal muscle atrophy/);
      assert.ok(await results.first().getByRole('link', { name: /HPO annotations/ }).count() === 1);
      await expectVisible(page.locator('.ranked .notice-inline'), 'the notice above the list');
      assert.match(await page.locator('.ranked .notice-inline').textContent(), /^Not a diagnosis/);
      await expectVisible(page.getByText(/HPO Consortium/), 'the HPO attribution');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'check-results.png'), fullPage: true });

      // Removing a symptom keeps the other one.
      await submitAndWait(page, page.getByRole('link', { name: 'Remove Fasciculations' }), '/check', 'removing a symptom');
      assert.deepEqual((await chips(page).locator('strong').allTextContents()), ['Skeletal muscle atrophy']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a red flag shows the emergency notice first, without JavaScript', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      await page.goto(`${suite.baseUrl}/check`);
      await page.getByLabel(/Your symptoms/).fill('chest pain, headache');
      await submitAndWait(page, page.getByRole('button', { name: 'Check' }), '/check', 'checking symptoms');
      const alert = page.getByRole('alert');
      await expectVisible(alert, 'the emergency notice');
      assert.match(squash(await alert.textContent()), /This may be an emergency/);
      const alertBox = await alert.boundingBox();
      const listBox = await page.locator('.ranked').boundingBox();
      assert.ok(alertBox && listBox && alertBox.y < listBox.y, 'the notice comes before the list');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'check-emergency-phone.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
