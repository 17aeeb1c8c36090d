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
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  TEST_TIMEOUT_MS, STEP_TIMEOUT_MS, DESKTOP, PHONE, SCREENSHOT_DIR,
  CONTENT_DIR, BIN, browserSuite, runCli, watchPage, expectVisible, squash, submitAndWait,
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

  test('a headache: the article about the symptom itself is linked beside its causes', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      await describeAndWait(page, suite.baseUrl, 'I have a headache');
      const about = page.locator('.about-symptoms');
      await expectVisible(about.getByRole('heading', { name: 'About your symptoms' }), 'the symptom articles');
      const link = about.getByRole('link', { name: 'Headache' });
      await expectVisible(link, 'a link to the headache article');
      assert.equal(await link.getAttribute('href'), '/articles/headache');
      await link.click();
      await page.waitForURL(/\/articles\/headache$/);
      await expectVisible(page.getByRole('heading', { level: 1 }), 'the article');
      assert.match(squash(await page.getByRole('heading', { level: 1 }).textContent()), /headache/i);
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

  // The health-history box: what the person says of their history meets the
  // bundled asthma article's causes ("Tobacco smoke ... can irritate
  // sensitive airways"), said in its own line, and the box keeps the text.
  test('a history the article names as a cause is explained in its own line', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      await page.goto(`${suite.baseUrl}/check`);
      await page.getByLabel(/What you feel/).fill('I am wheezing, with a tight chest and a cough at night.');
      await page.getByLabel(/Your health history/).fill('Exposed to tobacco smoke at work.');
      await submitAndWait(page, page.getByRole('button', { name: 'Read my description' }), '/check',
        'reading the description with a history');
      const asthma = page.locator('.described-conditions .condition-result').filter({ hasText: 'Asthma' }).first();
      await expectVisible(asthma, 'asthma among the conditions');
      const line = asthma.locator('.explain li.overall').filter({ hasText: 'in your history' });
      await expectVisible(line, 'the history line');
      assert.match(squash(await line.textContent()), /tobacco smoke at work.*Tobacco smoke/i);
      assert.equal(await page.getByLabel(/Your health history/).inputValue(), 'Exposed to tobacco smoke at work.');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

// The issue's own examples over the whole knowledge base the site serves:
// MedQuAD, the bundled articles and the seed. Each checks what the page
// shows: the triage level first, each suggestion explained finding by
// finding with the findings the page says it read, and a link to an article
// that opens.
const here = path.dirname(fileURLToPath(import.meta.url));
const MEDQUAD = path.resolve(process.env.MEDQUAD_DIR ||
  path.join(here, '..', '..', '..', 'shared', 'data', 'medquad'));

describe('symptom checker over MedQuAD: the issue\'s examples', { timeout: 10 * TEST_TIMEOUT_MS }, () => {
  if (!existsSync(path.join(MEDQUAD, 'readme.txt'))) {
    test('MedQuAD examples', { skip: `MedQuAD is not at ${MEDQUAD} (../shared/data/medquad): skipped` }, () => {});
    return;
  }
  const suite = browserSuite({
    tmpPrefix: 'symptomdb-browser-describe-medquad-',
    prepareDb: async (db) => {
      await runCli(['import', 'markdown', CONTENT_DIR, '--db', db]);
      await promisify(execFile)(BIN, ['import', 'medquad', MEDQUAD, '--db', db],
        { timeout: 300_000, maxBuffer: 1 << 24 });
    },
    startTimeoutMs: 240_000,
    setupTimeoutMs: 480_000,
    announce: (baseUrl) => console.log(`# description checker over MedQuAD at ${baseUrl}/check`),
  });

  // Reads the page after a description: the triage box, the findings read,
  // and the conditions with their explanations and article links.
  async function readAnswer(page, text) {
    await describeAndWait(page, suite.baseUrl, text);
    const triage = page.locator('.triage');
    await expectVisible(triage, 'the triage box');
    const read = (await page.locator('.readings .chip:not(.chip-not) strong').allTextContents()).map(squash);
    const results = page.locator('.described-conditions .condition-result');
    await expectVisible(results.first(), 'the conditions');
    const names = (await results.locator('h3').allTextContents()).map(squash);
    // Triage comes before the list.
    const t = await triage.boundingBox();
    const l = await page.locator('.described-conditions').boundingBox();
    assert.ok(t && l && t.y + t.height <= l.y, 'triage shown before the conditions');
    return { triage, level: await triage.getAttribute('data-triage'), read, results, names };
  }

  // The first suggestion's explanation names findings the page read, and its
  // article link opens a page about it.
  async function explainedAndLinked(page, results, read) {
    const first = results.first();
    const explained = (await first.locator('.explain li.fits:not(.overall) strong').allTextContents()).map(squash);
    assert.ok(explained.length > 0, 'the first suggestion is explained');
    for (const f of explained) assert.ok(read.includes(f), `"${f}" is one of the findings read: ${read}`);
    const link = first.locator('.answer-source a');
    const href = await link.getAttribute('href');
    assert.match(href, /^\/articles\//);
    const title = squash(await link.textContent());
    const res = await page.request.get(`${suite.baseUrl}${href}`);
    assert.equal(res.status(), 200, `${href} opens`);
    assert.ok((await res.text()).includes(title.replace(/&/g, '&amp;').split(' ')[0]), `${href} is the article "${title}"`);
  }

  test('sore throat, runny nose: the common cold in the top 5, none rare, home care or a routine visit', { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(4 * STEP_TIMEOUT_MS);  // the first check may wait for the profiles
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      const { level, read, results, names, triage } = await readAnswer(page, 'sore throat, runny nose');
      assert.ok(['self_care', 'routine'].includes(level), `triage ${level}: ${squash(await triage.textContent())}`);
      assert.ok(names.slice(0, 5).some((n) => /^Common cold/i.test(n)), `the common cold in the top 5: ${names}`);
      for (const n of names.slice(0, 3)) assert.ok(!/\(rare\)/.test(n), `a rare disease in the top 3: ${names}`);
      assert.ok(read.some((f) => /runny nose/.test(f)), `read: ${read}`);
      await explainedAndLinked(page, results, read);
      if (level === 'self_care') {
        // Self care says what would change that.
        assert.match(squash(await triage.textContent()), /see a doctor|call/i);
      }
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'describe-medquad-cold.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  // The issue asks for the common cold family first. Today, over MedQuAD,
  // "Coronavirus Infections" and "Influenza" rank above "Common cold" (3rd;
  // the medicines topic no longer ranks as a condition): a ranking gap, kept
  // visible here.
  test('sore throat, runny nose: the common cold itself first', {
    timeout: 4 * TEST_TIMEOUT_MS,
    todo: 'ranking gap: Common cold is 3rd over MedQuAD (after Coronavirus Infections, Influenza)',
  }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(4 * STEP_TIMEOUT_MS);
    const page = await context.newPage();
    try {
      const { names } = await readAnswer(page, 'sore throat, runny nose');
      assert.match(names[0], /^Common cold/i, `first: ${names}`);
    } finally {
      await context.close();
    }
  });

  test('tired all the time and sad: common conditions, not a rare one', { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(4 * STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      const { read, results, names } = await readAnswer(page, 'I feel tired all the time and sad');
      for (const n of names.slice(0, 3)) assert.ok(!/\(rare\)/.test(n), `a rare disease in the top 3: ${names}`);
      assert.ok(!/vestibul/i.test(names[0]), `first: ${names[0]}`);
      await explainedAndLinked(page, results, read);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'describe-medquad-tired.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  // The list for this sentence is flat (every condition shares "tired" with
  // it) and Heart Failure, whose article says it "requires emergency
  // treatment", is within the likely share; matched on "tired" alone it asks
  // for a doctor, not for emergency care, and the reason says why.
  test('tired all the time and sad: not an emergency', { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(4 * STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      const { level, triage } = await readAnswer(page, 'I feel tired all the time and sad');
      assert.notEqual(level, 'emergency');
      assert.match(squash(await triage.textContent()), /doctor|home/i);
      assert.ok(squash(await triage.locator('.triage-reason').textContent()).length > 0, 'the level is explained');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  // A warning sign that has gone on for weeks asks for a doctor today, not
  // an ambulance, and the page says what would make it an emergency.
  test('coughing up blood for two months: a doctor today, and when to call emergency services', { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(4 * STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      const { level, triage } = await readAnswer(page, 'I have been coughing up blood for two months.');
      assert.equal(level, 'urgent', squash(await triage.textContent()));
      const reason = squash(await triage.locator('.triage-reason').textContent());
      assert.match(reason, /for weeks/);
      assert.match(reason, /call emergency services if/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('chest pain with sweating: emergency first, in plain words, explained', { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
    const context = await suite.browser.newContext({ viewport: PHONE });
    context.setDefaultTimeout(4 * STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const problems = watchPage(page, suite.baseUrl);
    try {
      const { level, read, results, triage } = await readAnswer(page, 'chest pain with sweating');
      assert.equal(level, 'emergency');
      assert.equal(await triage.getAttribute('role'), 'alert');
      const said = squash(await triage.textContent());
      assert.match(said, /emergency/i);
      // The reason names what in the description raised it.
      assert.match(squash(await triage.locator('.triage-reason').textContent()), /chest pain|sweat/i);
      await explainedAndLinked(page, results, read);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'describe-medquad-chest-pain-phone.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
