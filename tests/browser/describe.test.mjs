// End-to-end test of the paragraph box of the symptom checker (/check?d=):
// a person's own words read into findings, conditions from the site's own
// articles explained finding by finding, and triage shown first (issue 12).
// Uses the bundled sample articles (content/) and no HPO data: the
// description checker needs none.
//
// Environment: as article.test.mjs. Screenshots: describe-cold.png,
// describe-tired.png, describe-emergency-phone.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, PHONE, SCREENSHOT_DIR,
  CONTENT_DIR, browserSuite, runCli, watchPage, expectVisible, squash, submitAndWait,
} from './support.mjs';

// The bundled articles always (with a seed too): the common cold is one.
async function prepareDb(db) {
  await runCli(['import', 'markdown', CONTENT_DIR, '--db', db]);
}

async function describeAndWait(page, baseUrl, text) {
  await page.goto(`${baseUrl}/check`);
  await page.getByLabel(/What you feel/).fill(text);
  await submitAndWait(page, page.getByRole('button', { name: 'Read my description' }), '/check',
    'reading the description');
}

describe('symptom checker: a description in your own words', () => {
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-describe-',
    prepareDb,
    announce: (baseUrl) => console.log(`# description checker at ${baseUrl}/check over ${CONTENT_DIR}`),
  });

  test('a sore throat and runny nose: the common cold, explained, no emergency', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      await describeAndWait(page, suite.baseUrl, 'sore throat, runny nose');
      const triage = page.locator('.triage');
      await expectVisible(triage, 'the triage box');
      assert.notEqual(await triage.getAttribute('data-triage'), 'emergency');
      const results = page.locator('.described-conditions .condition-result');
      await expectVisible(results.first(), 'the conditions');
      const names = (await results.locator('h3').allTextContents()).map(squash);
      assert.ok(names.slice(0, 3).some((n) => /^Common cold/.test(n)), `common cold in the top 3: ${names}`);
      const cold = results.filter({ hasText: 'Common cold' }).first();
      assert.match(squash(await cold.locator('.explain').textContent()), /runny nose/);
      await expectVisible(cold.getByRole('link', { name: /common cold/i }).first(), 'a link to its article');
      // Triage comes before the list.
      const t = await triage.boundingBox();
      const l = await page.locator('.described-conditions').boundingBox();
      assert.ok(t && l && t.y < l.y, 'triage first');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'describe-cold.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('tired all the time and sad: common conditions, read back, not an emergency', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      await describeAndWait(page, suite.baseUrl, 'I feel tired all the time and sad');
      await expectVisible(page.getByRole('heading', { name: 'How we read your description' }), 'the reading');
      const triage = page.locator('.triage');
      await expectVisible(triage, 'the triage box');
      assert.notEqual(await triage.getAttribute('data-triage'), 'emergency');
      assert.match(squash(await triage.textContent()), /doctor|home/i);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'describe-tired.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('chest pain with sweating is an emergency, shown first, without JavaScript', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      await describeAndWait(page, suite.baseUrl, 'I have had crushing chest pain for an hour and I am sweating. No fever.');
      const alert = page.getByRole('alert');
      await expectVisible(alert, 'the emergency triage');
      assert.equal(await alert.getAttribute('data-triage'), 'emergency');
      assert.match(squash(await alert.textContent()), /Get emergency care now/);
      const a = await alert.boundingBox();
      const l = await page.locator('.described-conditions').boundingBox();
      assert.ok(a && l && a.y < l.y, 'the emergency comes before the list');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'describe-emergency-phone.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
